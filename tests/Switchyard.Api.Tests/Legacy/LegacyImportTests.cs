using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Switchyard.Api.Tests.Infrastructure;
using static Switchyard.Api.Tests.Legacy.LegacyScenario;

namespace Switchyard.Api.Tests.Legacy;

public class LegacyImportTests(SwitchyardApp app) : IClassFixture<SwitchyardApp>
{
    [Fact]
    [Trait("rule", "LEG-2")]
    [Trait("rule", "LEG-3")]
    [Trait("rule", "LEG-1")]
    public async Task Import_KeepsReceivedDates_RerunChangesNothing_ChangedRowUpdated()
    {
        var s = await CreateAsync(app);
        var file = Csv(Row("SO-1"), Row("SO-2", type: "Add-On", qty: "5", received: "2018-12-31T23:59:59.5+02:00"));
        var first = await (await s.ImportAsync(file)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(("completed", 2, 0, 0), (first["status"]!.GetValue<string>(), first["created"]!.GetValue<int>(), first["updated"]!.GetValue<int>(), first["unchanged"]!.GetValue<int>()));

        var orders = await s.OrdersAsync();
        Assert.Equal(2, orders.Count);
        var so2 = orders.Single(o => o!["externalId"]!.GetValue<string>() == "SO-2")!;
        Assert.Equal("addOn", so2["type"]!.GetValue<string>());
        Assert.Equal(DateTimeOffset.Parse("2018-12-31T21:59:59.5Z", System.Globalization.CultureInfo.InvariantCulture), so2["receivedAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal(s.AppId, so2["catalogEntryId"]!.GetValue<string>());
        Assert.Equal("00D000000000001EAA", so2["customerOrgId"]!.GetValue<string>());

        var again = await (await s.ImportAsync(file)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal((0, 0, 2), (again["created"]!.GetValue<int>(), again["updated"]!.GetValue<int>(), again["unchanged"]!.GetValue<int>()));

        var changed = await (await s.ImportAsync(Csv(Row("SO-1", qty: "11"), Row("SO-2", type: "Add-On", qty: "5", received: "2018-12-31T23:59:59.5+02:00"), Row("SO-3"))))
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal((1, 1, 1), (changed["created"]!.GetValue<int>(), changed["updated"]!.GetValue<int>(), changed["unchanged"]!.GetValue<int>()));
        Assert.Equal(3, (await s.OrdersAsync()).Count);

        // AUD-1: one audit entry per applied import, with its counts and the file's hash.
        await using var scope = app.DbScope(out var db);
        var entries = await db.AuditEntries.Where(a => a.PartnerId == s.PartnerId && a.ObjectType == "legacyImport").ToListAsync();
        Assert.Equal(3, entries.Count);
        Assert.All(entries, e => Assert.Contains("fileSha256", e.Changes, StringComparison.Ordinal));
        Assert.Equal(3, await db.LegacyServiceOrders.CountAsync(o => o.PartnerId == s.PartnerId));
    }

    [Fact]
    [Trait("rule", "LEG-2")]
    public async Task DryRun_ReportsCounts_WritesNothing()
    {
        var s = await CreateAsync(app);
        var report = await (await s.ImportAsync(Csv(Row("SO-1"), Row("SO-2")), dryRun: true)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("dryRun", report["status"]!.GetValue<string>());
        Assert.Equal(2, report["created"]!.GetValue<int>());
        Assert.Empty(await s.OrdersAsync());
    }

    [Fact]
    [Trait("rule", "LEG-2")]
    [Trait("rule", "SEC-8")]
    public async Task BadRows_EveryOneReportedWithLineAndColumn_NothingWritten()
    {
        var s = await CreateAsync(app);
        var file = Csv(
            Row("SO-1"),                                   // line 2: fine
            Row("SO-2", start: "2026-02-30"),              // line 3: bad date
            Row("SO-3", qty: "ten"),                       // line 4: bad number
            Row("SO-4", app: "Nope"),                      // line 5: unknown app
            Row("SO-5", start: "2027-01-01", end: "2026-01-01"), // line 6: end before start
            Row("SO-1"),                                   // line 7: duplicate external id
            Row("SO-7", type: "Refund", received: "yesterday"), // line 8: two problems
            Row("SO-8", name: "A\u0000B"));                // line 9: control character
        var problem = await (await s.ImportAsync(file)).ExpectAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("invalidRows", problem.Code());
        var errors = problem["errors"]!.AsArray().Select(e => (e!["row"]!.GetValue<long>(), e["column"]?.GetValue<string>())).ToList();
        Assert.Contains((3L, "contract_start"), errors);
        Assert.Contains((4L, "quantity"), errors);
        Assert.Contains((5L, "app"), errors);
        Assert.Contains((6L, "contract_end"), errors);
        Assert.Contains((8L, "type"), errors);
        Assert.Contains((8L, "received_at"), errors);
        Assert.Contains((9L, "customer_name"), errors);
        Assert.DoesNotContain(errors, e => e.Item1 == 2);
        Assert.Empty(await s.OrdersAsync());

        // Duplicates are found once every row is otherwise valid.
        var dup = await (await s.ImportAsync(Csv(Row("SO-1"), Row("SO-2"), Row("SO-1")))).ExpectAsync(HttpStatusCode.UnprocessableEntity);
        var d = Assert.Single(dup["errors"]!.AsArray());
        Assert.Equal(4, d!["row"]!.GetValue<long>());
        Assert.Equal("external_id", d["column"]!.GetValue<string>());
        Assert.Empty(await s.OrdersAsync());

        // The dry run answers 200 with the same report.
        var dry = await (await s.ImportAsync(file, dryRun: true)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("invalid", dry["status"]!.GetValue<string>());
        Assert.True(dry["errors"]!.AsArray().Count >= 7);
    }

    [Fact]
    [Trait("rule", "SEC-5")]
    public async Task InvalidUtf8_422InvalidEncodingWithItsLine_BomAccepted()
    {
        var s = await CreateAsync(app);
        var good = Encoding.UTF8.GetBytes(Csv(Row("SO-1"), Row("SO-2")));
        var bad = Encoding.UTF8.GetBytes(Csv(Row("SO-1"), "SO-2,00D000000000001,Glob\u00e9x,Insights,New,1,1,USD,2026-01-01,2026-12-31,Activated,2020-01-01T00:00:00Z"));
        var at = Array.IndexOf(bad, (byte)0xC3);
        bad[at] = 0xFF;
        var problem = await (await s.ImportBytesAsync(bad)).ExpectAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("invalidEncoding", problem.Code());
        Assert.Equal(3, problem["line"]!.GetValue<long>());
        Assert.Empty(await s.OrdersAsync());

        var withBom = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(good).ToArray();
        await (await s.ImportBytesAsync(withBom)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, (await s.OrdersAsync()).Count);
    }

    [Theory]
    [Trait("rule", "LEG-2")]
    [InlineData("", "missingHeader")]
    [InlineData("SO-1,00D000000000001,Globex,Insights,New,10,25.00,USD,2026-03-01,2027-02-28,Activated,2019-05-01T09:30:00Z\n", "missingHeader")]
    [InlineData(Header + ",colour\nSO-1,00D000000000001,Globex,Insights,New,10,25.00,USD,2026-03-01,2027-02-28,Activated,2019-05-01T09:30:00Z,red\n", "invalidHeader")]
    [InlineData(Header + "\n", "emptyFile")]
    public async Task BadHeader_422WithCode(string body, string code)
    {
        var s = await CreateAsync(app);
        var problem = await (await s.ImportAsync(body)).ExpectAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(code, problem.Code());
    }

    [Fact]
    [Trait("rule", "LEG-2")]
    public async Task JsonLines_Imported_AppByIdOrName()
    {
        var s = await CreateAsync(app);
        var body = "{\"external_id\":\"J-1\",\"customer_org_id\":\"00D000000000002\",\"customer_name\":\"Initech\",\"app\":\"" + s.AppId +
            "\",\"type\":\"renewal\",\"quantity\":3,\"unit_price\":\"9.99\",\"currency\":\"EUR\",\"contract_start\":\"2026-01-01\",\"contract_end\":\"2026-12-31\",\"status\":\"received\",\"received_at\":\"2015-01-01T00:00:00Z\"}\n" +
            "{\"external_id\":\"J-2\",\"customer_org_id\":\"00D000000000002\",\"customer_name\":\"Initech\",\"app\":\"Insights\",\"type\":\"new\",\"quantity\":3,\"unit_price\":9.99,\"currency\":\"EUR\",\"contract_start\":\"2026-01-01\",\"contract_end\":\"2026-12-31\",\"status\":\"activated\",\"received_at\":\"2015-01-01T00:00:00Z\"}\n";
        var report = await (await s.ImportAsync(body, contentType: "application/x-ndjson")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, report["created"]!.GetValue<int>());
        var bad = await (await s.ImportAsync("{\"external_id\":\"J-3\",\"colour\":\"red\"}\nnot json\n", contentType: "application/x-ndjson"))
            .ExpectAsync(HttpStatusCode.UnprocessableEntity);
        var rows = bad["errors"]!.AsArray().Select(e => e!["row"]!.GetValue<long>()).ToList();
        Assert.Contains(1L, rows);
        Assert.Contains(2L, rows);
    }

    [Fact]
    [Trait("rule", "SEC-5")]
    public async Task FormulaCell_StoredAsText_ExportedNeutralised()
    {
        var s = await CreateAsync(app);
        await (await s.ImportAsync(Csv(Row("SO-1", name: "=HYPERLINK(\"\"http://x\"\")", end: "2027-12-31").Replace(",=HYPERLINK(\"\"http://x\"\"),", ",\"=HYPERLINK(\"\"http://x\"\")\",", StringComparison.Ordinal))))
            .ExpectAsync(HttpStatusCode.OK);
        var stored = Assert.Single(await s.OrdersAsync());
        Assert.Equal("=HYPERLINK(\"http://x\")", stored!["customerName"]!.GetValue<string>());
        var response = await s.Partner.GetAsync("/v1/migrations/plan?asOf=2027-01-04&format=csv");
        var csv = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, csv);
        Assert.StartsWith("customer_id,customer_org_id,customer_name,catalog_entry_id,app,legacy_order_id,contract_end,allowed_paths,recommended_path,earliest_platform_start,cancel_by,blockers", csv, StringComparison.Ordinal);
        Assert.Contains("\"'=HYPERLINK(\"\"http://x\"\")\"", csv, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("rule", "MIG-8")]
    public async Task PlanOfAnEmptyBook_IsEmpty_AsJsonAndCsv()
    {
        // A partner that imported nothing yet: the streamed plan ends at once (it once kept doubling its read).
        var s = await CreateAsync(app);
        var json = await (await s.Partner.GetAsync("/v1/migrations/plan?asOf=2027-01-04")).ExpectAsync(HttpStatusCode.OK);
        Assert.Empty(json["rows"]!.AsArray());
        Assert.NotNull(json["totals"]);
        var csv = await s.Partner.GetAsync("/v1/migrations/plan?asOf=2027-01-04&format=csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Single((await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    [Trait("rule", "SEC-1")]
    public async Task OtherPartnersOrders_Invisible()
    {
        var s = await CreateAsync(app);
        var other = await CreateAsync(app);
        await (await s.ImportAsync(Csv(Row("SO-1")))).ExpectAsync(HttpStatusCode.OK);
        await (await other.ImportAsync(Csv(Row("SO-1")))).ExpectAsync(HttpStatusCode.OK);
        Assert.Single(await other.OrdersAsync());
        var id = (await s.OrdersAsync())[0]!["id"]!.GetValue<string>();
        Assert.DoesNotContain(await other.OrdersAsync(), o => o!["id"]!.GetValue<string>() == id);
    }
}

public sealed class SmallImportApp : SwitchyardApp
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["SWITCHYARD_MAX_IMPORT_BYTES"] = "4000",
        ["SWITCHYARD_MAX_IMPORT_ROWS"] = "3",
    };
}

public class LegacyImportBoundsTests(SmallImportApp app) : IClassFixture<SmallImportApp>
{
    [Fact]
    [Trait("rule", "SEC-5")]
    public async Task TooLarge_413_TooManyRows_422_NothingWritten()
    {
        var s = await CreateAsync(app);
        var big = Csv([.. Enumerable.Range(1, 60).Select(i => Row("SO-" + i))]);
        var tooLarge = await s.ImportAsync(big);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);

        var many = await (await s.ImportAsync(Csv(Row("SO-1"), Row("SO-2"), Row("SO-3"), Row("SO-4")))).ExpectAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("tooManyRows", many.Code());
        Assert.Empty(await s.OrdersAsync());

        // A streamed body without a length is cut off at the bound too.
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(big)));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/legacy/imports") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await s.Partner.SendAsync(request)).StatusCode);
        Assert.Empty(await s.OrdersAsync());
    }
}
