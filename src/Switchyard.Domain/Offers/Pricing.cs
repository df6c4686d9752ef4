using Switchyard.Domain.Common;

namespace Switchyard.Domain.Offers;

/// <summary>
/// The add-on part of a line's price: it runs from <see cref="Start"/> to the parent's end, out of the
/// parent's whole term. Both ends of each range count (OFF-7).
/// </summary>
public readonly record struct Proration(DateOnly Start, DateOnly ParentStart, DateOnly ParentEnd)
{
    /// <summary>Days the add-on runs: start to parent end, inclusive (2027-07-01..2027-12-31 = 184).</summary>
    public int Days => Pricing.DaysInclusive(Start, ParentEnd);

    /// <summary>Days in the parent's term, inclusive (2027-01-01..2027-12-31 = 365).</summary>
    public int ParentDays => Pricing.DaysInclusive(ParentStart, ParentEnd);

    public bool IsValid => ParentStart <= ParentEnd && Start >= ParentStart && Start <= ParentEnd;
}

/// <summary>OFF-7: how offer lines and subtotals are priced. The one place proration happens.</summary>
public static class Pricing
{
    /// <summary>
    /// OFF-7: a line's total. Initial (no proration): quantity × monthly unit price × 12.
    /// Add-on: that × (add-on days ÷ parent-term days), computed exactly in decimal and rounded once,
    /// to the currency's minor unit, half away from zero (<see cref="Money.Round"/>).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A non-positive quantity, a negative price or an add-on
    /// starting outside its parent's term: callers validate these first, so reaching here is a bug.</exception>
    public static Money LineTotal(int quantity, Money unitPriceMonthly, Proration? proration)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(quantity);
        ArgumentOutOfRangeException.ThrowIfNegative(unitPriceMonthly.Minor, nameof(unitPriceMonthly));
        var fullTerm = unitPriceMonthly.Amount * quantity * OfferTerms.ContractTermMonths;
        if (proration is not { } p)
        {
            return Money.Round(fullTerm, unitPriceMonthly.Currency);
        }
        if (!p.IsValid)
        {
            throw new ArgumentOutOfRangeException(nameof(proration), p, "An add-on starts inside its parent's term.");
        }
        // Multiply before dividing: the only inexact step is the single division, whose error
        // (< 1e-20 of a minor unit) cannot move a value across a rounding midpoint.
        return Money.Round(fullTerm * p.Days / p.ParentDays, unitPriceMonthly.Currency);
    }

    /// <summary>OFF-7: the subtotal is the sum of the already-rounded lines (never re-rounded).</summary>
    public static Money Subtotal(IEnumerable<Money> lineTotals, Currency currency) => Money.Sum(lineTotals, currency);

    /// <summary>Days from <paramref name="from"/> to <paramref name="to"/>, counting both.</summary>
    public static int DaysInclusive(DateOnly from, DateOnly to) => to.DayNumber - from.DayNumber + 1;

    /// <summary>
    /// Whether a full-term line of this size fits the minor-unit range with room for a subtotal of
    /// many such lines (keeps every later sum exact instead of overflowing).
    /// </summary>
    public static bool FitsRange(int quantity, Money unitPriceMonthly) =>
        (Int128)quantity * unitPriceMonthly.Minor * OfferTerms.ContractTermMonths <= MaxLineMinor;

    /// <summary>10^15 minor units: far above any real order, far below long overflow even summed over every item.</summary>
    public const long MaxLineMinor = 1_000_000_000_000_000;
}
