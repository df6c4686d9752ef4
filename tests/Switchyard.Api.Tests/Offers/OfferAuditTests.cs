using System.Net;
using Switchyard.Api.Tests.Infrastructure;

namespace Switchyard.Api.Tests.Offers;

public class OfferAuditTests(SwitchyardApp app) : IClassFixture<SwitchyardApp>
{
    [Fact]
    [Trait("rule", "AUD-1")]
    public async Task OfferAndOrderHistory_RecordsWhoWhenWhatAndWhy_AUD1()
    {
        var s = await OfferScenario.CreateAsync(app);
        var id = await s.DraftAsync(start: "2027-02-01", validUntil: "2027-01-20");
        await (await s.Partner.PatchJsonAsync($"/v1/offers/{id}", new { partnerPo = "PO-42", reason = "Customer asked for its PO" }))
            .ExpectAsync(HttpStatusCode.OK);
        await (await s.Partner.PostAsync($"/v1/offers/{id}/send", null)).ExpectAsync(HttpStatusCode.OK);
        var orderId = await s.AcceptedOrderAsync(id);
        await s.SetClockAsync("2027-02-01T06:00:00Z");

        var offerHistory = (await (await s.Partner.GetAsync($"/v1/audit?objectId={id}")).ExpectAsync(HttpStatusCode.OK)).AsArray();
        var actions = offerHistory.Select(e => e!["action"]!.GetValue<string>()).ToList();
        Assert.Equal(["offer.created", "offer.itemAdded", "offer.updated", "offer.sent", "offer.accepted"], actions);

        var edit = offerHistory[2]!;
        Assert.Equal("Customer asked for its PO", edit["reason"]!.GetValue<string>());
        Assert.Null(edit["changes"]!["partnerPo"]!["old"]);
        Assert.Equal("PO-42", edit["changes"]!["partnerPo"]!["new"]!.GetValue<string>());
        Assert.StartsWith("partnerUser:", edit["actor"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.StartsWith("customerUser:", offerHistory[4]!["actor"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("accepted", offerHistory[4]!["changes"]!["status"]!["new"]!.GetValue<string>());

        var orderHistory = (await (await s.Partner.GetAsync($"/v1/audit?objectId={orderId}")).ExpectAsync(HttpStatusCode.OK)).AsArray();
        var activation = orderHistory.Last(e => e!["changes"]!["status"]?["new"]?.GetValue<string>() == "activated")!;
        Assert.Equal("system:clock", activation["actor"]!.GetValue<string>());
        Assert.Equal(new DateTimeOffset(2027, 2, 1, 6, 0, 0, TimeSpan.Zero), activation["at"]!.GetValue<DateTimeOffset>());
    }

    [Fact]
    [Trait("rule", "AUD-1")]
    [Trait("rule", "SEC-1")]
    public async Task AnotherPartnersOfferHistory_IsEmptyForMe_AUD1()
    {
        var mine = await OfferScenario.CreateAsync(app, "Mine");
        var theirs = await OfferScenario.CreateAsync(app, "Theirs");
        var theirOffer = await theirs.DraftAsync(start: "2030-02-01", validUntil: "2030-01-20");

        var history = await (await mine.Partner.GetAsync($"/v1/audit?objectId={theirOffer}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Empty(history.AsArray());
        await (await mine.Partner.GetAsync($"/v1/offers/{theirOffer}")).ExpectAsync(HttpStatusCode.NotFound);
    }
}
