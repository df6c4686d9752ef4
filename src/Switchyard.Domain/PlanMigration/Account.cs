using System.Globalization;
using System.Text;

using Switchyard.Domain.Common;

namespace Switchyard.Domain.PlanMigration;

/// <summary>
/// PLN-1: a venue on one plan: status, outstanding debt, fiscal billing info, the assets that can move
/// (marketplace page, reviews, widgets), appointments, online booking, billing, a normalised name and
/// the account it came from.
/// </summary>
public sealed class Account : Entity<string>, IAudited
{
    public const int MaxReviews = 10_000_000;

    private Account() { }

    public string Name { get; private set; } = "";

    /// <summary>PLN-3: a lower-case slug of the name; a source account moved away carries the migrated mark.</summary>
    public string NormalisedName { get; private set; } = "";
    public Plan Plan { get; private set; }
    public AccountStatus Status { get; private set; }
    public long OutstandingDebtMinor { get; private set; }
    public string CurrencyCode { get; private set; } = "EUR";
    public string CompanyName { get; private set; } = "";
    public string VatNumber { get; private set; } = "";

    /// <summary>PLN-3: the marketplace page's address, or null when the page is elsewhere.</summary>
    public string? MarketplacePage { get; private set; }
    public bool PagePublished { get; private set; }
    public int Reviews { get; private set; }
    public int Widgets { get; private set; }
    public int Appointments { get; private set; }
    public bool OnlineBooking { get; private set; }
    public bool BillingActive { get; private set; }
    public string? ContactEmail { get; private set; }

    /// <summary>The account this one was opened from by a migration, if any.</summary>
    public string? SourceAccountId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public Currency Currency => Currency.From(CurrencyCode);
    public Money OutstandingDebt => new(OutstandingDebtMinor, Currency);

    /// <summary>PLN-3: true while the normalised name says the venue moved to another plan.</summary>
    public bool IsMarkedMigrated => NormalisedName.Contains(MigratedMark, StringComparison.Ordinal);

    private const string MigratedMark = "-migrated-to-";

    public static Result<Account> Create(AccountInput input, DateTimeOffset now)
    {
        var errors = new List<Error>();
        TextRules.Check(errors, "name", input.Name, Validate.MaxNameLength, required: true);
        TextRules.Check(errors, "fiscalInfo.companyName", input.CompanyName, Validate.MaxNameLength, required: true);
        TextRules.Check(errors, "fiscalInfo.vatNumber", input.VatNumber, 30, required: true);
        Validate.Email(errors, "contactEmail", input.ContactEmail, required: false);
        TextRules.Check(errors, "marketplacePage", input.MarketplacePage, 300);
        Validate.Url(errors, "marketplacePage", input.MarketplacePage);
        Currency? currency = null;
        if (string.IsNullOrWhiteSpace(input.Currency))
        {
            errors.Add(Errors.Required("currency"));
        }
        else if (Currency.TryFrom(input.Currency, out var c))
        {
            currency = c;
        }
        else
        {
            errors.Add(Errors.Validation("unknownCurrency", "currency", "Give an ISO 4217 currency code such as EUR."));
        }
        Money debt = default;
        if (input.OutstandingDebt is { } amount && currency is not null)
        {
            if (amount < 0 || amount > 1_000_000_000m)
            {
                errors.Add(Errors.Validation("outOfRange", "outstandingDebt", "The outstanding debt is between 0 and 1,000,000,000."));
            }
            else
            {
                var money = Money.FromAmount(amount, currency, "outstandingDebt");
                if (money.IsFailure)
                {
                    errors.AddRange(money.Errors);
                }
                else
                {
                    debt = money.Value;
                }
            }
        }
        Count(errors, "reviews", input.Reviews);
        Count(errors, "widgets", input.Widgets);
        Count(errors, "appointments", input.Appointments);
        if (errors.Count > 0)
        {
            return Result<Account>.Failure(errors);
        }
        var name = input.Name!.Trim();
        return new Account
        {
            Id = Ids.New(Ids.Account),
            Name = name,
            NormalisedName = Normalise(name),
            Plan = input.Plan,
            Status = AccountStatus.Active,
            OutstandingDebtMinor = debt.Minor,
            CurrencyCode = currency!.Code,
            CompanyName = input.CompanyName!.Trim(),
            VatNumber = input.VatNumber!.Trim(),
            MarketplacePage = string.IsNullOrWhiteSpace(input.MarketplacePage) ? null : input.MarketplacePage.Trim(),
            PagePublished = !string.IsNullOrWhiteSpace(input.MarketplacePage),
            Reviews = input.Reviews ?? 0,
            Widgets = input.Widgets ?? 0,
            Appointments = input.Appointments ?? 0,
            OnlineBooking = input.OnlineBooking ?? true,
            BillingActive = input.BillingActive ?? true,
            ContactEmail = string.IsNullOrWhiteSpace(input.ContactEmail) ? null : input.ContactEmail.Trim(),
            CreatedAt = now,
        };
    }

    /// <summary>The account a migration opens on the target plan: pending until activation, no assets yet.</summary>
    internal static Account OpenTarget(Account source, Plan target, DateTimeOffset now) => new()
    {
        Id = Ids.New(Ids.Account),
        Name = source.Name,
        NormalisedName = Normalise(source.Name),
        Plan = target,
        Status = AccountStatus.Pending,
        CurrencyCode = source.CurrencyCode,
        CompanyName = source.CompanyName,
        VatNumber = source.VatNumber,
        ContactEmail = source.ContactEmail,
        SourceAccountId = source.Id,
        CreatedAt = now,
    };

    /// <summary>A lower-case slug: letters and digits, other runs of characters as one dash.</summary>
    public static string Normalise(string name)
    {
        var text = name.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(text.Length);
        var dash = false;
        foreach (var ch in text)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(ch) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            if (char.IsAsciiLetterOrDigit(ch))
            {
                builder.Append(char.ToLowerInvariant(ch));
                dash = false;
            }
            else if (!dash && builder.Length > 0)
            {
                builder.Append('-');
                dash = true;
            }
        }
        return builder.ToString().TrimEnd('-');
    }

    /// <summary>PLN-3: page, reviews and widgets leave this account for the target; the source is marked migrated.</summary>
    internal void MoveAssetsTo(Account target)
    {
        target.MarketplacePage = MarketplacePage;
        target.PagePublished = PagePublished;
        target.Reviews += Reviews;
        target.Widgets += Widgets;
        MarketplacePage = null;
        PagePublished = false;
        Reviews = 0;
        Widgets = 0;
        NormalisedName = Normalise(Name) + MigratedMark + target.Plan.ToString().ToLowerInvariant();
    }

    /// <summary>PLN-6: the undo moves page, reviews and widgets back from the target and removes the mark.</summary>
    internal void TakeAssetsBackFrom(Account moved)
    {
        MarketplacePage = moved.MarketplacePage;
        Reviews += moved.Reviews;
        Widgets += moved.Widgets;
        moved.MarketplacePage = null;
        moved.PagePublished = false;
        moved.Reviews = 0;
        moved.Widgets = 0;
        NormalisedName = Normalise(Name);
    }

    internal void Activate()
    {
        Status = AccountStatus.Active;
        OnlineBooking = true;
    }

    internal void StartBilling() => BillingActive = true;

    /// <summary>A migrated source stops billing and is disabled (kept, so an undo can reactivate it).</summary>
    internal void Disable()
    {
        Status = AccountStatus.Disabled;
        BillingActive = false;
        OnlineBooking = false;
    }

    internal void PublishPage() => PagePublished = MarketplacePage is not null;

    internal void DisableOnlineBooking() => OnlineBooking = false;

    internal void MoveAppointmentsTo(Account target)
    {
        target.Appointments += Appointments;
        Appointments = 0;
    }

    /// <summary>PLN-6: stopping billing churns the account and removes its agenda.</summary>
    internal void Churn()
    {
        BillingActive = false;
        Status = AccountStatus.Churned;
        OnlineBooking = false;
    }

    /// <summary>An operator records that the debt was settled (PLN-2 then no longer blocks).</summary>
    public Result<Unit> SetOutstandingDebt(decimal amount)
    {
        if (amount < 0 || amount > 1_000_000_000m)
        {
            return Errors.Validation("outOfRange", "outstandingDebt", "The outstanding debt is between 0 and 1,000,000,000.");
        }
        var money = Money.FromAmount(amount, Currency, "outstandingDebt");
        if (money.IsFailure)
        {
            return Result<Unit>.Failure(money.Errors);
        }
        OutstandingDebtMinor = money.Value.Minor;
        return Result.Ok();
    }

    private static void Count(List<Error> errors, string field, int? value)
    {
        if (value is < 0 or > MaxReviews)
        {
            errors.Add(Errors.Validation("outOfRange", field, $"'{field}' is between 0 and {MaxReviews:N0}."));
        }
    }
}

/// <summary>What an operator gives to register a venue (PLN-1).</summary>
public sealed record AccountInput(
    string? Name,
    Plan Plan,
    decimal? OutstandingDebt,
    string? Currency,
    string? CompanyName,
    string? VatNumber,
    string? MarketplacePage = null,
    int? Reviews = null,
    int? Widgets = null,
    int? Appointments = null,
    bool? OnlineBooking = null,
    bool? BillingActive = null,
    string? ContactEmail = null);
