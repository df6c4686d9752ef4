using Switchyard.Domain.Common;

namespace Switchyard.Domain.Partners;

/// <summary>A vendor selling through the marketplace: the tenant (SEC-1).</summary>
public sealed class Partner : Entity<string>, IAudited
{
    private Partner() { }

    public string Name { get; private set; } = "";
    public PartnerStatus Status { get; private set; }
    public DateTimeOffset AppliedAt { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    public string? RejectionReason { get; private set; }

    public string? BusinessType { get; private set; }
    public string? AddressLine1 { get; private set; }
    public string? AddressLine2 { get; private set; }
    public string? City { get; private set; }
    public string? PostalCode { get; private set; }
    public string? Region { get; private set; }
    public string? Country { get; private set; }
    public string? Phone { get; private set; }
    public string? PublicName { get; private set; }
    public string? PublicWebsite { get; private set; }
    public string? SupportEmail { get; private set; }
    public string? RepresentativeName { get; private set; }
    public string? RepresentativeEmail { get; private set; }
    public string? RepresentativeTitle { get; private set; }

    public string PaymentProvider { get; private set; } = "embedded";
    public PaymentConnectionStatus PaymentStatus { get; private set; }
    public string? PaymentAccountRef { get; private set; }

    /// <summary>ONB-2: when the provider's latest applied report of the account was made (its event's time).</summary>
    public DateTimeOffset? PaymentStatusAsOf { get; private set; }

    public bool IsApproved => Status == PartnerStatus.Approved;

    /// <summary>ONB-1: a partner applies.</summary>
    public static Result<Partner> Apply(string? name, DateTimeOffset now)
    {
        var errors = new List<Error>();
        Validate.Required(errors, "name", name);
        if (errors.Count > 0)
        {
            return Result<Partner>.Failure(errors);
        }
        return new Partner { Id = Ids.New(Ids.Partner), Name = name!.Trim(), Status = PartnerStatus.Applied, AppliedAt = now };
    }

    /// <summary>ONB-1: an operator approves an applied partner.</summary>
    public Result<Unit> Approve(DateTimeOffset now)
    {
        if (Status != PartnerStatus.Applied)
        {
            return PartnerErrors.CannotDecide(Status);
        }
        Status = PartnerStatus.Approved;
        DecidedAt = now;
        return Result.Ok();
    }

    /// <summary>
    /// UX-5: the business details an operator needs to judge an application (business type, address, representative),
    /// in words; empty when all are there.
    /// </summary>
    public IReadOnlyList<string> MissingBusinessDetails()
    {
        var missing = new List<string>();
        if (string.IsNullOrWhiteSpace(BusinessType))
        {
            missing.Add("business type");
        }
        if (string.IsNullOrWhiteSpace(AddressLine1) || string.IsNullOrWhiteSpace(City) || string.IsNullOrWhiteSpace(Country))
        {
            missing.Add("address");
        }
        if (string.IsNullOrWhiteSpace(RepresentativeName))
        {
            missing.Add("representative");
        }
        return missing;
    }

    /// <summary>ONB-1: an operator rejects an applied partner, saying why.</summary>
    public Result<Unit> Reject(string? reason, DateTimeOffset now)
    {
        if (Status != PartnerStatus.Applied)
        {
            return PartnerErrors.CannotDecide(Status);
        }
        if (string.IsNullOrWhiteSpace(reason))
        {
            return PartnerErrors.ReasonRequired;
        }
        Status = PartnerStatus.Rejected;
        RejectionReason = reason.Trim();
        DecidedAt = now;
        return Result.Ok();
    }

    /// <summary>ONB-1: products and offers need an approved partner.</summary>
    public Result<Unit> EnsureApproved() => IsApproved ? Result.Ok() : PartnerErrors.NotApproved;

    public AccountDetails Details => new()
    {
        BusinessType = BusinessType,
        AddressLine1 = AddressLine1,
        AddressLine2 = AddressLine2,
        City = City,
        PostalCode = PostalCode,
        Region = Region,
        Country = Country,
        Phone = Phone,
        PublicName = PublicName,
        PublicWebsite = PublicWebsite,
        SupportEmail = SupportEmail,
        RepresentativeName = RepresentativeName,
        RepresentativeEmail = RepresentativeEmail,
        RepresentativeTitle = RepresentativeTitle,
    };

    /// <summary>ONB-3: edits business details; every problem is reported, nothing changes on failure.</summary>
    public Result<Unit> UpdateDetails(AccountDetails change, string? newName = null)
    {
        var merged = Merge(Details, change);
        var errors = new List<Error>();
        if (newName is not null)
        {
            Validate.Required(errors, "name", newName);
        }
        if (!string.IsNullOrEmpty(merged.BusinessType) && !BusinessTypes.All.Contains(merged.BusinessType, StringComparer.Ordinal))
        {
            errors.Add(Errors.Validation("invalidBusinessType", "businessType",
                $"Business type is one of {string.Join(", ", BusinessTypes.All)}."));
        }
        foreach (var (field, value) in new[]
        {
            ("addressLine1", merged.AddressLine1), ("addressLine2", merged.AddressLine2), ("city", merged.City),
            ("postalCode", merged.PostalCode), ("region", merged.Region), ("publicName", merged.PublicName),
            ("representativeName", merged.RepresentativeName), ("representativeTitle", merged.RepresentativeTitle),
        })
        {
            Validate.MaxLength(errors, field, value);
        }
        Validate.Country(errors, "country", merged.Country);
        Validate.Phone(errors, "phone", merged.Phone);
        Validate.Url(errors, "publicWebsite", merged.PublicWebsite);
        Validate.Email(errors, "supportEmail", merged.SupportEmail, required: false);
        Validate.Email(errors, "representativeEmail", merged.RepresentativeEmail, required: false);
        if (errors.Count > 0)
        {
            return Result<Unit>.Failure(errors);
        }

        if (newName is not null)
        {
            Name = newName.Trim();
        }
        BusinessType = merged.BusinessType;
        AddressLine1 = merged.AddressLine1;
        AddressLine2 = merged.AddressLine2;
        City = merged.City;
        PostalCode = merged.PostalCode;
        Region = merged.Region;
        Country = merged.Country;
        Phone = merged.Phone;
        PublicName = merged.PublicName;
        PublicWebsite = merged.PublicWebsite;
        SupportEmail = merged.SupportEmail;
        RepresentativeName = merged.RepresentativeName;
        RepresentativeEmail = merged.RepresentativeEmail;
        RepresentativeTitle = merged.RepresentativeTitle;
        return Result.Ok();
    }

    /// <summary>ONB-2: payment-account onboarding has started with a provider.</summary>
    public Result<Unit> StartPaymentOnboarding(string provider, string? accountRef)
    {
        if (PaymentStatus == PaymentConnectionStatus.Connected)
        {
            return Errors.Conflict("paymentAlreadyConnected", "The payment account is already connected.");
        }
        PaymentProvider = provider;
        PaymentAccountRef = accountRef;
        PaymentStatus = PaymentConnectionStatus.Onboarding;
        return Result.Ok();
    }

    /// <summary>ONB-2: the provider reports charges and payouts enabled.</summary>
    public void MarkPaymentConnected() => PaymentStatus = PaymentConnectionStatus.Connected;

    /// <summary>ONB-2: the provider asks for more information.</summary>
    public void MarkPaymentRestricted() => PaymentStatus = PaymentConnectionStatus.Restricted;

    /// <summary>
    /// ONB-2: the provider reports the account's state as of <paramref name="asOf"/> (e.g. Stripe's
    /// <c>account.updated</c>). A report no newer than the last one applied changes nothing, so events
    /// arriving out of order never move the account back. Returns whether the status changed.
    /// </summary>
    public bool ApplyPaymentAccountState(PaymentConnectionStatus status, DateTimeOffset asOf)
    {
        if (status == PaymentConnectionStatus.NotConnected || PaymentStatusAsOf is { } last && asOf <= last)
        {
            return false;
        }
        PaymentStatusAsOf = asOf;
        var changed = PaymentStatus != status;
        PaymentStatus = status;
        return changed;
    }

    /// <summary>ONB-2: offers can be sent only from a connected account.</summary>
    public bool CanSendOffers => PaymentStatus == PaymentConnectionStatus.Connected;

    private static AccountDetails Merge(AccountDetails current, AccountDetails change) => new()
    {
        BusinessType = Pick(change.BusinessType, current.BusinessType),
        AddressLine1 = Pick(change.AddressLine1, current.AddressLine1),
        AddressLine2 = Pick(change.AddressLine2, current.AddressLine2),
        City = Pick(change.City, current.City),
        PostalCode = Pick(change.PostalCode, current.PostalCode),
        Region = Pick(change.Region, current.Region),
        Country = Pick(change.Country, current.Country),
        Phone = Pick(change.Phone, current.Phone),
        PublicName = Pick(change.PublicName, current.PublicName),
        PublicWebsite = Pick(change.PublicWebsite, current.PublicWebsite),
        SupportEmail = Pick(change.SupportEmail, current.SupportEmail),
        RepresentativeName = Pick(change.RepresentativeName, current.RepresentativeName),
        RepresentativeEmail = Pick(change.RepresentativeEmail, current.RepresentativeEmail),
        RepresentativeTitle = Pick(change.RepresentativeTitle, current.RepresentativeTitle),
    };

    // null: keep; "": clear; otherwise the trimmed new value.
    private static string? Pick(string? change, string? current) =>
        change is null ? current : change.Trim() is { Length: > 0 } trimmed ? trimmed : null;
}
