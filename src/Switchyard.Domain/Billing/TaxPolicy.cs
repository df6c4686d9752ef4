using Switchyard.Domain.Common;

namespace Switchyard.Domain.Billing;

/// <summary>The tax an invoice charges: a rate in percent (0 when exempt) and why.</summary>
public readonly record struct TaxRule(decimal RatePercent, bool Exempt, string? Country)
{
    /// <summary>Tax on a subtotal, rounded once to the currency's minor unit (half away from zero).</summary>
    public Money On(Money subtotal) => Exempt || RatePercent == 0
        ? Money.Zero(subtotal.Currency)
        : Money.Round(subtotal.Amount * RatePercent / 100m, subtotal.Currency);
}

/// <summary>
/// BIL-1 taxes, as modelled: a customer whose tax exemption was on file at acceptance (OFF-12) pays
/// none; otherwise one configurable rate per customer country (ISO 3166 alpha-2), or the default rate.
/// </summary>
/// <remarks>
/// Not modelled: reverse charge, tax per product or per line, several taxes on one invoice (state and
/// city), tax-id validation and thresholds. The rate applies to the whole subtotal.
/// </remarks>
public sealed class TaxPolicy(IReadOnlyDictionary<string, decimal> ratesByCountry, decimal defaultRatePercent)
{
    public static TaxPolicy None { get; } = new(new Dictionary<string, decimal>(), 0m);

    public IReadOnlyDictionary<string, decimal> RatesByCountry { get; } = ratesByCountry;
    public decimal DefaultRatePercent { get; } = defaultRatePercent;

    public TaxRule For(bool taxExempt, string? country)
    {
        if (taxExempt)
        {
            return new TaxRule(0m, true, country);
        }
        var rate = country is not null && RatesByCountry.TryGetValue(country.ToUpperInvariant(), out var r) ? r : DefaultRatePercent;
        return new TaxRule(rate, false, country);
    }

    /// <summary>Parses "DE:19,FR:20,US:0" (percentages, invariant culture); null when malformed.</summary>
    public static TaxPolicy? Parse(string? rates, string? defaultRate)
    {
        var map = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var part in (rates ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pieces = part.Split(':', StringSplitOptions.TrimEntries);
            if (pieces.Length != 2 || pieces[0].Length != 2 || !TryRate(pieces[1], out var rate))
            {
                return null;
            }
            map[pieces[0].ToUpperInvariant()] = rate;
        }
        var fallback = 0m;
        if (!string.IsNullOrWhiteSpace(defaultRate) && !TryRate(defaultRate, out fallback))
        {
            return null;
        }
        return new TaxPolicy(map, fallback);
    }

    private static bool TryRate(string text, out decimal rate) =>
        decimal.TryParse(text, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out rate)
        && rate >= 0 && rate <= 100;
}
