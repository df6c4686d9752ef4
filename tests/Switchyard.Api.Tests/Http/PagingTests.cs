using System.Net;
using Switchyard.Api.Tests.Infrastructure;

namespace Switchyard.Api.Tests.Http;

/// <summary>Lists page with ?limit= and ?after= (api.md): every item once, in creation order.</summary>
public class PagingTests(SwitchyardApp app) : IClassFixture<SwitchyardApp>
{
    [Fact]
    public async Task WalkingEveryPage_ReturnsEachItemOnceInCreationOrder()
    {
        var (partnerId, partner) = await app.PartnerAsync("Pager");
        var entry = await app.CreateCatalogEntryAsync(partnerId);
        var created = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            created.Add(await partner.CreateProductAsync(entry, $"Product {i}", licenseId: null));
        }

        var seen = new List<string>();
        string? next = null;
        var pages = 0;
        do
        {
            var page = await (await partner.GetAsync("/v1/products?limit=2" + (next is null ? "" : "&after=" + Uri.EscapeDataString(next)))).ExpectAsync(HttpStatusCode.OK);
            var data = page["data"]!.AsArray();
            Assert.InRange(data.Count, 1, 2);
            seen.AddRange(data.Select(p => p!["id"]!.GetValue<string>()));
            next = page["next"]?.GetValue<string>();
            pages++;
        }
        while (next is not null);
        Assert.Equal(3, pages);
        Assert.Equal(created, seen);
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=501", "limit")]
    [InlineData("after=%%%", "after")]
    public async Task InvalidPaging_Is422NamingTheField(string query, string field)
    {
        var (_, partner) = await app.PartnerAsync("Bad Pager " + field);
        var problem = await (await partner.GetAsync("/v1/products?" + query)).ExpectAsync(HttpStatusCode.UnprocessableEntity);
        Assert.NotNull(problem["errors"]![field]);
    }
}
