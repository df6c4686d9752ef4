using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Switchyard.Api.Tests.Infrastructure;
using Switchyard.Domain.Catalog;

namespace Switchyard.Api.Tests.Catalog;

/// <summary>
/// Catalog ids are typed in the code (CatalogEntryId, ProductId, LicenseMappingId) and plain strings everywhere
/// else: on the wire, in the database (both providers) and in the audit trail.
/// </summary>
public class CatalogTypedIdTests(SwitchyardApp app) : IClassFixture<SwitchyardApp>
{
    [Fact]
    [Trait("rule", "AUD-1")]
    public async Task AProduct_ReadsAndAuditsItsIds_AsPlainStrings_AUD1()
    {
        var (partnerId, partner) = await app.PartnerAsync("Typed" + Guid.NewGuid().ToString("N")[..6]);
        var entryId = await app.CreateCatalogEntryAsync(partnerId, "Typed Insights");
        var productId = await partner.CreateProductAsync(entryId, "Typed Standard");

        var product = await (await partner.GetAsync($"/v1/products/{productId}")).ExpectAsync(HttpStatusCode.OK);
        Assert.StartsWith("prd_", productId, StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.String, product["catalogEntryId"]!.GetValueKind());
        Assert.Equal(entryId, product["catalogEntryId"]!.GetValue<string>());
        var licenseId = product["licenses"]![0]!["id"]!.GetValue<string>();
        Assert.StartsWith("lic_", licenseId, StringComparison.Ordinal);
        var listed = await (await partner.GetAsync($"/v1/products?catalogEntryId={entryId}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(productId, Assert.Single(listed["data"]!.AsArray())!["id"]!.GetValue<string>());

        // A license mapping's changes sit under its product's id, as the plain string; the created product
        // records its catalog entry as the plain string too.
        var history = (await (await partner.GetAsync($"/v1/audit?objectId={productId}")).ExpectAsync(HttpStatusCode.OK)).AsArray();
        var created = history.Single(e => e!["action"]!.GetValue<string>() == "product.created")!;
        var recordedEntry = created["changes"]!["catalogEntryId"]!["new"]!;
        Assert.Equal(JsonValueKind.String, recordedEntry.GetValueKind());
        Assert.Equal(entryId, recordedEntry.GetValue<string>());
        var licenseAdded = history.Single(e => e!["action"]!.GetValue<string>() == "product.licenseAdded")!;
        Assert.Equal(productId, licenseAdded["objectId"]!.GetValue<string>());

        await (await partner.DeleteAsync($"/v1/products/{productId}/licenses/{licenseId}")).ExpectAsync(HttpStatusCode.NoContent);
        await using var scope = app.DbScope(out var db);
        var stored = await db.Products.IgnoreQueryFilters().AsNoTracking().Include(p => p.Licenses)
            .SingleAsync(p => p.Id == ProductId.From(productId));
        Assert.Equal(CatalogEntryId.From(entryId), stored.CatalogEntryId);
        Assert.Empty(stored.Licenses);
    }

    [Fact]
    public async Task AnotherKindOfId_WhereAProductIdIsMeant_IsNotFound_AsBefore()
    {
        var (partnerId, partner) = await app.PartnerAsync("Typed" + Guid.NewGuid().ToString("N")[..6]);
        var entryId = await app.CreateCatalogEntryAsync(partnerId, "Typed Insights");
        var productId = await partner.CreateProductAsync(entryId, "Typed Standard");

        foreach (var url in new[] { $"/v1/products/{entryId}", $"/v1/products/{productId}/licenses/{productId}" })
        {
            var response = url.Contains("/licenses/", StringComparison.Ordinal) ? await partner.DeleteAsync(url) : await partner.GetAsync(url);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }
}
