using System.Net;
using Switchyard.Api.Tests.Infrastructure;
using Switchyard.Api.Tests.Offers;
using Switchyard.Api.Tests.Workers;

namespace Switchyard.Api.Tests.Performance;

/// <summary>
/// No request may cost more for a customer with a long history: creating an offer reads the same number
/// of rows with the same number of commands whether the customer has no orders or hundreds. Counts
/// database work, never time (the timed comparison is bench/results/requests.md).
/// </summary>
public class HistoryCostTests(CountingApp app) : IClassFixture<CountingApp>
{
    private const int HistoryOrders = 400;

    [Fact]
    public async Task CreatingAnOffer_ForACustomerWithManyOrders_ReadsNoMoreThanForOneWithNone()
    {
        var fresh = await OfferScenario.CreateAsync(app, "Fresh");
        var longHistory = await OfferScenario.CreateAsync(app, "Busy");
        await DueOrders.SeedAsync(longHistory, HistoryOrders, new DateOnly(2027, 2, 1), itemsPerOrder: 2);

        var none = await CostOfCreatingAnOfferAsync(fresh);
        var many = await CostOfCreatingAnOfferAsync(longHistory);

        var detail = $"no orders: {none.Commands} commands, {none.Rows} rows read; {HistoryOrders} orders: {many.Commands} commands, {many.Rows} rows read";
        Assert.True(many.Commands <= none.Commands, detail);
        // The customer with orders has one candidate parent order to read: one row more, not one per order.
        Assert.True(many.Rows <= none.Rows + 1, detail);
    }

    private async Task<(long Commands, long Rows)> CostOfCreatingAnOfferAsync(OfferScenario s)
    {
        // Warm the key's last-used stamp, so both measured requests skip that write alike.
        await (await s.Partner.GetAsync(new Uri("/v1/account", UriKind.Relative))).ExpectAsync(HttpStatusCode.OK);
        app.Counter.Reset();
        await (await s.Partner.PostJsonAsync("/v1/offers", new
        {
            customerId = s.CustomerId,
            termSet = "net30UpfrontAnnual",
            contractTermMonths = 12,
            serviceStartDate = "2027-06-01",
            validUntil = "2027-05-20",
            terms = "Standard terms",
            recipientEmail = OfferScenario.BillingEmail,
            currency = "USD",
        })).ExpectAsync(HttpStatusCode.Created);
        return (app.Counter.Commands, app.Counter.RowsRead);
    }
}
