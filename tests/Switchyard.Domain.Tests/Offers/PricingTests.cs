using CsCheck;

using Switchyard.Domain.Common;
using Switchyard.Domain.Offers;

namespace Switchyard.Domain.Tests.Offers;

/// <summary>OFF-7: line totals, proration by days (both ends counted) and rounding per line.</summary>
public class PricingTests
{
    private static readonly DateOnly ParentStart = new(2027, 1, 1);
    private static readonly DateOnly ParentEnd = new(2027, 12, 31);

    [Fact]
    [Trait("rule", "OFF-7")]
    public void LineTotal_Initial_IsQuantityTimesMonthlyTimesTwelve_OFF7()
    {
        var line = Pricing.LineTotal(10, new Money(10_000, Currency.USD), proration: null);
        Assert.Equal(1_200_000, line.Minor); // 10 × 100.00 × 12 = 12,000.00
    }

    [Fact]
    [Trait("rule", "OFF-7")]
    public void Proration_ParentTerm2027AddOnFromJuly_Counts184Of365Days_OFF7()
    {
        var p = new Proration(new DateOnly(2027, 7, 1), ParentStart, ParentEnd);
        Assert.Equal(184, p.Days);
        Assert.Equal(365, p.ParentDays);
    }

    [Fact]
    [Trait("rule", "OFF-7")]
    public void LineTotal_AddOnFromJuly_ProratesBy184Of365_OFF7()
    {
        var line = Pricing.LineTotal(15, new Money(10_000, Currency.USD), new Proration(new DateOnly(2027, 7, 1), ParentStart, ParentEnd));
        // 15 × 100 × 12 × 184 / 365 = 9073.972602… → 9073.97
        Assert.Equal(907_397, line.Minor);
    }

    [Theory]
    [Trait("rule", "OFF-7")]
    [InlineData("2027-01-01", 1, 100.00, 120_000)]        // full term = initial price
    [InlineData("2027-12-31", 1, 100.00, 329)]            // 1200 × 1/365 = 3.2876… → 3.29
    [InlineData("2027-07-01", 3, 9.99, 18_130)]           // 3 × 9.99 × 12 = 359.64; × 184/365 = 181.2979… → 181.30
    [InlineData("2027-10-01", 7, 0.01, 21)]               // 0.84 × 92/365 = 0.2117… → 0.21
    [InlineData("2027-07-01", 2, 0, 0)]                   // free lines stay free
    public void LineTotal_AddOnTable_RoundsEachLineToCents_OFF7(string start, int quantity, double unit, long expectedMinor)
    {
        var unitPrice = Money.FromAmount((decimal)unit, Currency.USD).Value;
        var line = Pricing.LineTotal(quantity, unitPrice, new Proration(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), ParentStart, ParentEnd));
        Assert.Equal(expectedMinor, line.Minor);
    }

    [Fact]
    [Trait("rule", "OFF-7")]
    public void LineTotal_LeapYearParent_Uses366Days_OFF7()
    {
        var p = new Proration(new DateOnly(2028, 7, 1), new DateOnly(2028, 1, 1), new DateOnly(2028, 12, 31));
        Assert.Equal(366, p.ParentDays);
        Assert.Equal(184, p.Days);
        // 1 × 366 × 12 × 184 / 366 = 2208.00 exactly
        Assert.Equal(220_800, Pricing.LineTotal(1, new Money(36_600, Currency.USD), p).Minor);
    }

    [Fact]
    [Trait("rule", "OFF-7")]
    public void LineTotal_ExactHalfMinorUnit_RoundsAwayFromZero_OFF7()
    {
        // Parent of 2 days, add-on for 1: 0.01 × 12 × 1 / 2 = 0.06 (exact), and 1 JPY × 12 × 1/8 = 1.5 → 2.
        var twoDays = new Proration(new DateOnly(2027, 1, 2), new DateOnly(2027, 1, 1), new DateOnly(2027, 1, 2));
        Assert.Equal(6, Pricing.LineTotal(1, new Money(1, Currency.USD), twoDays).Minor);
        var eightDays = new Proration(new DateOnly(2027, 1, 8), new DateOnly(2027, 1, 1), new DateOnly(2027, 1, 8));
        Assert.Equal(2, Pricing.LineTotal(1, new Money(1, Currency.JPY), eightDays).Minor);
        // 0.005 BHD-style midpoint at 3 digits: 0.001 × 12 × 1/24 = 0.0005 → 0.001
        var day24 = new Proration(new DateOnly(2027, 1, 24), new DateOnly(2027, 1, 1), new DateOnly(2027, 1, 24));
        Assert.Equal(1, Pricing.LineTotal(1, new Money(1, Currency.BHD), day24).Minor);
    }

    [Fact]
    [Trait("rule", "OFF-7")]
    public void LineTotal_Jpy_HasNoMinorDigits_OFF7()
    {
        // 3 × ¥1,000 × 12 × 184/365 = 18,147.945… → ¥18,148
        var line = Pricing.LineTotal(3, new Money(1_000, Currency.JPY), new Proration(new DateOnly(2027, 7, 1), ParentStart, ParentEnd));
        Assert.Equal(18_148, line.Minor);
        Assert.Equal(18_148m, line.Amount);
    }

    [Fact]
    [Trait("rule", "OFF-7")]
    public void Subtotal_IsSumOfRoundedLines_NotRoundedSum_OFF7()
    {
        // Each line 0.01 × 12 × 1/8 = 0.015 → 0.02; three lines → 0.06 (rounding the exact sum 0.045 would give 0.05).
        var p = new Proration(new DateOnly(2027, 1, 8), new DateOnly(2027, 1, 1), new DateOnly(2027, 1, 8));
        var lines = Enumerable.Range(0, 3).Select(_ => Pricing.LineTotal(1, new Money(1, Currency.USD), p)).ToList();
        Assert.Equal(6, Pricing.Subtotal(lines, Currency.USD).Minor);
    }

    [Fact]
    [Trait("rule", "OFF-7")]
    public void LineTotal_StartOutsideParentTerm_Throws_OFF7()
    {
        var p = new Proration(new DateOnly(2028, 1, 1), ParentStart, ParentEnd);
        Assert.Throws<ArgumentOutOfRangeException>(() => Pricing.LineTotal(1, new Money(100, Currency.USD), p));
    }

    // ---- properties ----

    private static readonly Gen<Currency> Currencies = Gen.OneOf(Currency.USD, Currency.EUR, Currency.JPY, Currency.BHD);

    /// <summary>A parent term of 1..3 years' worth of days, and an add-on start inside it.</summary>
    private static readonly Gen<Proration> Prorations =
        from startOffset in Gen.Int[0, 2000]
        from length in Gen.Int[1, 1100]
        from inside in Gen.Int[0, 1099]
        let parentStart = new DateOnly(2026, 1, 1).AddDays(startOffset)
        let parentEnd = parentStart.AddDays(length - 1)
        select new Proration(parentStart.AddDays(inside % length), parentStart, parentEnd);

    [Fact]
    [Trait("rule", "OFF-7")]
    public void LineTotal_AnyAddOn_NeverExceedsFullTermAmount_OFF7()
    {
        Gen.Select(Gen.Int[1, 100_000], Gen.Long[0, 10_000_000], Currencies, Prorations).Sample((quantity, unitMinor, currency, proration) =>
        {
            var unit = new Money(unitMinor, currency);
            var prorated = Pricing.LineTotal(quantity, unit, proration);
            var full = Pricing.LineTotal(quantity, unit, null);
            Assert.InRange(prorated.Minor, 0, full.Minor);
        });
    }

    [Fact]
    [Trait("rule", "OFF-7")]
    public void LineTotal_AddOnFromParentStart_EqualsInitialPrice_OFF7()
    {
        Gen.Select(Gen.Int[1, 100_000], Gen.Long[0, 10_000_000], Currencies, Prorations).Sample((quantity, unitMinor, currency, p) =>
        {
            var unit = new Money(unitMinor, currency);
            var fullTermAddOn = Pricing.LineTotal(quantity, unit, p with { Start = p.ParentStart });
            Assert.Equal(Pricing.LineTotal(quantity, unit, null), fullTermAddOn);
        });
    }

    [Fact]
    [Trait("rule", "OFF-7")]
    public void LineTotal_AnyAddOn_IsExactValueRoundedHalfAwayFromZero_OFF7()
    {
        // Integer model of the rule: round(q × u × 12 × d / D) with ties going up (all values are ≥ 0).
        Gen.Select(Gen.Int[1, 100_000], Gen.Long[0, 10_000_000], Currencies, Prorations).Sample((quantity, unitMinor, currency, p) =>
        {
            var numerator = (Int128)quantity * unitMinor * 12 * p.Days;
            var quotient = numerator / p.ParentDays;
            var remainder = numerator % p.ParentDays;
            var expected = 2 * remainder >= p.ParentDays ? quotient + 1 : quotient;
            Assert.Equal((long)expected, Pricing.LineTotal(quantity, new Money(unitMinor, currency), p).Minor);
        });
    }

    [Fact]
    [Trait("rule", "OFF-7")]
    public void LineTotal_Jpy_AlwaysWholeYen_OFF7()
    {
        Gen.Select(Gen.Int[1, 10_000], Gen.Long[0, 1_000_000], Prorations).Sample((quantity, yen, p) =>
        {
            var line = Pricing.LineTotal(quantity, new Money(yen, Currency.JPY), p);
            Assert.Equal(decimal.Truncate(line.Amount), line.Amount);
            Assert.Equal(0, Currency.JPY.Digits);
        });
    }
}
