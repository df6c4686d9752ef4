using Switchyard.Domain.Common;
using Switchyard.Domain.Customers;
using Switchyard.Domain.Orders;

namespace Switchyard.Domain.Offers;

/// <summary>
/// A private offer from a partner to one customer org: created as a draft, priced by its items,
/// sent, then accepted (creating an order), rejected, errored or expired.
/// </summary>
/// <remarks>
/// Mapped by EF Core: private setters, a private parameterless constructor, items in a private list.
/// Every rule method returns every problem it finds and changes nothing when it fails.
/// </remarks>
public sealed partial class Offer : Entity<OfferId>, IPartnerOwned, IAudited
{
    public const int MaxItems = 100;
    public const int MaxTermsLength = 20_000;
    public const int MaxReasonLength = Validate.MaxReasonLength;

    private readonly List<OfferItem> _items = [];

    private Offer() { }

    public string PartnerId { get; private set; } = "";
    public CustomerId CustomerId { get; private set; }

    /// <summary>Canonical 18-character org id where the licenses apply (OFF-3).</summary>
    public CustomerOrgId CustomerOrgId { get; private set; }
    public OfferType Type { get; private set; }
    public OrderId? ParentOrderId { get; private set; }

    /// <summary>The parent order's term, kept for proration (OFF-7); null on an initial offer.</summary>
    public DateOnly? ParentTermStart { get; private set; }
    public DateOnly? ParentTermEnd { get; private set; }

    public OfferStatus Status { get; private set; }

    /// <summary>OFF-10: why the offer is in Error (an <see cref="OfferIssues"/> code).</summary>
    public string? ErrorCode { get; private set; }

    public string TermSet { get; private set; } = "";
    public int ContractTermMonths { get; private set; }
    public DateOnly ServiceStartDate { get; private set; }

    /// <summary>Initial: start + 12 months − 1 day; add-on: the parent's end (OFF-6).</summary>
    public DateOnly EndDate { get; private set; }
    public DateOnly ValidUntil { get; private set; }
    public string? PartnerPo { get; private set; }
    public string? CustomerPo { get; private set; }
    public string? Opportunity { get; private set; }
    public string Terms { get; private set; } = "";
    public string RecipientEmail { get; private set; } = "";
    public string? BillingEmail { get; private set; }
    public string CurrencyCode { get; private set; } = "";
    public long SubtotalMinor { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? SentAt { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }

    /// <summary>OFF-12: whether a tax exemption was on file at acceptance; fixed from then on.</summary>
    public bool TaxExempt { get; private set; }
    public string? AcceptedBy { get; private set; }
    public OrderId? OrderId { get; private set; }
    public string? RejectionReason { get; private set; }

    public IReadOnlyList<OfferItem> Items => _items;

    public Currency Currency => Currency.From(CurrencyCode);
    public Money Subtotal => new(SubtotalMinor, Currency);

    /// <summary>OFF-3: the billing email, or the recipient when none was given.</summary>
    public string EffectiveBillingEmail => BillingEmail ?? RecipientEmail;

    /// <summary>OFF-10: the current error can only be cleared by an operator.</summary>
    public bool ErrorNeedsOperator => Status == OfferStatus.Error && ErrorCode is { } code && OfferIssues.NeedsOperator(code);

    /// <summary>OFF-7: how this offer's lines are prorated; null for an initial offer (full term).</summary>
    public Proration? Proration => Type == OfferType.AddOn
        ? new Proration(ServiceStartDate, ParentTermStart!.Value, ParentTermEnd!.Value)
        : null;

    /// <summary>
    /// Creates a draft. OFF-1: the type follows from the customer's active order. OFF-2: only
    /// net30UpfrontAnnual over 12 months. OFF-3: fields and org id checked. OFF-6: an add-on ends
    /// with its parent and starts inside its term. Dates may not be in the past.
    /// </summary>
    public static Result<Offer> Create(OfferDraft input, CustomerContext ctx, DateOnly today, DateTimeOffset now)
    {
        var parent = ctx.ActiveOrder;
        var fields = new OfferFields(input.TermSet?.Trim(), input.ContractTermMonths, input.ServiceStartDate, input.ValidUntil,
            Clean(input.PartnerPo), Clean(input.CustomerPo), Clean(input.Opportunity), Clean(input.Terms),
            Clean(input.RecipientEmail), Clean(input.BillingEmail), Clean(input.Currency)?.ToUpperInvariant());
        var errors = fields.Check(parent, today, checkStartInPast: true, checkValidUntilInPast: true);
        if (input.CustomerOrgId is not null)
        {
            var orgErrors = OrgIds.Validate(input.CustomerOrgId, "customerOrgId");
            errors.AddRange(orgErrors);
            if (orgErrors.Count == 0 && CustomerOrgId.Canonical(input.CustomerOrgId) != ctx.CustomerOrgId)
            {
                errors.Add(OfferErrors.CustomerOrgMismatch);
            }
        }
        if (errors.Count > 0)
        {
            return Result<Offer>.Failure(errors);
        }

        var offer = new Offer
        {
            Id = OfferId.New(),
            PartnerId = ctx.PartnerId,
            CustomerId = ctx.CustomerId,
            CustomerOrgId = ctx.CustomerOrgId,
            Type = parent is null ? OfferType.Initial : OfferType.AddOn,
            ParentOrderId = parent?.OrderId,
            ParentTermStart = parent?.TermStart,
            ParentTermEnd = parent?.TermEnd,
            Status = OfferStatus.Draft,
            CreatedAt = now,
        };
        offer.Apply(fields);
        return offer;
    }

    /// <summary>
    /// Edits a draft. OFF-4/OFF-9: anything but a draft answers a conflict. OFF-6: on an add-on only
    /// partnerPo, customerPo, serviceStartDate, validUntil, opportunity and recipientEmail change, and
    /// a different end date is refused (addOnEndDateFixed). OFF-2 and OFF-3 are checked again.
    /// </summary>
    public Result<Unit> Edit(OfferChanges changes, DateOnly today)
    {
        if (Status != OfferStatus.Draft)
        {
            return OfferErrors.NotEditable(Status);
        }
        var current = CurrentFields();
        var next = current with
        {
            TermSet = changes.TermSet is null ? current.TermSet : changes.TermSet.Trim(),
            ContractTermMonths = changes.ContractTermMonths ?? current.ContractTermMonths,
            ServiceStartDate = changes.ServiceStartDate ?? current.ServiceStartDate,
            ValidUntil = changes.ValidUntil ?? current.ValidUntil,
            PartnerPo = Pick(changes.PartnerPo, current.PartnerPo),
            CustomerPo = Pick(changes.CustomerPo, current.CustomerPo),
            Opportunity = Pick(changes.Opportunity, current.Opportunity),
            Terms = Pick(changes.Terms, current.Terms),
            RecipientEmail = Pick(changes.RecipientEmail, current.RecipientEmail),
            BillingEmail = Pick(changes.BillingEmail, current.BillingEmail),
            Currency = Pick(changes.Currency, current.Currency)?.ToUpperInvariant(),
        };

        var errors = new List<Error>();
        if (Type == OfferType.AddOn)
        {
            // OFF-6: these come from the parent order, so they cannot differ on the add-on.
            AddFixedFieldError(errors, "termSet", current.TermSet, next.TermSet);
            AddFixedFieldError(errors, "contractTermMonths", current.ContractTermMonths, next.ContractTermMonths);
            AddFixedFieldError(errors, "terms", current.Terms, next.Terms);
            AddFixedFieldError(errors, "billingEmail", current.BillingEmail, next.BillingEmail);
            AddFixedFieldError(errors, "currency", current.Currency, next.Currency);
        }
        var nextEnd = EndDateFor(next.ServiceStartDate);
        if (changes.EndDate is { } end && end != nextEnd)
        {
            errors.Add(Type == OfferType.AddOn ? OfferErrors.AddOnEndDateFixed : OfferErrors.EndDateDerived);
        }
        if (_items.Count > 0 && !string.Equals(next.Currency, current.Currency, StringComparison.Ordinal))
        {
            errors.Add(OfferErrors.CurrencyFixedWithItems);
        }
        errors.AddRange(next.Check(ParentForChecks(), today,
            checkStartInPast: next.ServiceStartDate != current.ServiceStartDate,
            checkValidUntilInPast: next.ValidUntil != current.ValidUntil));
        if (errors.Count > 0)
        {
            return Result<Unit>.Failure(errors.Distinct().ToList());
        }
        Apply(next);
        return Result.Ok();
    }

    /// <summary>TIM-1, OFF-13: the instant the offer lapses: the end of its valid-until day in the marketplace zone.</summary>
    public DateTimeOffset ExpiresAt(MarketplaceCalendar calendar) => calendar.EndOf(ValidUntil);

    private OfferFields CurrentFields() => new(TermSet, ContractTermMonths, ServiceStartDate, ValidUntil, PartnerPo, CustomerPo,
        Opportunity, Terms, RecipientEmail, BillingEmail, CurrencyCode);

    private ParentOrder? ParentForChecks() => Type == OfferType.AddOn
        ? new ParentOrder(ParentOrderId!.Value, ParentTermStart!.Value, ParentTermEnd!.Value, CurrencyCode)
        : null;

    private DateOnly EndDateFor(DateOnly? start) => Type switch
    {
        OfferType.AddOn => ParentTermEnd!.Value,
        OfferType.Initial => start is { } s ? OfferTerms.EndOfTerm(s) : EndDate,
    };

    // Only called with fields that passed Check, so the required values are present.
    private void Apply(OfferFields f)
    {
        TermSet = f.TermSet!;
        ContractTermMonths = f.ContractTermMonths!.Value;
        ServiceStartDate = f.ServiceStartDate!.Value;
        EndDate = EndDateFor(ServiceStartDate);
        ValidUntil = f.ValidUntil!.Value;
        PartnerPo = f.PartnerPo;
        CustomerPo = f.CustomerPo;
        Opportunity = f.Opportunity;
        Terms = f.Terms!;
        RecipientEmail = f.RecipientEmail!;
        BillingEmail = f.BillingEmail;
        CurrencyCode = f.Currency!;
        Reprice();
    }

    private static void AddFixedFieldError<T>(List<Error> errors, string field, T current, T next)
    {
        if (!EqualityComparer<T>.Default.Equals(current, next))
        {
            errors.Add(OfferErrors.AddOnFieldFixed(field));
        }
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    // null: keep; "" or blank: clear; otherwise the trimmed new value.
    private static string? Pick(string? change, string? current) => change is null ? current : Clean(change);
}
