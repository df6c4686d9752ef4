using System.Collections.Frozen;

namespace Switchyard.Domain.Common;

/// <summary>An ISO 4217 currency and the number of digits of its minor unit.</summary>
public sealed record Currency
{
    // Minor-unit digits per ISO 4217 for the currencies a marketplace is likely to bill in.
    // Anything not listed is refused rather than guessed: a wrong exponent would misprice every line.
    private static readonly FrozenDictionary<string, int> MinorDigits = new Dictionary<string, int>
    {
        ["USD"] = 2,
        ["EUR"] = 2,
        ["GBP"] = 2,
        ["CHF"] = 2,
        ["CAD"] = 2,
        ["AUD"] = 2,
        ["NZD"] = 2,
        ["SEK"] = 2,
        ["NOK"] = 2,
        ["DKK"] = 2,
        ["PLN"] = 2,
        ["CZK"] = 2,
        ["HUF"] = 2,
        ["RON"] = 2,
        ["MXN"] = 2,
        ["BRL"] = 2,
        ["INR"] = 2,
        ["SGD"] = 2,
        ["HKD"] = 2,
        ["CNY"] = 2,
        ["ZAR"] = 2,
        ["ILS"] = 2,
        ["AED"] = 2,
        ["SAR"] = 2,
        ["TRY"] = 2,
        ["THB"] = 2,
        ["MYR"] = 2,
        ["PHP"] = 2,
        ["JPY"] = 0,
        ["KRW"] = 0,
        ["ISK"] = 0,
        ["CLP"] = 0,
        ["VND"] = 0,
        ["XOF"] = 0,
        ["XAF"] = 0,
        ["BHD"] = 3,
        ["KWD"] = 3,
        ["OMR"] = 3,
        ["JOD"] = 3,
        ["TND"] = 3,
        ["IQD"] = 3,
        ["LYD"] = 3,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private Currency(string code, int minorDigits)
    {
        Code = code;
        Digits = minorDigits;
    }

    /// <summary>The three-letter ISO 4217 code, upper case.</summary>
    public string Code { get; }

    /// <summary>Digits after the decimal point in the minor unit (USD 2, JPY 0, BHD 3).</summary>
    public int Digits { get; }

    /// <summary>10^Digits: how many minor units make one major unit.</summary>
    public long MinorPerMajor => Digits switch { 0 => 1, 1 => 10, 2 => 100, 3 => 1000, _ => (long)Math.Pow(10, Digits) };

    public static readonly Currency USD = From("USD");
    public static readonly Currency EUR = From("EUR");
    public static readonly Currency JPY = From("JPY");
    public static readonly Currency BHD = From("BHD");

    public static IEnumerable<string> SupportedCodes => MinorDigits.Keys.Order(StringComparer.Ordinal);

    public static bool TryFrom(string? code, out Currency currency)
    {
        if (code is not null && MinorDigits.TryGetValue(code, out var digits))
        {
            currency = new Currency(code, digits);
            return true;
        }
        currency = null!;
        return false;
    }

    public static Currency From(string code) =>
        TryFrom(code, out var currency) ? currency : throw new ArgumentException($"Unsupported currency '{code}'.", nameof(code));

    public override string ToString() => Code;
}
