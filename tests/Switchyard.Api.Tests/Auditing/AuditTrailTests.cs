using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Switchyard.Api.Tests.Infrastructure;

namespace Switchyard.Api.Tests.Auditing;

/// <summary>AUD-1: every change made through the API is in the trail: actor, at (the server's clock), changes, reason.</summary>
public class AuditTrailTests(SwitchyardApp app) : IClassFixture<SwitchyardApp>
{
    private static readonly DateTimeOffset Moved = SwitchyardApp.ClockStart.AddDays(3).AddHours(2);
    private const string OperatorActor = "operator:bootstrap-key";

    private async Task<JsonArray> HistoryAsync(string objectId) =>
        (await (await app.Operator().GetAsync($"/v1/operator/audit?objectId={objectId}")).ExpectAsync(HttpStatusCode.OK)).AsArray();

    private static JsonNode Entry(JsonArray history, string action)
    {
        var matching = history.Where(e => e!["action"]!.GetValue<string>() == action).ToList();
        Assert.True(matching.Count == 1, $"expected one '{action}' in {history.ToJsonString()}");
        var entry = matching[0]!;
        Assert.Equal(Moved, entry["at"]!.GetValue<DateTimeOffset>());
        return entry;
    }

    private static void AssertChange(JsonNode entry, string field, object? oldValue, object? newValue)
    {
        // A part's fields (a license of a product) are recorded as "licenseMapping[lic_…].externalId".
        var changes = entry["changes"]!.AsObject();
        var change = changes[field] ?? changes.FirstOrDefault(c => c.Key.EndsWith("." + field, StringComparison.Ordinal)).Value;
        Assert.True(change is not null, $"no change of '{field}' in {entry.ToJsonString()}");
        Assert.Equal(oldValue?.ToString(), Render(change["old"]));
        Assert.Equal(newValue?.ToString(), Render(change["new"]));
    }

    private static string? Render(JsonNode? node) => node switch
    {
        null => null,
        JsonValue v when v.TryGetValue<bool>(out var b) => b.ToString(),
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => node.ToJsonString(),
    };

    [Fact]
    [Trait("rule", "AUD-1")]
    public async Task EveryChangeThroughTheApi_IsRecordedWithActorClockTimeChangesAndReason_AUD1()
    {
        var op = app.Operator();
        var clock = await (await op.PostJsonAsync("/v1/operator/clock", new { now = Moved })).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(Moved, clock["now"]!.GetValue<DateTimeOffset>());

        // Partner: applied, approved (operator).
        var partnerId = (await (await op.PostJsonAsync("/v1/partners", new { name = "Audited Apps" })).ExpectAsync(HttpStatusCode.Created))["id"]!.GetValue<string>();
        await (await op.PostAsync($"/v1/partners/{partnerId}/approve", null)).ExpectAsync(HttpStatusCode.OK);
        var partnerHistory = await HistoryAsync(partnerId);
        var applied = Entry(partnerHistory, "partner.applied");
        Assert.Equal(OperatorActor, applied["actor"]!.GetValue<string>());
        AssertChange(applied, "name", null, "Audited Apps");
        var approved = Entry(partnerHistory, "partner.approved");
        AssertChange(approved, "status", "applied", "approved");

        // Key issued by the operator, then used by the partner.
        var issued = await (await op.PostJsonAsync($"/v1/partners/{partnerId}/api-keys", new { permissions = new[] { "app.view" }, name = "Main" }))
            .ExpectAsync(HttpStatusCode.Created);
        var keyId = issued["id"]!.GetValue<string>();
        var partner = app.ClientWithKey(issued["key"]!.GetValue<string>());
        var partnerActor = "partnerUser:" + keyId;
        var keyCreated = Entry(await HistoryAsync(keyId), "apiKey.created");
        Assert.Equal(OperatorActor, keyCreated["actor"]!.GetValue<string>());
        AssertChange(keyCreated, "permissions", null, "app.view");

        // Catalog entry: created, renamed, un-contracted with a reason (operator).
        var entryId = await app.CreateCatalogEntryAsync(partnerId, "Audit Insights");
        await (await op.PatchJsonAsync($"/v1/partners/{partnerId}/catalog-entries/{entryId}", new { name = "Audit Insights 2" })).ExpectAsync(HttpStatusCode.OK);
        var entryHistory = await HistoryAsync(entryId);
        AssertChange(Entry(entryHistory, "catalogEntry.created"), "name", null, "Audit Insights");
        AssertChange(Entry(entryHistory, "catalogEntry.updated"), "name", "Audit Insights", "Audit Insights 2");

        // Product: created, renamed, license added and removed (partner); the license changes sit under the product id.
        var productId = await partner.CreateProductAsync(entryId, "Audit Standard", licenseId: "050000000000009");
        await (await partner.PatchJsonAsync($"/v1/products/{productId}", new { name = "Audit Premium", reason = "Rebranding" })).ExpectAsync(HttpStatusCode.OK);
        var product = await (await partner.GetAsync($"/v1/products/{productId}")).ExpectAsync(HttpStatusCode.OK);
        var licenseId = product["licenses"]![0]!["id"]!.GetValue<string>();
        await (await partner.DeleteAsync($"/v1/products/{productId}/licenses/{licenseId}")).ExpectAsync(HttpStatusCode.NoContent);
        var productHistory = (await (await partner.GetAsync($"/v1/audit?objectId={productId}")).ExpectAsync(HttpStatusCode.OK)).AsArray();
        var productCreated = Entry(productHistory, "product.created");
        Assert.Equal(partnerActor, productCreated["actor"]!.GetValue<string>());
        AssertChange(productCreated, "name", null, "Audit Standard");
        var productUpdated = Entry(productHistory, "product.updated");
        AssertChange(productUpdated, "name", "Audit Standard", "Audit Premium");
        Assert.Equal("Rebranding", productUpdated["reason"]!.GetValue<string>());
        var licenseAdded = Entry(productHistory, "product.licenseAdded");
        Assert.Equal(productId, licenseAdded["objectId"]!.GetValue<string>());
        AssertChange(licenseAdded, "externalId", null, "050000000000009");
        var licenseRemoved = Entry(productHistory, "product.licenseRemoved");
        Assert.Equal(partnerActor, licenseRemoved["actor"]!.GetValue<string>());
        AssertChange(licenseRemoved, "externalId", "050000000000009", null);

        // Customer: created, edited (partner).
        var customerId = await partner.CreateCustomerAsync("00D0000000000A1", "Audited Customer");
        await (await partner.PatchJsonAsync($"/v1/customers/{customerId}", new { contactEmail = "ap@audited.example", reason = "Asked by the customer" })).ExpectAsync(HttpStatusCode.OK);
        var customerHistory = (await (await partner.GetAsync($"/v1/audit?objectId={customerId}")).ExpectAsync(HttpStatusCode.OK)).AsArray();
        AssertChange(Entry(customerHistory, "customer.created"), "name", null, "Audited Customer");
        var customerUpdated = Entry(customerHistory, "customer.updated");
        Assert.Equal(partnerActor, customerUpdated["actor"]!.GetValue<string>());
        AssertChange(customerUpdated, "contactEmail", "billing@globex.example", "ap@audited.example");
        Assert.Equal("Asked by the customer", customerUpdated["reason"]!.GetValue<string>());

        // Account: edited with a reason (partner).
        await (await partner.PatchJsonAsync("/v1/account", new { phone = "+44 20 7946 0000", reason = "New office" })).ExpectAsync(HttpStatusCode.OK);
        var accountUpdated = Entry(await HistoryAsync(partnerId), "account.updated");
        Assert.Equal(partnerActor, accountUpdated["actor"]!.GetValue<string>());
        Assert.Equal("New office", accountUpdated["reason"]!.GetValue<string>());
        AssertChange(accountUpdated, "phone", null, "+44 20 7946 0000");

        // Key revoked by the partner.
        await (await partner.PostAsync($"/v1/api-keys/{keyId}/revoke", null)).ExpectAsync(HttpStatusCode.OK);
        var revoked = Entry(await HistoryAsync(keyId), "apiKey.revoked");
        Assert.Equal(partnerActor, revoked["actor"]!.GetValue<string>());
        AssertChange(revoked, "revokedAt", null, Moved.ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", System.Globalization.CultureInfo.InvariantCulture));

        // Un-contracting carries the operator's reason.
        await (await op.PatchJsonAsync($"/v1/partners/{partnerId}/catalog-entries/{entryId}", new { contracted = false, reason = "Contract ended" }))
            .ExpectAsync(HttpStatusCode.OK);
        var uncontracted = Entry(await HistoryAsync(entryId), "catalogEntry.uncontracted");
        Assert.Equal("Contract ended", uncontracted["reason"]!.GetValue<string>());
        AssertChange(uncontracted, "contracted", true, false);
    }

    [Fact]
    [Trait("rule", "AUD-1")]
    public async Task Trail_HasNoEndpointToEditOrDeleteEntries_AUD1()
    {
        var auditOps = (await OpenApiDocument.OperationsAsync(app)).Where(o => o.Path.Contains("audit", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.NotEmpty(auditOps);
        Assert.All(auditOps, o => Assert.Equal("get", o.Method));

        var (partnerId, partner) = await app.PartnerAsync("Tamperer");
        var before = await HistoryAsync(partnerId);
        Assert.NotEmpty(before);
        foreach (var client in new[] { partner, app.Operator() })
        {
            foreach (var path in new[] { "/v1/audit", "/v1/operator/audit" })
            {
                foreach (var method in new[] { HttpMethod.Post, HttpMethod.Put, HttpMethod.Patch, HttpMethod.Delete })
                {
                    var response = await client.SendJsonAsync(method, $"{path}?objectId={partnerId}", method == HttpMethod.Delete ? null : new { action = "forged" });
                    Assert.True(response.StatusCode is HttpStatusCode.MethodNotAllowed or HttpStatusCode.NotFound,
                        $"{method} {path}: {(int)response.StatusCode}");
                }
            }
        }
        Assert.Equal(before.ToJsonString(), (await HistoryAsync(partnerId)).ToJsonString());
    }

    [Fact]
    [Trait("rule", "AUD-1")]
    [Trait("rule", "SEC-2")]
    public async Task Trail_NeverHoldsSecrets_KeyHashesPasswordHashesOrTokens_AUD1()
    {
        var (partnerId, partner) = await app.PartnerAsync("Secretive");
        var token = await app.IssuePartnerKeyAsync(partnerId, "app.view");
        var invitation = await (await app.Operator().PostJsonAsync($"/v1/partners/{partnerId}/users", new { email = "dev@secretive.example", permissions = new[] { "app.view" } }))
            .ExpectAsync(HttpStatusCode.Created);
        var invitationToken = Uri.UnescapeDataString(invitation["invitationUrl"]!.GetValue<string>().Split("token=")[1]);
        await (await partner.GetAsync("/v1/account")).ExpectAsync(HttpStatusCode.OK);

        await using var scope = app.DbScope(out var db);
        var secrets = new List<string> { token, invitationToken, SwitchyardApp.OperatorKey };
        secrets.AddRange(await db.ApiKeys.Select(k => k.Hash).ToListAsync());
        secrets.AddRange((await db.ConsoleUsers.Select(u => new { u.PasswordHash, u.InvitationHash }).ToListAsync())
            .SelectMany(u => new[] { u.PasswordHash, u.InvitationHash }).OfType<string>());
        Assert.True(secrets.Count >= 6, "expected key hashes, a password hash and an invitation hash to check");

        var trail = await db.AuditEntries.ToListAsync();
        Assert.Contains(trail, a => a.ObjectType == "apiKey");
        Assert.Contains(trail, a => a.ObjectType == "consoleUser" && a.Changes.Contains("[redacted]", StringComparison.Ordinal));
        foreach (var entry in trail)
        {
            foreach (var secret in secrets)
            {
                Assert.DoesNotContain(secret, entry.Changes, StringComparison.Ordinal);
                Assert.DoesNotContain(secret, entry.Reason ?? "", StringComparison.Ordinal);
            }
        }
    }
}
