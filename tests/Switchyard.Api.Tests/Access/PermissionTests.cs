using System.Net;
using Switchyard.Api.Tests.Infrastructure;

namespace Switchyard.Api.Tests.Access;

/// <summary>PRM-1..5: what each kind of key may do, and how a refusal reads.</summary>
public class PermissionTests(SwitchyardApp app) : IClassFixture<SwitchyardApp>
{
    private const string AppView = "app.view";
    private const string OffersManage = "offers.manage";

    [Fact]
    [Trait("rule", "PRM-1")]
    public async Task AppViewOnlyKey_ReadsAndConfiguresProductsCustomersAndAccount_PRM1()
    {
        var (partnerId, viewer) = await app.PartnerAsync("View Only", true, AppView);
        var entry = await app.CreateCatalogEntryAsync(partnerId);

        var productId = await viewer.CreateProductAsync(entry);
        await (await viewer.PatchJsonAsync($"/v1/products/{productId}", new { name = "Renamed" })).ExpectAsync(HttpStatusCode.OK);
        var product = await (await viewer.GetAsync($"/v1/products/{productId}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Renamed", product["name"]!.GetValue<string>());
        var licenseId = product["licenses"]![0]!["id"]!.GetValue<string>();
        await (await viewer.DeleteAsync($"/v1/products/{productId}/licenses/{licenseId}")).ExpectAsync(HttpStatusCode.NoContent);

        var customerId = await viewer.CreateCustomerAsync("00D0000000000V1");
        await (await viewer.PatchJsonAsync($"/v1/customers/{customerId}", new { name = "Globex Renamed" })).ExpectAsync(HttpStatusCode.OK);
        await (await viewer.GetAsync("/v1/customers")).ExpectAsync(HttpStatusCode.OK);
        await (await viewer.GetAsync("/v1/catalog-entries")).ExpectAsync(HttpStatusCode.OK);

        await (await viewer.PatchJsonAsync("/v1/account", new { phone = "+1 555 0100" })).ExpectAsync(HttpStatusCode.OK);
        await (await viewer.GetAsync("/v1/account")).ExpectAsync(HttpStatusCode.OK);
        await (await viewer.GetAsync($"/v1/audit?objectId={productId}")).ExpectAsync(HttpStatusCode.OK);
    }

    /// <remarks>
    /// Offer endpoints are not built yet: every offer-changing operation the document publishes must refuse an
    /// app.view-only key naming offers.manage. Until any exists, POST /v1/offers must not be served at all.
    /// </remarks>
    [Fact]
    [Trait("rule", "PRM-1")]
    [Trait("rule", "PRM-3")]
    public async Task AppViewOnlyKey_CannotManageOffers_PRM1()
    {
        var (_, viewer) = await app.PartnerAsync("View Only Offers", true, AppView);
        var offerWrites = (await OpenApiDocument.OperationsAsync(app))
            .Where(op => op.IsUnder("/v1/offers") && !op.IsRead).ToList();
        if (offerWrites.Count == 0)
        {
            await (await viewer.PostJsonAsync("/v1/offers", new { })).ExpectAsync(HttpStatusCode.NotFound);
            return;
        }
        foreach (var op in offerWrites)
        {
            var path = string.Join('/', op.Path.Split('/').Select(s => s.StartsWith('{') ? "off_unknown" : s));
            await (await viewer.SendJsonAsync(op.HttpMethod, path, op.HasRequestBody ? new { } : null)).ExpectMissingPermissionAsync(OffersManage);
        }
    }

    [Fact]
    [Trait("rule", "PRM-2")]
    [Trait("rule", "PRM-5")]
    public async Task OffersManageOnlyKey_ReadsProductsAndCustomers_ButCannotChangeThem_PRM2_PRM5()
    {
        var (partnerId, admin) = await app.PartnerAsync("Offer Manager Co");
        var manager = app.ClientWithKey(await app.IssuePartnerKeyAsync(partnerId, OffersManage));
        var entry = await app.CreateCatalogEntryAsync(partnerId);
        var productId = await admin.CreateProductAsync(entry);
        var customerId = await admin.CreateCustomerAsync("00D0000000000M1");
        var licenseId = (await (await admin.GetAsync($"/v1/products/{productId}")).ExpectAsync(HttpStatusCode.OK))["licenses"]![0]!["id"]!.GetValue<string>();

        var products = await (await manager.GetAsync("/v1/products")).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(products["data"]!.AsArray(), p => p!["id"]!.GetValue<string>() == productId);
        await (await manager.GetAsync($"/v1/products/{productId}")).ExpectAsync(HttpStatusCode.OK);
        var customers = await (await manager.GetAsync("/v1/customers")).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(customers["data"]!.AsArray(), c => c!["id"]!.GetValue<string>() == customerId);
        await (await manager.GetAsync($"/v1/customers/{customerId}")).ExpectAsync(HttpStatusCode.OK);
        await (await manager.GetAsync("/v1/catalog-entries")).ExpectAsync(HttpStatusCode.OK);

        await (await manager.PostJsonAsync("/v1/products", new { name = "Sneaky", catalogEntryId = entry })).ExpectMissingPermissionAsync(AppView);
        await (await manager.PatchJsonAsync($"/v1/products/{productId}", new { name = "Sneaky" })).ExpectMissingPermissionAsync(AppView);
        await (await manager.PostJsonAsync($"/v1/products/{productId}/licenses", new { kind = "packageLicense", externalId = "050000000000002" }))
            .ExpectMissingPermissionAsync(AppView);
        await (await manager.DeleteAsync($"/v1/products/{productId}/licenses/{licenseId}")).ExpectMissingPermissionAsync(AppView);
        await (await manager.PostJsonAsync("/v1/customers", new { name = "X", orgId = "00D0000000000M2", contactEmail = "x@x.example" }))
            .ExpectMissingPermissionAsync(AppView);
        await (await manager.PatchJsonAsync($"/v1/customers/{customerId}", new { name = "Sneaky" })).ExpectMissingPermissionAsync(AppView);
        await (await manager.PatchJsonAsync("/v1/account", new { phone = "+1 555 0199" })).ExpectMissingPermissionAsync(AppView);

        // Nothing the refused calls tried was written.
        var product = await (await admin.GetAsync($"/v1/products/{productId}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Insights Standard", product["name"]!.GetValue<string>());
        Assert.Single(product["licenses"]!.AsArray());
        var after = await (await admin.GetAsync("/v1/customers")).ExpectAsync(HttpStatusCode.OK);
        Assert.Single(after["data"]!.AsArray());
    }

    [Fact]
    [Trait("rule", "PRM-4")]
    public async Task PartnerAndCustomerKeys_OnEveryOperatorEndpoint_Answer403_PRM4()
    {
        var (partnerId, partner) = await app.PartnerAsync("Not An Operator");
        var customer = await app.CustomerUserAsync("00D0000000000P4");
        var operatorOps = (await OpenApiDocument.OperationsAsync(app)).Where(OpenApiDocument.IsOperatorPath).ToList();
        Assert.True(operatorOps.Count >= 10, $"expected the operator endpoints in the document, found {operatorOps.Count}");

        foreach (var op in operatorOps)
        {
            // Real ids where they matter, so a 403 cannot come from a missing object.
            var path = op.Path.Replace("{partnerId}", partnerId, StringComparison.Ordinal)
                .Replace("{orgId}", "00D0000000000P4", StringComparison.Ordinal)
                .Replace("{id}", partnerId, StringComparison.Ordinal)
                .Replace("{entryId}", "cat_unknown", StringComparison.Ordinal);
            foreach (var (who, client) in new[] { ("partner", partner), ("customer", customer) })
            {
                var response = await client.SendJsonAsync(op.HttpMethod, path, op.HasRequestBody ? new { } : null);
                var body = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{op} with a {who} key: {(int)response.StatusCode} {body}");
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                Assert.Contains("operator", body, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    [Trait("rule", "PRM-4")]
    public async Task PartnerKey_CannotBeGrantedOperatorRights_PRM4()
    {
        var partnerId = await app.CreatePartnerAsync("Greedy");
        var refused = await (await app.Operator().PostJsonAsync($"/v1/partners/{partnerId}/api-keys", new { permissions = new[] { "operator.all" } }))
            .ExpectAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("unknownPermission", refused.Code());
    }

    [Fact]
    [Trait("rule", "PRM-4")]
    public async Task CustomerKey_OnPartnerEndpoints_Answers403_PRM4()
    {
        var customer = await app.CustomerUserAsync("00D0000000000P5");
        foreach (var path in new[] { "/v1/account", "/v1/products", "/v1/customers", "/v1/catalog-entries", "/v1/api-keys" })
        {
            var problem = await (await customer.GetAsync(path)).ExpectAsync(HttpStatusCode.Forbidden);
            Assert.Equal("forbidden", problem.Code());
            Assert.Contains("customer user", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        }
    }

    [Fact]
    [Trait("rule", "PRM-5")]
    public async Task AnotherTenantsResource_Answers404_NeverLeaksExistence_PRM5()
    {
        var (otherId, other) = await app.PartnerAsync("Other Tenant");
        var otherProduct = await other.CreateProductAsync(await app.CreateCatalogEntryAsync(otherId));
        var (_, me) = await app.PartnerAsync("Me Tenant");

        var foreign = await (await me.GetAsync($"/v1/products/{otherProduct}")).ExpectAsync(HttpStatusCode.NotFound);
        var unknown = await (await me.GetAsync("/v1/products/prd_doesnotexist")).ExpectAsync(HttpStatusCode.NotFound);
        Assert.Equal(unknown.Code(), foreign.Code());
        Assert.Equal(unknown["detail"]!.GetValue<string>(), foreign["detail"]!.GetValue<string>());
    }
}
