using System.Globalization;

namespace Switchyard.Domain.Common;

/// <summary>
/// An exact amount of one currency, held as integer minor units (cents, yen, fils).
/// </summary>
/// <remarks>
/// Minor units make storage and SQL sums exact on every provider. Arithmetic between two
/// currencies is a bug, so it throws; rounding happens only in <see cref="Round"/>.
/// </remarks>
public readonly record struct Money(long Minor, Currency Currency)
{
    /// <summary>The amount in major units (12.34 for 1234 cents).</summary>
    public decimal Amount => (decimal)Minor / Currency.MinorPerMajor;

    public static Money Zero(Currency currency) => new(0, currency);

    /// <summary>
    /// Builds money from a major-unit amount that must already fit the currency's minor unit.
    /// </summary>
    public static Result<Money> FromAmount(decimal amount, Currency currency, string field = "amount")
    {
        // Checked before scaling: a huge decimal (1e27) would overflow the multiplication itself.
        if (Math.Abs(amount) > long.MaxValue / currency.MinorPerMajor)
        {
            return Errors.Validation("moneyRange", field, "The amount is too large.");
        }
        var scaled = amount * currency.MinorPerMajor;
        if (scaled != decimal.Truncate(scaled))
        {
            return Errors.Validation("moneyPrecision", field,
                $"{currency.Code} amounts have {currency.Digits} decimal place(s); {amount.ToString(CultureInfo.InvariantCulture)} has more.");
        }
        if (scaled > long.MaxValue || scaled < long.MinValue)
        {
            return Errors.Validation("moneyRange", field, "The amount is too large.");
        }
        return new Money((long)scaled, currency);
    }

    /// <summary>Rounds an exact decimal amount to the currency's minor unit, half away from zero.</summary>
    public static Money Round(decimal amount, Currency currency)
    {
        var scaled = Math.Round(amount * currency.MinorPerMajor, 0, MidpointRounding.AwayFromZero);
        return new Money((long)scaled, currency);
    }

    public static Money operator +(Money left, Money right)
    {
        EnsureSameCurrency(left, right);
        return new Money(checked(left.Minor + right.Minor), left.Currency);
    }

    public static Money operator -(Money left, Money right)
    {
        EnsureSameCurrency(left, right);
        return new Money(checked(left.Minor - right.Minor), left.Currency);
    }

    public static Money Sum(IEnumerable<Money> values, Currency currency) =>
        values.Aggregate(Zero(currency), (total, next) => total + next);

    public bool IsNegative => Minor < 0;

    /// <summary>UX-1: the amount with group separators and the currency's decimals, then the code: "15,030.00 USD".</summary>
    public override string ToString() =>
        Amount.ToString("N" + Currency.Digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) + " " + Currency.Code;

    private static void EnsureSameCurrency(Money left, Money right)
    {
        if (left.Currency.Code != right.Currency.Code)
        {
            throw new InvalidOperationException($"Cannot combine {left.Currency.Code} with {right.Currency.Code}.");
        }
    }
}
