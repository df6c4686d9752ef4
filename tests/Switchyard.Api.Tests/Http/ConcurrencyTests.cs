using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Switchyard.Api.Tests.Infrastructure;
using Switchyard.Domain.Catalog;

namespace Switchyard.Api.Tests.Http;

/// <summary>SEC-4: two concurrent edits of one object never both win.</summary>
public class ConcurrencyTests(SwitchyardApp app) : IClassFixture<SwitchyardApp>
{
    [Fact]
    [Trait("rule", "SEC-4")]
    public async Task SameProductSavedFromTwoContexts_SecondSaveThrowsConcurrencyException_SEC4()
    {
        var (partnerId, partner) = await app.PartnerAsync("Two Contexts");
        var productId = await partner.CreateProductAsync(await app.CreateCatalogEntryAsync(partnerId), licenseId: null);

        await using var first = app.DbScope(out var db1);
        await using var second = app.DbScope(out var db2);
        var one = await db1.Products.SingleAsync(p => p.Id == ProductId.From(productId));
        var two = await db2.Products.SingleAsync(p => p.Id == ProductId.From(productId));
        Assert.True(one.Rename("From one").IsSuccess);
        Assert.True(two.Rename("From two").IsSuccess);
        await db1.SaveChangesAsync();
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => db2.SaveChangesAsync());

        var saved = await (await partner.GetAsync($"/v1/products/{productId}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("From one", saved["name"]!.GetValue<string>());
        Assert.Equal(2, saved["version"]!.GetValue<long>());
    }

    [Fact]
    [Trait("rule", "SEC-4")]
    public async Task SamePartnerSavedFromTwoContexts_SecondSaveThrowsConcurrencyException_SEC4()
    {
        var partnerId = await app.CreatePartnerAsync("Two Contexts Partner");
        await using var first = app.DbScope(out var db1);
        await using var second = app.DbScope(out var db2);
        var one = await db1.Partners.SingleAsync(p => p.Id == partnerId);
        var two = await db2.Partners.SingleAsync(p => p.Id == partnerId);
        Assert.True(one.UpdateDetails(new Switchyard.Domain.Partners.AccountDetails { Phone = "+1 555 0101" }, null).IsSuccess);
        Assert.True(two.UpdateDetails(new Switchyard.Domain.Partners.AccountDetails { Phone = "+1 555 0202" }, null).IsSuccess);
        await db1.SaveChangesAsync();
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => db2.SaveChangesAsync());
    }

    [Theory]
    [Trait("rule", "SEC-4")]
    [InlineData("product")]
    [InlineData("customer")]
    [InlineData("account")]
    public async Task Patch_WithStaleIfMatch_Is409VersionMismatch_AndChangesNothing_SEC4(string kind)
    {
        var (partnerId, partner) = await app.PartnerAsync("If-Match " + kind);
        var url = kind switch
        {
            "product" => "/v1/products/" + await partner.CreateProductAsync(await app.CreateCatalogEntryAsync(partnerId), licenseId: null),
            "customer" => "/v1/customers/" + await partner.CreateCustomerAsync("00D0000000000I" + kind[0]),
            _ => "/v1/account",
        };
        var read = await (await partner.GetAsync(url)).ExpectAsync(HttpStatusCode.OK);
        var version = read["version"]!.GetValue<long>();

        async Task<HttpResponseMessage> PatchAsync(string name, long ifMatch)
        {
            var request = new HttpRequestMessage(HttpMethod.Patch, url) { Content = JsonContent.Create(new { name }, options: Infrastructure.Api.Json) };
            request.Headers.TryAddWithoutValidation("If-Match", $"\"{ifMatch}\"");
            return await partner.SendAsync(request);
        }

        var ok = await (await PatchAsync("Fresh Name", version)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(version + 1, ok["version"]!.GetValue<long>());
        var stale = await (await PatchAsync("Stale Name", version)).ExpectAsync(HttpStatusCode.Conflict);
        Assert.Equal("versionMismatch", stale.Code());
        var after = await (await partner.GetAsync(url)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Fresh Name", after["name"]!.GetValue<string>());
        Assert.Equal(version + 1, after["version"]!.GetValue<long>());
    }

    [Fact]
    [Trait("rule", "SEC-4")]
    public async Task ParallelPatchesOfOneAccount_EachSucceedsOr409_VersionCountsTheWinners_SEC4()
    {
        var (partnerId, partner) = await app.PartnerAsync("Parallel Edits");
        var before = (await (await partner.GetAsync("/v1/account")).ExpectAsync(HttpStatusCode.OK))["version"]!.GetValue<long>();

        const int n = 12;
        var responses = await Task.WhenAll(Enumerable.Range(0, n).Select(i =>
            partner.PatchJsonAsync("/v1/account", new { phone = $"+1 555 01{i:00}" })));
        var outcomes = new List<(HttpStatusCode Status, string Body)>();
        foreach (var response in responses)
        {
            outcomes.Add((response.StatusCode, await response.Content.ReadAsStringAsync()));
        }
        foreach (var (status, body) in outcomes.Where(o => o.Status != HttpStatusCode.OK))
        {
            Assert.True(status == HttpStatusCode.Conflict, $"{(int)status}: {body}");
            Assert.Contains("\"code\":\"concurrencyConflict\"", body, StringComparison.Ordinal);
        }
        var winners = outcomes.Count(o => o.Status == HttpStatusCode.OK);
        Assert.True(winners >= 1, "at least one edit wins");

        var after = await (await partner.GetAsync("/v1/account")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(before + winners, after["version"]!.GetValue<long>());
        var history = (await (await partner.GetAsync($"/v1/audit?objectId={partnerId}")).ExpectAsync(HttpStatusCode.OK)).AsArray();
        Assert.Equal(winners, history.Count(e => e!["action"]!.GetValue<string>() == "account.updated"));
    }

    [Fact]
    [Trait("rule", "SEC-4")]
    public async Task ParallelCreatesOfOneCustomer_CreateExactlyOne_LosersGetAProblemNot500_SEC4()
    {
        var (partnerId, partner) = await app.PartnerAsync("Parallel Customers");
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            partner.PostJsonAsync("/v1/customers", new { name = $"Racer {i}", orgId = "00D0000000000RC", contactEmail = "race@race.example" })));
        var outcomes = new List<(HttpStatusCode Status, string Body)>();
        foreach (var response in responses)
        {
            outcomes.Add((response.StatusCode, await response.Content.ReadAsStringAsync()));
        }
        Assert.Single(outcomes, o => o.Status == HttpStatusCode.Created);
        foreach (var (status, body) in outcomes.Where(o => o.Status != HttpStatusCode.Created))
        {
            Assert.True(status == HttpStatusCode.UnprocessableEntity, $"{(int)status}: {body}");
            Assert.Contains("\"code\":\"duplicateCustomer\"", body, StringComparison.Ordinal);
        }
        await using var scope = app.DbScope(out var db);
        Assert.Equal(1, await db.Customers.CountAsync(c => c.PartnerId == partnerId));
    }

    [Fact]
    [Trait("rule", "SEC-4")]
    public async Task TwoPartnersAddingTheSameNewOrgAtOnce_BothGetTheirCustomer_SEC4()
    {
        var partners = new List<HttpClient>();
        for (var i = 0; i < 4; i++)
        {
            partners.Add((await app.PartnerAsync($"Org Racer {i}")).Client);
        }
        foreach (var orgId in new[] { "00D0000000000O1", "00D0000000000O2", "00D0000000000O3" })
        {
            var responses = await Task.WhenAll(partners.Select(p =>
                p.PostJsonAsync("/v1/customers", new { name = "Shared Org", orgId, contactEmail = "shared@org.example" })));
            foreach (var response in responses)
            {
                await response.ExpectAsync(HttpStatusCode.Created);
            }
        }
        await using var scope = app.DbScope(out var db);
        Assert.Equal(3, await db.CustomerOrgs.CountAsync(o => o.Name == "Shared Org"));
    }
}
