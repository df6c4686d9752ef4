using System.Globalization;

namespace Switchyard.Domain.PlanMigration;

/// <summary>A reason a request cannot be opened, and what to do instead.</summary>
public sealed record Blocker(string Code, string Message, string? Suggestion);

/// <summary>
/// PLN-2: checked before anything happens. A debt cannot move between plans, so it must be settled
/// first; fiscal billing info that differs from the source's means a different legal entity, so the
/// answer is to churn the source and open a new account instead.
/// </summary>
public static class Blockers
{
    public const string OutstandingDebt = "outstandingDebt";
    public const string FiscalInfoDiffers = "fiscalInfoDiffers";

    public static IReadOnlyList<Blocker> For(Account source, Plan targetPlan, string? companyName, string? vatNumber)
    {
        var blockers = new List<Blocker>();
        if (source.OutstandingDebtMinor > 0)
        {
            blockers.Add(new Blocker(OutstandingDebt,
                string.Create(CultureInfo.InvariantCulture, $"The account owes {source.OutstandingDebt.Amount:N2} {source.CurrencyCode}; a debt cannot be carried over to another plan."),
                "Settle the debt on the current account, then open the request again."));
        }
        var companyDiffers = companyName is not null && Company(companyName) != Company(source.CompanyName);
        var vatDiffers = vatNumber is not null && Vat(vatNumber) != Vat(source.VatNumber);
        if (companyDiffers || vatDiffers)
        {
            var what = (companyDiffers, vatDiffers) switch
            {
                (true, true) => "company name and VAT number",
                (true, false) => "company name",
                _ => "VAT number",
            };
            blockers.Add(new Blocker(FiscalInfoDiffers,
                $"The new contract's {what} differ from the current account's, so this is a different legal entity and not a plan change.",
                $"Churn the current account and open a new {PlanName(targetPlan)} account instead."));
        }
        return blockers;
    }

    public static string PlanName(Plan plan) => plan switch
    {
        Plan.Pro => "Pro",
        Plan.Connect => "Connect",
    };

    private static string Company(string value) =>
        string.Join(' ', value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToUpperInvariant();

    private static string Vat(string value) =>
        new([.. value.Where(char.IsAsciiLetterOrDigit).Select(char.ToUpperInvariant)]);
}
