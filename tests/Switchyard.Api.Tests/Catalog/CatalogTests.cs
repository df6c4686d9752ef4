using System.Net;
using Switchyard.Api.Tests.Infrastructure;

namespace Switchyard.Api.Tests.Catalog;

/// <summary>CAT-1..3 through the API.</summary>
public class CatalogTests(SwitchyardApp app) : IClassFixture<SwitchyardApp>
{
    [Fact]
    [Trait("rule", "CAT-1")]
    public async Task OnlyOperator_ContractsAndUncontracts_PartnerCannot_CAT1()
    {
        var (partnerId, partner) = await app.PartnerAsync("Contracting Co");
        var entry = await app.CreateCatalogEntryAsync(partnerId, "Reports", contracted: false);

        var refused = await (await partner.PatchJsonAsync($"/v1/partners/{partnerId}/catalog-entries/{entry}", new { contracted = true }))
            .ExpectAsync(HttpStatusCode.Forbidden);
        Assert.Equal("forbidden", refused.Code());
        await (await partner.PostJsonAsync($"/v1/partners/{partnerId}/catalog-entries", new { name = "Self-made", contracted = true }))
            .ExpectAsync(HttpStatusCode.Forbidden);
        var uncontracted = await (await partner.PostJsonAsync("/v1/products", new { name = "Early", catalogEntryId = entry }))
            .ExpectAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("catalogEntryNotContracted", uncontracted.Code());

        var op = app.Operator();
        var contracted = await (await op.PatchJsonAsync($"/v1/partners/{partnerId}/catalog-entries/{entry}", new { contracted = true }))
            .ExpectAsync(HttpStatusCode.OK);
        Assert.True(contracted["contracted"]!.GetValue<bool>());
        await partner.CreateProductAsync(entry, "Reports Pro", licenseId: null);

        await (await op.PatchJsonAsync($"/v1/partners/{partnerId}/catalog-entries/{entry}", new { contracted = false })).ExpectAsync(HttpStatusCode.OK);
        var mine = await (await partner.GetAsync("/v1/catalog-entries")).ExpectAsync(HttpStatusCode.OK);
        Assert.False(Assert.Single(mine["data"]!.AsArray())!["contracted"]!.GetValue<bool>());
        var again = await (await partner.PostJsonAsync("/v1/products", new { name = "Late", catalogEntryId = entry })).ExpectAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("catalogEntryNotContracted", again.Code());
    }

    [Fact]
    [Trait("rule", "CAT-1")]
    public async Task PartnerListsOnlyItsOwnEntries_CAT1()
    {
        var (aId, a) = await app.PartnerAsync("Lister A");
        var (bId, _) = await app.PartnerAsync("Lister B");
        var a1 = await app.CreateCatalogEntryAsync(aId, "A One");
        var a2 = await app.CreateCatalogEntryAsync(aId, "A Two", contracted: false);
        var b1 = await app.CreateCatalogEntryAsync(bId, "B One");

        var all = await (await a.GetAsync("/v1/catalog-entries")).ExpectAsync(HttpStatusCode.OK);
        var ids = all["data"]!.AsArray().Select(e => e!["id"]!.GetValue<string>()).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(new[] { a1, a2 }.Order(StringComparer.Ordinal), ids);
        Assert.DoesNotContain(b1, all.ToJsonString(), StringComparison.Ordinal);

        var contracted = await (await a.GetAsync("/v1/catalog-entries?contracted=true")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(a1, Assert.Single(contracted["data"]!.AsArray())!["id"]!.GetValue<string>());
    }

    [Fact]
    [Trait("rule", "CAT-2")]
    public async Task Product_WithAnotherPartnersEntry_Is422UnknownCatalogEntry_AndDoesNotLeakIt_CAT2()
    {
        var (aId, a) = await app.PartnerAsync("Product A");
        var (bId, _) = await app.PartnerAsync("Product B");
        var mine = await app.CreateCatalogEntryAsync(aId, "Mine");
        var theirs = await app.CreateCatalogEntryAsync(bId, "Secret Unreleased App");

        var foreign = await (await a.PostJsonAsync("/v1/products", new { name = "Stolen", catalogEntryId = theirs })).ExpectAsync(HttpStatusCode.UnprocessableEntity);
        var unknown = await (await a.PostJsonAsync("/v1/products", new { name = "Made up", catalogEntryId = "cat_doesnotexist" })).ExpectAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("unknownCatalogEntry", foreign.Code());
        Assert.Equal(unknown["errors"]!.ToJsonString(), foreign["errors"]!.ToJsonString());
        Assert.DoesNotContain("Secret Unreleased App", foreign.ToJsonString(), StringComparison.Ordinal);

        var missing = await (await a.PostJsonAsync("/v1/products", new { name = "No entry" })).ExpectAsync(HttpStatusCode.UnprocessableEntity);
        Assert.NotNull(missing["errors"]!["catalogEntryId"]);

        var created = await (await a.PostJsonAsync("/v1/products", new { name = "Mine Standard", catalogEntryId = mine })).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(mine, created["catalogEntryId"]!.GetValue<string>());
        var list = await (await a.GetAsync("/v1/products")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(created["id"]!.GetValue<string>(), Assert.Single(list["data"]!.AsArray())!["id"]!.GetValue<string>());
    }

    public static TheoryData<string, string, string?> LicenseIds => new()
    {
        { "packageLicense", "050000000000001", null },
        { "packageLicense", "050000000000001AAA", null },
        { "permissionSet", "0PS000000000001", null },
        { "permissionSet", "0PS000000000001GAA", null },
        { "packageLicense", "050Ab0000000XyZIAU", null },
        { "packageLicense", "05000000000001", "idLength" },
        { "packageLicense", "0500000000000012345", "idLength" },
        { "packageLicense", "05000000000000-", "idCharacters" },
        { "packageLicense", "050 00000000001", "idCharacters" },
        { "packageLicense", "050000000000001AAB", "idChecksum" },
        { "packageLicense", "050Ab0000000XyZIAA", "idChecksum" },
        { "packageLicense", "0PS000000000001", "idPrefix" },
        { "permissionSet", "050000000000001", "idPrefix" },
        { "packageLicense", "", "required" },
    };

    [Theory]
    [Trait("rule", "CAT-3")]
    [MemberData(nameof(LicenseIds))]
    public async Task AddLicense_ValidatesExternalId_CAT3(string kind, string externalId, string? expectedCode)
    {
        var (partnerId, partner) = await app.PartnerAsync("Licenses " + kind + externalId);
        var productId = await partner.CreateProductAsync(await app.CreateCatalogEntryAsync(partnerId), licenseId: null);

        var response = await partner.PostJsonAsync($"/v1/products/{productId}/licenses", new { kind, externalId });
        if (expectedCode is null)
        {
            var product = await response.ExpectAsync(HttpStatusCode.Created);
            var license = Assert.Single(product["licenses"]!.AsArray())!;
            Assert.Equal(externalId, license["externalId"]!.GetValue<string>());
            Assert.Equal(kind, license["kind"]!.GetValue<string>());
            Assert.True(product["sellable"]!.GetValue<bool>());
            return;
        }
        var problem = await response.ExpectAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(expectedCode, problem.Code());
        Assert.Equal([expectedCode], problem["errorCodes"]!["externalId"]!.AsArray().Select(c => c!.GetValue<string>()));
        var why = Assert.Single(problem["errors"]!["externalId"]!.AsArray())!.GetValue<string>();
        Assert.False(string.IsNullOrWhiteSpace(why));
        var after = await (await partner.GetAsync($"/v1/products/{productId}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Empty(after["licenses"]!.AsArray());
    }

    [Fact]
    [Trait("rule", "CAT-3")]
    public async Task AddLicense_15And18CharacterSpellingsOfOneId_AreOneLicense_CAT3()
    {
        var (partnerId, partner) = await app.PartnerAsync("Duplicate Licenses");
        var productId = await partner.CreateProductAsync(await app.CreateCatalogEntryAsync(partnerId), licenseId: "050000000000001");
        var duplicate = await (await partner.PostJsonAsync($"/v1/products/{productId}/licenses", new { kind = "packageLicense", externalId = "050000000000001AAA" }))
            .ExpectAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("duplicateLicense", duplicate.Code());
    }

    /// <remarks>Offers do not exist yet: this proves the product side of CAT-4 (the sellable flag an offer will check).</remarks>
    [Fact]
    [Trait("rule", "CAT-4")]
    public async Task ProductWithoutLicense_IsNotSellable_UntilOneIsMapped_CAT4()
    {
        var (partnerId, partner) = await app.PartnerAsync("Sellable");
        var productId = await partner.CreateProductAsync(await app.CreateCatalogEntryAsync(partnerId), licenseId: null);
        Assert.False((await (await partner.GetAsync($"/v1/products/{productId}")).ExpectAsync(HttpStatusCode.OK))["sellable"]!.GetValue<bool>());

        var added = await (await partner.PostJsonAsync($"/v1/products/{productId}/licenses", new { kind = "permissionSet", externalId = "0PS000000000001" }))
            .ExpectAsync(HttpStatusCode.Created);
        Assert.True(added["sellable"]!.GetValue<bool>());

        var licenseId = added["licenses"]![0]!["id"]!.GetValue<string>();
        await (await partner.DeleteAsync($"/v1/products/{productId}/licenses/{licenseId}")).ExpectAsync(HttpStatusCode.NoContent);
        Assert.False((await (await partner.GetAsync($"/v1/products/{productId}")).ExpectAsync(HttpStatusCode.OK))["sellable"]!.GetValue<bool>());
    }
}
