using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Switchyard.Api.Tests.Infrastructure;

namespace Switchyard.Api.Tests.Legacy;

/// <summary>A partner with one contracted app ("Insights") and helpers to import legacy files.</summary>
public sealed record LegacyScenario(SwitchyardApp App, string PartnerId, HttpClient Partner, string AppId)
{
    public const string Header = "external_id,customer_org_id,customer_name,app,type,quantity,unit_price,currency,contract_start,contract_end,status,received_at";

    public static async Task<LegacyScenario> CreateAsync(SwitchyardApp app)
    {
        var (partnerId, partner) = await app.PartnerAsync("Legacy" + Guid.NewGuid().ToString("N")[..6]);
        var appId = await app.CreateCatalogEntryAsync(partnerId);
        return new LegacyScenario(app, partnerId, partner, appId);
    }

    public static string Row(string ext, string org = "00D000000000001", string app = "Insights", string type = "New", string qty = "10",
        string price = "25.00", string start = "2026-03-01", string end = "2027-02-28", string status = "Activated",
        string received = "2019-05-01T09:30:00.123Z", string name = "Globex") =>
        $"{ext},{org},{name},{app},{type},{qty},{price},USD,{start},{end},{status},{received}";

    public Task<HttpResponseMessage> ImportAsync(string body, bool dryRun = false, string contentType = "text/csv") =>
        ImportBytesAsync(Encoding.UTF8.GetBytes(body), dryRun, contentType);

    public Task<HttpResponseMessage> ImportBytesAsync(byte[] body, bool dryRun = false, string contentType = "text/csv")
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return Partner.PostAsync($"/v1/legacy/imports?dryRun={(dryRun ? "true" : "false")}", content);
    }

    public async Task<JsonArray> OrdersAsync(string query = "")
    {
        var page = await (await Partner.GetAsync("/v1/legacy/service-orders?limit=500" + query)).ExpectAsync(HttpStatusCode.OK);
        return page["data"]!.AsArray();
    }

    public static string Csv(params string[] rows) => Header + "\n" + string.Join("\n", rows) + "\n";
}
