namespace Switchyard.Domain.Offers;

/// <summary>OFF-2: the only commercial terms the marketplace supports.</summary>
public static class OfferTerms
{
    /// <summary>NET30 payment, billed upfront for the year.</summary>
    public const string Net30UpfrontAnnual = "net30UpfrontAnnual";

    /// <summary>Contract term in months; nothing else is accepted.</summary>
    public const int ContractTermMonths = 12;

    /// <summary>The last day of a 12-month term starting on <paramref name="start"/> (both ends count).</summary>
    /// <remarks>Never throws: a start too close to the end of the calendar (refused by the checks) ends on its last day.</remarks>
    public static DateOnly EndOfTerm(DateOnly start) =>
        start > DateOnly.MaxValue.AddMonths(-ContractTermMonths) ? DateOnly.MaxValue : start.AddMonths(ContractTermMonths).AddDays(-1);
}
