using System.Net;
using Microsoft.EntityFrameworkCore;
using Switchyard.Api.Tests.Infrastructure;

namespace Switchyard.Api.Tests.Offers;

public class OrderErrorQueueTests(SwitchyardApp app) : IClassFixture<SwitchyardApp>
{
    [Fact]
    [Trait("rule", "ORD-1")]
    public async Task ErroredOrder_ShowsInOperatorQueue_RetryActivatesIt_ORD1()
    {
        var s = await OfferScenario.CreateAsync(app);
        var orderId = await s.AcceptedOrderAsync(await s.SentAsync(start: "2027-02-01", validUntil: "2027-01-20"));

        // A provisioning failure on the marketplace's side (the embedded provisioner never fails, so it is injected here).
        await using (app.DbScope(out var db))
        {
            var order = await db.Orders.SingleAsync(o => o.Id == Switchyard.Domain.Orders.OrderId.From(orderId));
            Assert.True(order.Fail("provisioningFailed", SwitchyardApp.ClockStart).IsSuccess);
            await db.SaveChangesAsync();
        }
        await s.SetClockAsync("2027-02-01T00:00:00Z");
        var stuck = await (await s.Partner.GetAsync($"/v1/orders/{orderId}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("error", stuck["status"]!.GetValue<string>());
        Assert.Equal("provisioningFailed", stuck["errorCode"]!.GetValue<string>());

        var queue = await (await app.Operator().GetAsync("/v1/operator/orders?status=error")).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(queue["data"]!.AsArray(), o => o!["id"]!.GetValue<string>() == orderId);
        // PRM-4: the partner cannot retry through the operator queue.
        await (await s.Partner.PostAsync($"/v1/operator/orders/{orderId}/retry", null)).ExpectAsync(HttpStatusCode.Forbidden);

        await (await app.Operator().PostAsync($"/v1/operator/orders/{orderId}/retry", null)).ExpectAsync(HttpStatusCode.OK);
        await s.SetClockAsync("2027-02-01T00:05:00Z");
        var activated = await (await s.Partner.GetAsync($"/v1/orders/{orderId}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("activated", activated["status"]!.GetValue<string>());

        var again = await (await app.Operator().PostAsync($"/v1/operator/orders/{orderId}/retry", null)).ExpectAsync(HttpStatusCode.Conflict);
        Assert.Equal("orderNotInError", again.Code());
    }
}
