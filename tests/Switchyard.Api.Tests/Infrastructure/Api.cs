using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Switchyard.Api.Tests.Infrastructure;

/// <summary>Small builders over the HTTP API so tests read as the scenario they prove.</summary>
public static class Api
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<JsonNode> ReadJsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonNode.Parse(text.Length == 0 ? "null" : text) ?? JsonValue.Create("")!;
    }

    /// <summary>Asserts the status and returns the body, showing the body when the status is wrong.</summary>
    public static async Task<JsonNode> ExpectAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status} {status}, got {(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body.Length == 0 ? "null" : body) ?? JsonValue.Create("")!;
    }

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, object body) =>
        client.PostAsJsonAsync(url, body, Json);

    public static Task<HttpResponseMessage> PatchJsonAsync(this HttpClient client, string url, object body) =>
        client.PatchAsJsonAsync(url, body, Json);

    public static async Task<string> CreatePartnerAsync(this SwitchyardApp app, string name = "Acme", bool approve = true)
    {
        var op = app.Operator();
        var partner = await (await op.PostJsonAsync("/v1/partners", new { name })).ExpectAsync(HttpStatusCode.Created);
        var id = partner["id"]!.GetValue<string>();
        if (approve)
        {
            await (await op.PostAsync($"/v1/partners/{id}/approve", null)).ExpectAsync(HttpStatusCode.OK);
        }
        return id;
    }

    public static async Task<string> IssuePartnerKeyAsync(this SwitchyardApp app, string partnerId, params string[] permissions)
    {
        var perms = permissions.Length == 0 ? new[] { "app.view", "offers.manage" } : permissions;
        var issued = await (await app.Operator().PostJsonAsync($"/v1/partners/{partnerId}/api-keys", new { permissions = perms }))
            .ExpectAsync(HttpStatusCode.Created);
        return issued["key"]!.GetValue<string>();
    }

    /// <summary>An approved partner and a client holding a key with the given permissions (both by default).</summary>
    public static async Task<(string PartnerId, HttpClient Client)> PartnerAsync(this SwitchyardApp app, string name = "Acme", bool approve = true, params string[] permissions)
    {
        var id = await app.CreatePartnerAsync(name, approve);
        return (id, app.ClientWithKey(await app.IssuePartnerKeyAsync(id, permissions)));
    }

    public static async Task<string> CreateCatalogEntryAsync(this SwitchyardApp app, string partnerId, string name = "Insights", bool contracted = true)
    {
        var entry = await (await app.Operator().PostJsonAsync($"/v1/partners/{partnerId}/catalog-entries", new { name, contracted }))
            .ExpectAsync(HttpStatusCode.Created);
        return entry["id"]!.GetValue<string>();
    }

    public static async Task<string> CreateProductAsync(this HttpClient partner, string catalogEntryId, string name = "Insights Standard", string? licenseId = "050000000000001")
    {
        var product = await (await partner.PostJsonAsync("/v1/products", new { name, catalogEntryId })).ExpectAsync(HttpStatusCode.Created);
        var id = product["id"]!.GetValue<string>();
        if (licenseId is not null)
        {
            await (await partner.PostJsonAsync($"/v1/products/{id}/licenses", new { kind = "packageLicense", externalId = licenseId }))
                .ExpectAsync(HttpStatusCode.Created);
        }
        return id;
    }

    public static async Task<string> CreateCustomerAsync(this HttpClient partner, string orgId = "00D000000000001", string name = "Globex", string contactEmail = "billing@globex.example")
    {
        var customer = await (await partner.PostJsonAsync("/v1/customers", new { name, orgId, contactEmail })).ExpectAsync(HttpStatusCode.Created);
        return customer["id"]!.GetValue<string>();
    }

    /// <summary>A customer org with one user holding manage billing, and a client with that user's key.</summary>
    public static async Task<HttpClient> CustomerUserAsync(this SwitchyardApp app, string orgId = "00D0000000000CU", string email = "buyer@cust.example")
    {
        var op = app.Operator();
        await (await op.PostJsonAsync("/v1/customer-orgs", new { orgId, name = "Customer " + orgId })).ExpectAsync(HttpStatusCode.Created);
        await (await op.PostJsonAsync($"/v1/customer-orgs/{orgId}/users", new { email, manageBilling = true })).ExpectAsync(HttpStatusCode.Created);
        var issued = await (await op.PostJsonAsync($"/v1/customer-orgs/{orgId}/api-keys", new { email })).ExpectAsync(HttpStatusCode.Created);
        return app.ClientWithKey(issued["key"]!.GetValue<string>());
    }

    /// <summary>Sends a request with a JSON body (or none) and any method.</summary>
    public static Task<HttpResponseMessage> SendJsonAsync(this HttpClient client, HttpMethod method, string url, object? body = null)
    {
        var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: Json);
        }
        return client.SendAsync(request);
    }

    /// <summary>Asserts a 403 problem naming exactly the missing permission (PRM-5).</summary>
    public static async Task ExpectMissingPermissionAsync(this HttpResponseMessage response, string permission)
    {
        var problem = await response.ExpectAsync(HttpStatusCode.Forbidden);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("missingPermission", problem.Code());
        var missing = problem["missingPermissions"]!.AsArray().Select(p => p!.GetValue<string>()).ToArray();
        Assert.Equal([permission], missing);
        Assert.Contains(permission, problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    /// <summary>Reads a problem body's `code`.</summary>
    public static string? Code(this JsonNode problem) => problem["code"]?.GetValue<string>();
}
