using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Switchyard.Api.Tests.Infrastructure;
using Switchyard.Domain.Offers;
using Switchyard.Domain.Orders;
using Switchyard.Server.ConsoleUi.Components.Shared;
using Switchyard.Server.Http;
using Switchyard.Server.Offers;

namespace Switchyard.Api.Tests.Offers;

/// <summary>
/// Offer and order ids are typed in the code and plain strings everywhere else: in the database (both providers),
/// on the wire, in cursors and in the short-reference search.
/// </summary>
public class TypedIdTests(SwitchyardApp app) : IClassFixture<SwitchyardApp>
{
    [Fact]
    public async Task TypedOfferIds_PageByCursorAndLoad_AsPlainStrings()
    {
        var s = await OfferScenario.CreateAsync(app);
        var created = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            created.Add(await s.DraftAsync());
        }

        var seen = new List<string>();
        string? next = null;
        do
        {
            var page = await (await s.Partner.GetAsync("/v1/offers?limit=2" + (next is null ? "" : "&after=" + Uri.EscapeDataString(next))))
                .ExpectAsync(HttpStatusCode.OK);
            seen.AddRange(page["data"]!.AsArray().Select(o => o!["id"]!.GetValue<string>()));
            next = page["next"]?.GetValue<string>();
        }
        while (next is not null);

        Assert.Equal(created, seen);
        var one = await (await s.Partner.GetAsync($"/v1/offers/{created[1]}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(created[1], one["id"]!.GetValue<string>());
        Assert.Equal(JsonValueKind.String, one["items"]![0]!["id"]!.GetValueKind());
    }

    [Fact]
    public async Task AnOrderId_WhereAnOfferIdIsMeant_IsNotFound_AsBefore()
    {
        var s = await OfferScenario.CreateAsync(app);
        var orderId = await s.AcceptedOrderAsync(await s.SentAsync());

        var response = await s.Partner.GetAsync($"/v1/offers/{orderId}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task TheShortReferenceSearch_FindsTheOffer_ThroughTheTypedColumn()
    {
        var s = await OfferScenario.CreateAsync(app);
        var id = await s.DraftAsync();
        await s.DraftAsync();
        var request = new DefaultHttpContext().Request;
        request.QueryString = new QueryString("?q=" + Uri.EscapeDataString(Show.Reference(id)));

        await using var scope = app.DbScope(out var db);
        var found = await CsvFile.AllAsync(OfferListing.Query(db, OfferListing.List(request)), CancellationToken.None);

        Assert.Equal(OfferId.From(id), Assert.Single(found).Id);
    }

    [Fact]
    public void TheJsonConverter_WritesAndReadsAPlainString()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { Converters = { new TypedIdJsonConverterFactory() } };
        var sample = new Sample(OfferId.From("off_0196f1c2"), null);

        var json = JsonSerializer.Serialize(sample, options);

        Assert.Equal("{\"offer\":\"off_0196f1c2\",\"order\":null}", json);
        Assert.Equal(sample, JsonSerializer.Deserialize<Sample>(json, options));
        Assert.Equal(OrderId.From("ord_1"), JsonSerializer.Deserialize<Sample>("{\"offer\":\"off_1\",\"order\":\"ord_1\"}", options)!.Order);
    }

    private sealed record Sample(OfferId Offer, OrderId? Order);
}
