using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Switchyard.Api.Tests.Infrastructure;

namespace Switchyard.Api.Tests.Security;

/// <summary>
/// SEC-1: every partner operation the OpenAPI document publishes is called with partner A's key and
/// partner B's ids. By-id routes answer 404; lists never show B's ids. New endpoints are swept
/// automatically; one with a path parameter this test cannot fill fails it.
/// </summary>
public class TenantIsolationSweepTests(SwitchyardApp app) : IClassFixture<SwitchyardApp>
{
    private sealed record Tenant(
        string PartnerId, HttpClient Client, string EntryId, string ProductId, string LicenseId, string CustomerId, string OrgId, string KeyId,
        string OfferId, string OfferItemId, string OrderId, Billed Billed, string ServiceOrderId, string MigrationId, string ImportJobId)
    {
        public IReadOnlyList<string> OwnedIds =>
        [
            PartnerId, EntryId, ProductId, LicenseId, CustomerId, KeyId, OfferId, OfferItemId, OrderId,
            Billed.InvoiceId, Billed.PaymentId, Billed.PayoutId, ServiceOrderId, MigrationId, ImportJobId,
        ];
    }

    /// <summary>The accepted order's invoice, a payment on it and the payout covering that payment.</summary>
    private sealed record Billed(string InvoiceId, string PaymentId, string PayoutId);

    private async Task<Tenant> TenantAsync(string name, string orgId, string licenseId)
    {
        var partnerId = await app.CreatePartnerAsync(name);
        var issued = await (await app.Operator().PostJsonAsync($"/v1/partners/{partnerId}/api-keys", new { permissions = new[] { "app.view", "offers.manage" } }))
            .ExpectAsync(HttpStatusCode.Created);
        var client = app.ClientWithKey(issued["key"]!.GetValue<string>());
        var entryId = await app.CreateCatalogEntryAsync(partnerId, name + " App");
        var productId = await client.CreateProductAsync(entryId, name + " Product", licenseId);
        var product = await (await client.GetAsync($"/v1/products/{productId}")).ExpectAsync(HttpStatusCode.OK);
        var customerId = await client.CreateCustomerAsync(orgId, name + " Customer");
        await (await client.PatchJsonAsync("/v1/account", new { phone = "+1 555 0123", reason = "sweep" })).ExpectAsync(HttpStatusCode.OK);
        var (offerId, itemId, orderId, billed) = await OfferAndOrderAsync(client, customerId, orgId, productId);
        var (serviceOrderId, migrationId, importJobId) = await LegacyAndMigrationAsync(client, customerId, orgId, entryId, name);
        return new Tenant(partnerId, client, entryId, productId, product["licenses"]![0]!["id"]!.GetValue<string>(), customerId, orgId,
            issued["id"]!.GetValue<string>(), offerId, itemId, orderId, billed, serviceOrderId, migrationId, importJobId);
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Today on the shared manual clock (it only moves forward, and every tenant moves it).</summary>
    private async Task<DateOnly> TodayAsync()
    {
        var clock = await (await app.Operator().GetAsync("/v1/operator/clock")).ExpectAsync(HttpStatusCode.OK);
        return DateOnly.FromDateTime(clock["now"]!.GetValue<DateTimeOffset>().UtcDateTime);
    }

    private async Task SetClockAsync(DateOnly day) =>
        await (await app.Operator().PostJsonAsync("/v1/operator/clock", new { now = Iso(day) + "T01:00:00Z" })).ExpectAsync(HttpStatusCode.OK);

    /// <summary>
    /// A legacy service order for the customer's org (imported as CSV) and a migration of it to the platform
    /// at renewal: every legacy and migration route has something to aim at.
    /// </summary>
    private static async Task<(string ServiceOrderId, string MigrationId, string ImportJobId)> LegacyAndMigrationAsync(
        HttpClient client, string customerId, string orgId, string entryId, string name)
    {
        const string header = "external_id,customer_org_id,customer_name,app,type,quantity,unit_price,currency,contract_start,contract_end,status,received_at";
        var csv = header + "\n" + $"SO-{name},{orgId},{name} Customer,{entryId},New,5,20.00,USD,2026-06-01,2099-05-31,Activated,2026-05-01T09:30:00Z" + "\n";
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        await (await client.PostAsync("/v1/legacy/imports?dryRun=false", content)).ExpectAsync(HttpStatusCode.OK);
        var orders = await (await client.GetAsync("/v1/legacy/service-orders")).ExpectAsync(HttpStatusCode.OK);
        var serviceOrderId = Assert.Single(orders["data"]!.AsArray())!["id"]!.GetValue<string>();
        var migration = await (await client.PostJsonAsync("/v1/migrations", new { customerId, catalogEntryId = entryId, path = "atRenewal" }))
            .ExpectAsync(HttpStatusCode.Created);
        // A background dry run of the same file: an import job for GET /v1/legacy/imports/{id}.
        var again = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        again.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        var job = await (await client.PostAsync("/v1/legacy/imports?dryRun=true&background=true", again)).ExpectAsync(HttpStatusCode.Accepted);
        return (serviceOrderId, migration["id"]!.GetValue<string>(), job["id"]!.GetValue<string>());
    }

    /// <summary>
    /// An accepted offer (so an order, activated and invoiced on its start date, paid and paid out) and a draft
    /// with an item: every offer, order, invoice and payout route has something to aim at.
    /// </summary>
    private async Task<(string OfferId, string ItemId, string OrderId, Billed Billed)> OfferAndOrderAsync(
        HttpClient client, string customerId, string orgId, string productId)
    {
        var today = await TodayAsync();
        var start = today.AddDays(2);
        const string billing = "billing@sweep.example";
        await (await client.PostAsync("/v1/account/payment-connection", null)).ExpectAsync(HttpStatusCode.OK);
        var op = app.Operator();
        await (await op.PostJsonAsync($"/v1/customer-orgs/{orgId}/users", new { email = billing, manageBilling = true })).ExpectAsync(HttpStatusCode.Created);
        var customerKey = (await (await op.PostJsonAsync($"/v1/customer-orgs/{orgId}/api-keys", new { email = billing })).ExpectAsync(HttpStatusCode.Created))["key"]!.GetValue<string>();
        async Task<(string Offer, string Item)> DraftAsync()
        {
            var offer = await (await client.PostJsonAsync("/v1/offers", new
            {
                customerId,
                termSet = "net30UpfrontAnnual",
                contractTermMonths = 12,
                serviceStartDate = Iso(start),
                validUntil = Iso(today.AddDays(1)),
                terms = "T",
                recipientEmail = billing,
                currency = "USD",
            })).ExpectAsync(HttpStatusCode.Created);
            var id = offer["id"]!.GetValue<string>();
            var withItem = await (await client.PostJsonAsync($"/v1/offers/{id}/items", new { productId, quantity = 1, unitPriceMonthly = 5m })).ExpectAsync(HttpStatusCode.Created);
            return (id, withItem["items"]![0]!["id"]!.GetValue<string>());
        }
        var (sent, _) = await DraftAsync();
        await (await client.PostAsync($"/v1/offers/{sent}/send", null)).ExpectAsync(HttpStatusCode.OK);
        var order = await (await app.ClientWithKey(customerKey).PostAsync($"/v1/customer/offers/{sent}/accept", null)).ExpectAsync(HttpStatusCode.OK);
        var orderId = order["orderId"]!.GetValue<string>();
        var (draft, item) = await DraftAsync();

        // The start date comes: the order activates and is invoiced; a payment is paid out after the hold.
        await SetClockAsync(start);
        var invoices = await (await client.GetAsync("/v1/invoices")).ExpectAsync(HttpStatusCode.OK);
        var invoiceId = Assert.Single(invoices["data"]!.AsArray(), i => i!["orderId"]!.GetValue<string>() == orderId)!["id"]!.GetValue<string>();
        var payment = await (await op.PostJsonAsync($"/v1/operator/invoices/{invoiceId}/payments", new { amount = 10m, currency = "USD", reference = "sweep" }))
            .ExpectAsync(HttpStatusCode.OK);
        await SetClockAsync(start.AddDays(1));
        var payouts = await (await client.GetAsync("/v1/payouts")).ExpectAsync(HttpStatusCode.OK);
        var payoutId = Assert.Single(payouts["data"]!.AsArray())!["id"]!.GetValue<string>();
        return (draft, item, orderId, new Billed(invoiceId, payment["id"]!.GetValue<string>(), payoutId));
    }

    /// <summary>B's id for a path parameter, by the collection it follows; null when unknown.</summary>
    private static string? Fill(string path, string parameter, Tenant b)
    {
        var segments = path.Split('/');
        var at = Array.IndexOf(segments, "{" + parameter + "}");
        var collection = at > 0 ? segments[at - 1] : "";
        return collection switch
        {
            "products" => b.ProductId,
            "licenses" => b.LicenseId,
            "customers" => b.CustomerId,
            "catalog-entries" => b.EntryId,
            "api-keys" => b.KeyId,
            "partners" => b.PartnerId,
            "offers" => b.OfferId,
            "items" => b.OfferItemId,
            "orders" => b.OrderId,
            "invoices" => b.Billed.InvoiceId,
            "payouts" => b.Billed.PayoutId,
            "service-orders" => b.ServiceOrderId,
            "migrations" => b.MigrationId,
            "imports" => b.ImportJobId,
            _ => null,
        };
    }

    /// <summary>B's id for a body or query field naming another object, by its name.</summary>
    private static string? FieldValue(string field, Tenant b) => field switch
    {
        "productId" => b.ProductId,
        "customerId" => b.CustomerId,
        "catalogEntryId" => b.EntryId,
        "licenseId" => b.LicenseId,
        "partnerId" => b.PartnerId,
        "objectId" => b.ProductId,
        "offerId" => b.OfferId,
        "orderId" => b.OrderId,
        "invoiceId" => b.Billed.InvoiceId,
        "paymentId" => b.Billed.PaymentId,
        "payoutId" => b.Billed.PayoutId,
        "legacyOrderId" or "serviceOrderId" => b.ServiceOrderId,
        "migrationId" => b.MigrationId,
        _ => null,
    };

    private static IEnumerable<string> QueryParameters(ApiOperation op) =>
        (op.Node["parameters"]?.AsArray() ?? []).Where(p => p!["in"]!.GetValue<string>() == "query").Select(p => p!["name"]!.GetValue<string>());

    private static IEnumerable<string> BodyFields(JsonObject document, ApiOperation op)
    {
        var schema = op.Node["requestBody"]?["content"]?["application/json"]?["schema"];
        if (schema?["$ref"]?.GetValue<string>() is { } reference)
        {
            schema = document["components"]!["schemas"]![reference.Split('/')[^1]];
        }
        return schema?["properties"]?.AsObject().Select(p => p.Key) ?? [];
    }

    private static void AssertNoLeak(ApiOperation op, string url, string body, Tenant b)
    {
        foreach (var id in b.OwnedIds)
        {
            Assert.False(body.Contains(id, StringComparison.Ordinal), $"{op} ({url}) shows partner B's {id}: {body}");
        }
    }

    [Fact]
    [Trait("rule", "SEC-1")]
    [Trait("rule", "PRM-5")]
    public async Task EveryPartnerOperation_WithAnotherPartnersIds_Answers404OrHidesThem_SEC1()
    {
        var a = await TenantAsync("Alpha", "00D0000000000AA", "050000000000011");
        var b = await TenantAsync("Bravo", "00D0000000000BB", "050000000000022");
        var document = await OpenApiDocument.FetchAsync(app);
        var operations = OpenApiDocument.Operations(document).Where(OpenApiDocument.IsPartnerPath).ToList();
        Assert.Contains(operations, o => o.Path == "/v1/products/{id}");

        var swept = new List<string>();
        foreach (var op in operations)
        {
            if (op.PathParameters.Count > 0)
            {
                var url = op.Path;
                foreach (var parameter in op.PathParameters)
                {
                    var value = Fill(op.Path, parameter, b);
                    Assert.True(value is not null,
                        $"{op}: the tenant sweep does not know how to fill '{{{parameter}}}'. Create such an object for partner B in TenantAsync and map it in Fill.");
                    url = url.Replace("{" + parameter + "}", value, StringComparison.Ordinal);
                }
                var response = await a.Client.SendJsonAsync(op.HttpMethod, url, op.HasRequestBody ? new { } : null);
                var body = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{op} as A with B's ids ({url}): {(int)response.StatusCode} {body}");
                AssertNoLeak(op, url, body, b);
                swept.Add(op.ToString());
            }
            else if (op.IsRead)
            {
                // A list: plain, and with every filter set to B's ids.
                var urls = new List<string> { op.Path };
                foreach (var query in QueryParameters(op))
                {
                    var values = FieldValue(query, b) is { } id ? new[] { id } : query.EndsWith("Id", StringComparison.Ordinal) ? b.OwnedIds.Append(b.OrgId) : [];
                    urls.AddRange(values.Select(v => $"{op.Path}?{query}={Uri.EscapeDataString(v)}"));
                }
                foreach (var url in urls)
                {
                    var response = await a.Client.GetAsync(url);
                    var body = await response.Content.ReadAsStringAsync();
                    Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.UnprocessableEntity,
                        $"{op} ({url}) as A: {(int)response.StatusCode} {body}");
                    AssertNoLeak(op, url, body, b);
                }
                swept.Add(op.ToString());
            }
            else
            {
                // A create: every field naming another object gets B's id; it must not be accepted.
                var fields = BodyFields(document, op).Where(f => FieldValue(f, b) is not null).ToList();
                if (fields.Count == 0)
                {
                    continue;
                }
                // Only the fields naming objects: a typed field (a number, a date) filled with junk would
                // fail as malformed JSON before the ids were ever looked at.
                var body = new JsonObject();
                foreach (var field in fields)
                {
                    body[field] = FieldValue(field, b);
                }
                var response = await a.Client.SendJsonAsync(op.HttpMethod, op.Path, body);
                var text = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.UnprocessableEntity,
                    $"{op} as A naming B's objects: {(int)response.StatusCode} {text}");
                AssertNoLeak(op, op.Path, text, b);
                swept.Add(op.ToString());
            }
        }
        Assert.Contains("GET /v1/products/{id}", swept);
        Assert.Contains("DELETE /v1/products/{id}/licenses/{licenseId}", swept);
        Assert.Contains("GET /v1/audit", swept);
        Assert.Contains("POST /v1/products", swept);
        Assert.Contains("GET /v1/orders/{id}", swept);
        Assert.Contains("POST /v1/offers/{id}/send", swept);
        Assert.Contains("PATCH /v1/offers/{id}/items/{itemId}", swept);
        Assert.Contains("GET /v1/customers/{id}/entitlements", swept);
        Assert.Contains("GET /v1/invoices/{id}", swept);
        Assert.Contains("GET /v1/invoices/{id}/pdf", swept);
        Assert.Contains("GET /v1/payouts/{id}", swept);
        Assert.Contains("GET /v1/migrations/{id}", swept);
        Assert.Contains("GET /v1/legacy/service-orders", swept);

        // B's objects are all still there and unchanged by A's attempts.
        var product = await (await b.Client.GetAsync($"/v1/products/{b.ProductId}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Bravo Product", product["name"]!.GetValue<string>());
        Assert.Single(product["licenses"]!.AsArray());
        var keys = await (await b.Client.GetAsync("/v1/api-keys")).ExpectAsync(HttpStatusCode.OK);
        Assert.Null(keys.AsArray().Single(k => k!["id"]!.GetValue<string>() == b.KeyId)!["revokedAt"]);
        // And A still sees its own.
        var mine = await (await a.Client.GetAsync("/v1/products")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(a.ProductId, Assert.Single(mine["data"]!.AsArray())!["id"]!.GetValue<string>());
    }

    [Fact]
    [Trait("rule", "SEC-1")]
    public async Task OwnProductWithAnotherPartnersLicenseId_Answers404_SEC1()
    {
        var a = await TenantAsync("Charlie", "00D0000000000CC", "050000000000033");
        var b = await TenantAsync("Delta", "00D0000000000DD", "050000000000044");
        await (await a.Client.DeleteAsync($"/v1/products/{a.ProductId}/licenses/{b.LicenseId}")).ExpectAsync(HttpStatusCode.NotFound);
        var product = await (await b.Client.GetAsync($"/v1/products/{b.ProductId}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Single(product["licenses"]!.AsArray());
    }
}
