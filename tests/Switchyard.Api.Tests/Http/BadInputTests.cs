using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Switchyard.Api.Tests.Infrastructure;

namespace Switchyard.Api.Tests.Http;

/// <summary>Malformed, unauthenticated and oversized requests answer a problem and write nothing.</summary>
public class BadInputTests(SwitchyardApp app) : IClassFixture<SwitchyardApp>
{
    private async Task<(int Products, int Customers, int Audit, int Partners)> CountsAsync()
    {
        await using var scope = app.DbScope(out var db);
        return (await db.Products.CountAsync(), await db.Customers.CountAsync(), await db.AuditEntries.CountAsync(), await db.Partners.CountAsync());
    }

    private static HttpRequestMessage Raw(HttpMethod method, string url, string body) =>
        new(method, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    [Theory]
    [InlineData("{\"name\": \"Broken\", ")]
    [InlineData("not json at all")]
    [InlineData("{\"name\": 42, \"catalogEntryId\": true}")]
    [InlineData("[1, 2, 3]")]
    public async Task MalformedJson_Is400MalformedRequest_AndWritesNothing(string body)
    {
        var (_, partner) = await app.PartnerAsync("Malformed " + body.Length);
        var before = await CountsAsync();
        var response = await partner.SendAsync(Raw(HttpMethod.Post, "/v1/products", body));
        var problem = await response.ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("malformedRequest", problem.Code());
        Assert.Equal(400, problem["status"]!.GetValue<int>());
        Assert.False(string.IsNullOrWhiteSpace(problem["detail"]?.GetValue<string>()));
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task UnknownFields_AreIgnored()
    {
        var (partnerId, partner) = await app.PartnerAsync("Extra Fields");
        var entry = await app.CreateCatalogEntryAsync(partnerId);
        var body = $"{{\"name\":\"Extra\",\"catalogEntryId\":\"{entry}\",\"color\":\"blue\",\"partnerId\":\"prt_someone_else\",\"nested\":{{\"a\":[1]}}}}";
        var created = await (await partner.SendAsync(Raw(HttpMethod.Post, "/v1/products", body))).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("Extra", created["name"]!.GetValue<string>());
        Assert.Null(created["color"]);
        await using var scope = app.DbScope(out var db);
        var product = await db.Products.SingleAsync(p => p.Id == Domain.Catalog.ProductId.From(created["id"]!.GetValue<string>()));
        Assert.Equal(partnerId, product.PartnerId);
    }

    [Fact]
    public async Task MissingKey_Is401Problem()
    {
        var before = await CountsAsync();
        foreach (var (method, url) in new[] { (HttpMethod.Get, "/v1/account"), (HttpMethod.Post, "/v1/partners"), (HttpMethod.Get, "/v1/operator/audit?objectId=x") })
        {
            var response = await app.Anonymous().SendJsonAsync(method, url, method == HttpMethod.Post ? new { name = "Anon" } : null);
            var problem = await response.ExpectAsync(HttpStatusCode.Unauthorized);
            Assert.Equal("unauthenticated", problem.Code());
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        }
        Assert.Equal(before, await CountsAsync());
    }

    [Theory]
    [InlineData("Bearer sy_AAAAAAAAAA_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("Bearer not-a-key")]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer ")]
    public async Task InvalidKey_Is401Problem(string header)
    {
        var before = await CountsAsync();
        var client = app.Anonymous();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", header);
        var response = await client.PostJsonAsync("/v1/partners", new { name = "Forged" });
        var problem = await response.ExpectAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("unauthenticated", problem.Code());
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task ValidKeyWithAnotherSecret_Is401()
    {
        var partnerId = await app.CreatePartnerAsync("Tampered Key");
        var token = await app.IssuePartnerKeyAsync(partnerId, "app.view");
        var tampered = token[..^1] + (token[^1] == 'a' ? 'b' : 'a');
        var problem = await (await app.ClientWithKey(tampered).GetAsync("/v1/account")).ExpectAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("unauthenticated", problem.Code());
    }

    [Fact]
    [Trait("rule", "SEC-5")]
    public async Task OversizedBody_Is413_AndWritesNothing_SEC5()
    {
        var (_, partner) = await app.PartnerAsync("Oversized");
        var before = await CountsAsync();
        var big = "{\"name\":\"" + new string('x', (1024 * 1024) + 10) + "\",\"catalogEntryId\":\"cat_x\"}";
        var response = await partner.SendAsync(Raw(HttpMethod.Post, "/v1/products", big));
        var problem = await response.ExpectAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal("payloadTooLarge", problem.Code());
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    [Trait("rule", "SEC-5")]
    public async Task OversizedBodyWithoutContentLength_Is413_AndWritesNothing_SEC5()
    {
        var (_, partner) = await app.PartnerAsync("Oversized Chunked");
        var before = await CountsAsync();
        var big = Encoding.UTF8.GetBytes("{\"name\":\"" + new string('x', (1024 * 1024) + 10) + "\",\"catalogEntryId\":\"cat_x\"}");
        var content = new StreamContent(new MemoryStream(big));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/products") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        var response = await partner.SendAsync(request);
        var problem = await response.ExpectAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal("payloadTooLarge", problem.Code());
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task RuleViolation_WritesNothing_NotEvenAnAuditEntry()
    {
        var (partnerId, partner) = await app.PartnerAsync("Refused Writes");
        var productId = await partner.CreateProductAsync(await app.CreateCatalogEntryAsync(partnerId), licenseId: null);
        var before = await CountsAsync();
        await (await partner.PostJsonAsync("/v1/products", new { name = "", catalogEntryId = "cat_x" })).ExpectAsync(HttpStatusCode.UnprocessableEntity);
        await (await partner.PostJsonAsync("/v1/customers", new { name = "C", orgId = "00X", contactEmail = "nope" })).ExpectAsync(HttpStatusCode.UnprocessableEntity);
        await (await partner.PostJsonAsync($"/v1/products/{productId}/licenses", new { kind = "packageLicense", externalId = "bad" })).ExpectAsync(HttpStatusCode.UnprocessableEntity);
        await (await partner.PatchJsonAsync("/v1/account", new { phone = "12" })).ExpectAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(before, await CountsAsync());
    }
}
