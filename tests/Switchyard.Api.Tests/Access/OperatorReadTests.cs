using System.Net;
using System.Text.Json.Nodes;
using Switchyard.Api.Tests.Infrastructure;
using Switchyard.Api.Tests.Offers;

namespace Switchyard.Api.Tests.Access;

/// <summary>
/// UX-8: an operator key lists every partner's offers, orders and customers on the partner list endpoints (the CLI's
/// `offers` and `orders`), while a partner key still sees only its own (SEC-1) and operators still cannot write there.
/// </summary>
public class OperatorReadTests(SwitchyardApp app) : IClassFixture<SwitchyardApp>
{
    private static IEnumerable<string> Ids(JsonNode page) => page["data"]!.AsArray().Select(i => i!["id"]!.GetValue<string>());

    [Fact]
    [Trait("rule", "UX-8")]
    [Trait("rule", "SEC-1")]
    public async Task OperatorKey_ListsEveryPartnersOffersOrdersAndCustomers_PartnersOnlyTheirOwn_UX8()
    {
        var a = await OfferScenario.CreateAsync(app, "Alpha");
        var b = await OfferScenario.CreateAsync(app, "Beta");
        var offerA = await a.SentAsync();
        var offerB = await b.SentAsync();
        var orderA = await a.AcceptedOrderAsync(offerA);
        var orderB = await b.AcceptedOrderAsync(offerB);
        var op = app.Operator();

        var offers = await (await op.GetAsync("/v1/offers?limit=500")).ExpectAsync(HttpStatusCode.OK);
        Assert.Superset(new HashSet<string> { offerA, offerB }, Ids(offers).ToHashSet());
        var orders = await (await op.GetAsync("/v1/orders?limit=500")).ExpectAsync(HttpStatusCode.OK);
        Assert.Superset(new HashSet<string> { orderA, orderB }, Ids(orders).ToHashSet());
        var customers = await (await op.GetAsync("/v1/customers?limit=500")).ExpectAsync(HttpStatusCode.OK);
        Assert.Superset(new HashSet<string> { a.CustomerId, b.CustomerId }, Ids(customers).ToHashSet());
        var sent = await (await op.GetAsync("/v1/offers?status=accepted&limit=500")).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(offerA, Ids(sent));

        // Tenant isolation is unchanged for partners.
        Assert.DoesNotContain(offerB, Ids(await (await a.Partner.GetAsync("/v1/offers?limit=500")).ExpectAsync(HttpStatusCode.OK)));
        Assert.DoesNotContain(orderB, Ids(await (await a.Partner.GetAsync("/v1/orders?limit=500")).ExpectAsync(HttpStatusCode.OK)));
        Assert.DoesNotContain(b.CustomerId, Ids(await (await a.Partner.GetAsync("/v1/customers?limit=500")).ExpectAsync(HttpStatusCode.OK)));
    }

    [Fact]
    [Trait("rule", "UX-8")]
    [Trait("rule", "PRM-4")]
    public async Task OperatorKey_StillCannotWriteOnPartnerEndpoints_AndCustomersCannotList_UX8()
    {
        var s = await OfferScenario.CreateAsync(app, "Gamma");
        var op = app.Operator();
        await (await op.PostJsonAsync("/v1/offers", new { customerId = s.CustomerId })).ExpectAsync(HttpStatusCode.Forbidden);
        await (await op.PostJsonAsync("/v1/customers", new { name = "X", orgId = "00D0000000000G1", contactEmail = "x@x.example" }))
            .ExpectAsync(HttpStatusCode.Forbidden);
        foreach (var path in new[] { "/v1/offers", "/v1/orders", "/v1/customers" })
        {
            await (await s.Customer.GetAsync(path)).ExpectAsync(HttpStatusCode.Forbidden);
        }
    }
}
