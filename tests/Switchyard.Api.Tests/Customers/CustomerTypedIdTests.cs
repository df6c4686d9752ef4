using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Switchyard.Api.Tests.Infrastructure;
using Switchyard.Domain.Customers;

namespace Switchyard.Api.Tests.Customers;

/// <summary>
/// Customer and customer org ids are typed in the code (CustomerId, CustomerOrgId) and plain strings everywhere
/// else: on the wire, in the database (both providers) and in the audit trail; either spelling of an org id
/// still names one org (OFF-3).
/// </summary>
public class CustomerTypedIdTests(SwitchyardApp app) : IClassFixture<SwitchyardApp>
{
    private static string NewOrgId15() =>
        "00D" + Random.Shared.NextInt64(0, 999_999_999_999).ToString("D12", CultureInfo.InvariantCulture);

    [Fact]
    [Trait("rule", "AUD-1")]
    public async Task ACustomer_ReadsAndAuditsItsIds_AsPlainStrings_AUD1()
    {
        var (_, partner) = await app.PartnerAsync("Typed" + Guid.NewGuid().ToString("N")[..6]);
        var org15 = NewOrgId15();
        var customerId = await partner.CreateCustomerAsync(org15, "Typed Customer");
        await (await partner.PatchJsonAsync($"/v1/customers/{customerId}", new { name = "Typed Customer 2", reason = "Renamed" }))
            .ExpectAsync(HttpStatusCode.OK);

        var customer = await (await partner.GetAsync($"/v1/customers/{customerId}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.String, customer["id"]!.GetValueKind());
        Assert.StartsWith("cus_", customer["id"]!.GetValue<string>(), StringComparison.Ordinal);
        var orgId = customer["orgId"]!.GetValue<string>();
        Assert.Equal(18, orgId.Length);
        Assert.StartsWith(org15, orgId, StringComparison.Ordinal);

        // The audit trail keeps the ids as the plain strings they are stored as (never {"value": …}).
        var history = (await (await partner.GetAsync($"/v1/audit?objectId={customerId}")).ExpectAsync(HttpStatusCode.OK)).AsArray();
        var created = history.Single(e => e!["action"]!.GetValue<string>() == "customer.created")!;
        Assert.Equal(customerId, created["objectId"]!.GetValue<string>());
        var recordedOrg = created["changes"]!["orgId"]!["new"]!;
        Assert.Equal(JsonValueKind.String, recordedOrg.GetValueKind());
        Assert.Equal(orgId, recordedOrg.GetValue<string>());
        var updated = history.Single(e => e!["action"]!.GetValue<string>() == "customer.updated")!;
        Assert.Equal("Typed Customer 2", updated["changes"]!["name"]!["new"]!.GetValue<string>());

        // Either spelling of the org id finds the customer, as before.
        var byShort = await (await partner.GetAsync($"/v1/customers?orgId={org15}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(customerId, Assert.Single(byShort["data"]!.AsArray())!["id"]!.GetValue<string>());

        await using var scope = app.DbScope(out var db);
        var stored = await db.Customers.IgnoreQueryFilters().AsNoTracking().SingleAsync(c => c.Id == CustomerId.From(customerId));
        Assert.Equal(CustomerOrgId.Canonical(org15), stored.OrgId);
        Assert.Equal(CustomerOrgId.Canonical(orgId), stored.OrgId);
        Assert.True(await db.CustomerOrgs.AsNoTracking().AnyAsync(o => o.Id == CustomerOrgId.Canonical(org15)));
    }

    [Fact]
    public async Task AnotherKindOfId_WhereACustomerIdIsMeant_IsNotFound_AsBefore()
    {
        var (_, partner) = await app.PartnerAsync("Typed" + Guid.NewGuid().ToString("N")[..6]);
        var org15 = NewOrgId15();
        await partner.CreateCustomerAsync(org15, "Typed Customer");

        foreach (var wrong in new[] { org15, "off_0196f1c2", "cus_" })
        {
            var response = await partner.GetAsync($"/v1/customers/{wrong}");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task ACustomerOrg_IsFoundByEitherSpellingOfItsId_AndSentAsAPlainString_OFF3()
    {
        var org15 = NewOrgId15();
        var op = app.Operator();
        var created = await (await op.PostJsonAsync("/v1/customer-orgs", new { orgId = org15, name = "Typed Org" })).ExpectAsync(HttpStatusCode.Created);
        var org18 = created["orgId"]!.GetValue<string>();

        var byShort = await (await op.GetAsync($"/v1/customer-orgs/{org15}")).ExpectAsync(HttpStatusCode.OK);
        var byLong = await (await op.GetAsync($"/v1/customer-orgs/{org18}")).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(CustomerOrgId.Canonical(org15).Value, org18);
        Assert.Equal(JsonValueKind.String, byShort["orgId"]!.GetValueKind());
        Assert.Equal(org18, byShort["orgId"]!.GetValue<string>());
        Assert.Equal(org18, byLong["orgId"]!.GetValue<string>());
    }
}
