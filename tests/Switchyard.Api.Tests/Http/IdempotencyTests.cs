using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Switchyard.Api.Tests.Infrastructure;

namespace Switchyard.Api.Tests.Http;

/// <summary>SEC-3: a POST with an Idempotency-Key runs once per key owner.</summary>
public class IdempotencyTests(SwitchyardApp app) : IClassFixture<SwitchyardApp>
{
    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string url, object body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body, options: Infrastructure.Api.Json) };
        request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request);
    }

    private async Task<int> ProductCountAsync(string partnerId)
    {
        await using var scope = app.DbScope(out var db);
        return await db.Products.CountAsync(p => p.PartnerId == partnerId);
    }

    [Fact]
    [Trait("rule", "SEC-3")]
    public async Task SameKeySameBody_ReturnsTheFirstResponse_AndCreatesOneObject_SEC3()
    {
        var (partnerId, partner) = await app.PartnerAsync("Retry Co");
        var entry = await app.CreateCatalogEntryAsync(partnerId);
        var body = new { name = "Once Only", catalogEntryId = entry };

        var first = await PostAsync(partner, "/v1/products", body, "create-product-1");
        var firstBody = await first.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var second = await PostAsync(partner, "/v1/products", body, "create-product-1");
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(firstBody, await second.Content.ReadAsStringAsync());
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal(1, await ProductCountAsync(partnerId));

        // A new key is a new request.
        await (await PostAsync(partner, "/v1/products", body, "create-product-2")).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(2, await ProductCountAsync(partnerId));
    }

    [Fact]
    [Trait("rule", "SEC-3")]
    public async Task SameKeyDifferentBody_Is409IdempotencyKeyReused_AndWritesNothing_SEC3()
    {
        var (partnerId, partner) = await app.PartnerAsync("Reuse Co");
        var entry = await app.CreateCatalogEntryAsync(partnerId);
        await (await PostAsync(partner, "/v1/products", new { name = "First", catalogEntryId = entry }, "k-reused")).ExpectAsync(HttpStatusCode.Created);

        var reused = await (await PostAsync(partner, "/v1/products", new { name = "Second", catalogEntryId = entry }, "k-reused")).ExpectAsync(HttpStatusCode.Conflict);
        Assert.Equal("idempotencyKeyReused", reused.Code());
        var otherPath = await (await PostAsync(partner, "/v1/customers", new { name = "C", orgId = "00D0000000000R1", contactEmail = "c@c.example" }, "k-reused"))
            .ExpectAsync(HttpStatusCode.Conflict);
        Assert.Equal("idempotencyKeyReused", otherPath.Code());
        Assert.Equal(1, await ProductCountAsync(partnerId));
        var customers = await (await partner.GetAsync("/v1/customers")).ExpectAsync(HttpStatusCode.OK);
        Assert.Empty(customers["data"]!.AsArray());
    }

    [Fact]
    [Trait("rule", "SEC-3")]
    public async Task Keys_ArePerOwner_AnotherCallerMayUseTheSameKeyString_SEC3()
    {
        var (aId, a) = await app.PartnerAsync("Owner A");
        var (bId, b) = await app.PartnerAsync("Owner B");
        var aEntry = await app.CreateCatalogEntryAsync(aId);
        var bEntry = await app.CreateCatalogEntryAsync(bId);

        var fromA = await (await PostAsync(a, "/v1/products", new { name = "Shared Key", catalogEntryId = aEntry }, "shared-key")).ExpectAsync(HttpStatusCode.Created);
        var fromB = await (await PostAsync(b, "/v1/products", new { name = "Shared Key", catalogEntryId = bEntry }, "shared-key")).ExpectAsync(HttpStatusCode.Created);
        Assert.NotEqual(fromA["id"]!.GetValue<string>(), fromB["id"]!.GetValue<string>());
        Assert.Equal(1, await ProductCountAsync(aId));
        Assert.Equal(1, await ProductCountAsync(bId));
    }

    [Fact]
    [Trait("rule", "SEC-3")]
    public async Task FailedRequest_IsReplayedAsItWas_SEC3()
    {
        var (partnerId, partner) = await app.PartnerAsync("Replay Failure");
        var body = new { name = "", catalogEntryId = "cat_unknown" };
        var first = await PostAsync(partner, "/v1/products", body, "bad-1");
        var firstBody = await first.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, first.StatusCode);
        var second = await PostAsync(partner, "/v1/products", body, "bad-1");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, second.StatusCode);
        Assert.Equal(firstBody, await second.Content.ReadAsStringAsync());
        Assert.Equal(0, await ProductCountAsync(partnerId));
    }

    [Fact]
    [Trait("rule", "SEC-3")]
    public async Task ConcurrentRetries_Answer409OrTheSameResponse_NeverASecondObject_SEC3()
    {
        var (partnerId, partner) = await app.PartnerAsync("Concurrent Retry");
        var entry = await app.CreateCatalogEntryAsync(partnerId);
        var body = new { name = "Raced", catalogEntryId = entry };

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => PostAsync(partner, "/v1/products", body, "raced-key")));
        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()));
        var created = responses.Zip(bodies).Where(p => p.First.StatusCode == HttpStatusCode.Created).Select(p => p.Second).ToList();
        Assert.NotEmpty(created);
        Assert.Single(created.Distinct());
        foreach (var (response, text) in responses.Zip(bodies).Where(p => p.First.StatusCode != HttpStatusCode.Created))
        {
            Assert.True(response.StatusCode == HttpStatusCode.Conflict, $"{(int)response.StatusCode}: {text}");
            Assert.Contains("\"code\":\"requestInProgress\"", text, StringComparison.Ordinal);
            Assert.NotNull(response.Headers.RetryAfter);
        }
        Assert.Equal(1, await ProductCountAsync(partnerId));

        // Once the first has finished, every retry gets its response.
        var later = await PostAsync(partner, "/v1/products", body, "raced-key");
        Assert.Equal(HttpStatusCode.Created, later.StatusCode);
        Assert.Equal(created[0], await later.Content.ReadAsStringAsync());
    }
}
