using System.Globalization;
using Switchyard.Domain.Billing;

namespace Switchyard.Server.Billing;

/// <summary>
/// Billing configuration: SWITCHYARD_TAX_RATES ("DE:19,FR:20"), SWITCHYARD_TAX_DEFAULT_RATE (percent),
/// SWITCHYARD_PAYOUT_FEE_PERCENT (the marketplace's fee, a decimal percentage) and
/// SWITCHYARD_PAYOUT_HOLD_DAYS (days a payment waits before it is paid out).
/// </summary>
public sealed record BillingSettings
{
    public TaxPolicy Tax { get; init; } = TaxPolicy.None;
    public decimal PayoutFeePercent { get; init; }
    public int PayoutHoldDays { get; init; } = 1;

    public static BillingSettings From(IConfiguration config)
    {
        var tax = TaxPolicy.Parse(config["SWITCHYARD_TAX_RATES"], config["SWITCHYARD_TAX_DEFAULT_RATE"])
            ?? throw new InvalidOperationException("SWITCHYARD_TAX_RATES is a list such as DE:19,FR:20 and SWITCHYARD_TAX_DEFAULT_RATE a percentage from 0 to 100.");
        var fee = 0m;
        if (config["SWITCHYARD_PAYOUT_FEE_PERCENT"] is { Length: > 0 } feeText
            && (!decimal.TryParse(feeText, NumberStyles.Number, CultureInfo.InvariantCulture, out fee) || fee < 0 || fee > 100 || decimal.Round(fee, 4) != fee))
        {
            throw new InvalidOperationException($"SWITCHYARD_PAYOUT_FEE_PERCENT '{feeText}' is not a percentage from 0 to 100 with at most four decimals.");
        }
        var hold = 1;
        if (config["SWITCHYARD_PAYOUT_HOLD_DAYS"] is { Length: > 0 } holdText
            && (!int.TryParse(holdText, NumberStyles.Integer, CultureInfo.InvariantCulture, out hold) || hold < 0 || hold > 365))
        {
            throw new InvalidOperationException($"SWITCHYARD_PAYOUT_HOLD_DAYS '{holdText}' is not a number of days from 0 to 365.");
        }
        return new BillingSettings { Tax = tax, PayoutFeePercent = fee, PayoutHoldDays = hold };
    }
}
