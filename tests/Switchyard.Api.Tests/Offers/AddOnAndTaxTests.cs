using System.Net;
using Switchyard.Api.Tests.Infrastructure;

namespace Switchyard.Api.Tests.Offers;

public class AddOnAndTaxTests(SwitchyardApp app) : IClassFixture<SwitchyardApp>
{
    [Fact]
    [Trait("rule", "OFF-6")]
    [Trait("rule", "OFF-1")]
    public async Task AddOn_EndDateIsTheParents_AndCannotBeChanged_OFF6()
    {
        var s = await OfferScenario.CreateAsync(app);
        var parentOrder = await s.AcceptedOrderAsync(await s.SentAsync(start: "2030-02-01", validUntil: "2030-01-20"));

        var addOnId = await s.DraftAsync(start: "2030-06-01", validUntil: "2030-05-01");
        var addOn = await (await s.Partner.GetAsync($"/v1/offers/{addOnId}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("addOn", addOn["type"]!.GetValue<string>());
        Assert.Equal(parentOrder, addOn["parentOrderId"]!.GetValue<string>());
        Assert.Equal("2031-01-31", addOn["endDate"]!.GetValue<string>());

        var refused = await (await s.Partner.PatchJsonAsync($"/v1/offers/{addOnId}", new { endDate = "2031-06-30" })).ExpectAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("addOnEndDateFixed", refused.ToJsonString(), StringComparison.Ordinal);

        var edited = await (await s.Partner.PatchJsonAsync($"/v1/offers/{addOnId}", new { partnerPo = "PO-ADD", serviceStartDate = "2030-07-01" }))
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("PO-ADD", edited["partnerPo"]!.GetValue<string>());
        Assert.Equal("2031-01-31", edited["endDate"]!.GetValue<string>());
    }

    [Fact]
    [Trait("rule", "OFF-12")]
    public async Task TaxExemption_OnFileAtAcceptance_IsCapturedAndNeverReapplied_OFF12()
    {
        var exempt = await OfferScenario.CreateAsync(app, "Exempt");
        await (await exempt.Customer.PatchJsonAsync("/v1/customer/settings", new { taxExemptionOnFile = true })).ExpectAsync(HttpStatusCode.OK);
        var exemptOrder = await exempt.AcceptedOrderAsync(await exempt.SentAsync(start: "2030-02-01", validUntil: "2030-01-20"));
        Assert.True((await (await exempt.Partner.GetAsync($"/v1/orders/{exemptOrder}")).ExpectAsync(HttpStatusCode.OK))["taxExempt"]!.GetValue<bool>());

        var late = await OfferScenario.CreateAsync(app, "Late");
        var offerId = await late.SentAsync(start: "2030-02-01", validUntil: "2030-01-20");
        var order = await late.AcceptedOrderAsync(offerId);
        // Filing the exemption after acceptance does not reach the accepted offer or its order.
        await (await late.Customer.PatchJsonAsync("/v1/customer/settings", new { taxExemptionOnFile = true })).ExpectAsync(HttpStatusCode.OK);
        Assert.False((await (await late.Partner.GetAsync($"/v1/orders/{order}")).ExpectAsync(HttpStatusCode.OK))["taxExempt"]!.GetValue<bool>());
        Assert.False((await (await late.Partner.GetAsync($"/v1/offers/{offerId}")).ExpectAsync(HttpStatusCode.OK))["taxExempt"]!.GetValue<bool>());
    }
}
