using Switchyard.Api.Tests.Infrastructure;

namespace Switchyard.Api.Tests.Billing;

/// <summary>
/// The app with a 2.5 % payout fee, a default tax rate of 10 % (19 % for customers billed in Germany) and
/// payouts the day after payment.
/// </summary>
public class BillingApp : SwitchyardApp
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["SWITCHYARD_PAYOUT_FEE_PERCENT"] = "2.5",
        ["SWITCHYARD_TAX_DEFAULT_RATE"] = "10",
        ["SWITCHYARD_TAX_RATES"] = "DE:19,FR:20",
        ["SWITCHYARD_PAYOUT_HOLD_DAYS"] = "1",
    };
}
