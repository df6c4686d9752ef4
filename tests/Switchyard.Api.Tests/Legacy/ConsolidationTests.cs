using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Switchyard.Api.Tests.Infrastructure;
using static Switchyard.Api.Tests.Legacy.LegacyScenario;

namespace Switchyard.Api.Tests.Legacy;

public class ConsolidationTests(SwitchyardApp app) : IClassFixture<SwitchyardApp>
{
    private const string TheirOrg = "00D000000000009";

    private static Task<HttpResponseMessage> ConsolidateAsync(LegacyScenario s, string body, bool dryRun, string extra = "")
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        var query = $"?source=Acme%20EMEA&dryRun={(dryRun ? "true" : "false")}&mapApp={Uri.EscapeDataString("Analytics Pro=Insights")}" +
            $"&mapCustomer={TheirOrg}=00D000000000001{extra}";
        return s.Partner.PostAsync("/v1/legacy/consolidations" + query, content);
    }

    /// <summary>Their export: one row already in the book, the same contract under their id, a conflict and a new row.</summary>
    private static string TheirExport() => Csv(
        Row("SO-1", org: TheirOrg, app: "Analytics Pro"),                             // line 2: same external id, same values
        Row("ACME-7", org: TheirOrg, app: "Analytics Pro"),                           // line 3: SO-1's contract under their id
        Row("SO-2", org: TheirOrg, app: "Analytics Pro", qty: "12", start: "2026-04-01", end: "2027-03-31"), // line 4: conflict
        Row("ACME-9", org: TheirOrg, app: "Analytics Pro", start: "2026-06-01", end: "2027-05-31", type: "Add-On")); // line 5: new

    private static async Task<LegacyScenario> BookAsync(SwitchyardApp app)
    {
        var s = await CreateAsync(app);
        await (await s.ImportAsync(Csv(Row("SO-1"), Row("SO-2", start: "2026-04-01", end: "2027-03-31")))).ExpectAsync(HttpStatusCode.OK);
        return s;
    }

    [Fact]
    [Trait("rule", "LEG-4")]
    public async Task Preview_ReportsDuplicatesAndConflicts_WritesNothing()
    {
        var s = await BookAsync(app);
        var preview = await (await ConsolidateAsync(s, TheirExport(), dryRun: true)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("dryRun", preview["status"]!.GetValue<string>());
        Assert.Equal("Acme EMEA", preview["sourcePartner"]!.GetValue<string>());
        Assert.Equal(4, preview["rows"]!.GetValue<long>());
        Assert.Equal(1, preview["created"]!.GetValue<int>());
        var duplicates = preview["duplicates"]!.AsArray().Select(d => (d!["row"]!.GetValue<long>(), d["kind"]!.GetValue<string>(), d["existingExternalId"]!.GetValue<string>())).ToList();
        Assert.Equal([(2L, "sameExternalId", "SO-1"), (3L, "sameContract", "SO-1")], duplicates);
        var conflict = Assert.Single(preview["conflicts"]!.AsArray())!;
        Assert.Equal((4L, "SO-2"), (conflict["row"]!.GetValue<long>(), conflict["externalId"]!.GetValue<string>()));
        Assert.Equal(["quantity"], conflict["columns"]!.AsArray().Select(c => c!.GetValue<string>()).ToArray());

        var book = await s.OrdersAsync();
        Assert.Equal(2, book.Count);
        Assert.Equal(10, book.Single(o => o!["externalId"]!.GetValue<string>() == "SO-2")!["quantity"]!.GetValue<int>());
    }

    [Fact]
    [Trait("rule", "LEG-4")]
    public async Task RealRun_RefusedOnConflicts_ThenReplaceMergesRemapped_SkippingDuplicates()
    {
        var s = await BookAsync(app);
        var refused = await (await ConsolidateAsync(s, TheirExport(), dryRun: false)).ExpectAsync(HttpStatusCode.Conflict);
        Assert.Equal("consolidationConflicts", refused.Code());
        Assert.Equal(1, refused["conflictCount"]!.GetValue<int>());
        Assert.Equal(2, (await s.OrdersAsync()).Count);

        var merged = await (await ConsolidateAsync(s, TheirExport(), dryRun: false, "&onConflict=replace")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(("completed", 1, 1, 2), (merged["status"]!.GetValue<string>(), merged["created"]!.GetValue<int>(),
            merged["updated"]!.GetValue<int>(), merged["unchanged"]!.GetValue<int>()));

        var book = await s.OrdersAsync();
        Assert.Equal(["ACME-9", "SO-1", "SO-2"], book.Select(o => o!["externalId"]!.GetValue<string>()).Order(StringComparer.Ordinal).ToArray());
        var added = book.Single(o => o!["externalId"]!.GetValue<string>() == "ACME-9")!;
        Assert.Equal((s.AppId, "00D000000000001EAA"), (added["catalogEntryId"]!.GetValue<string>(), added["customerOrgId"]!.GetValue<string>()));
        Assert.Equal(12, book.Single(o => o!["externalId"]!.GetValue<string>() == "SO-2")!["quantity"]!.GetValue<int>());

        // Merging the same export again changes nothing.
        var again = await (await ConsolidateAsync(s, TheirExport(), dryRun: false)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal((0, 0, 4), (again["created"]!.GetValue<int>(), again["updated"]!.GetValue<int>(), again["unchanged"]!.GetValue<int>()));

        await using var scope = app.DbScope(out var db);
        var audit = await db.AuditEntries.Where(a => a.PartnerId == s.PartnerId && a.Action == "legacyImport.consolidated").ToListAsync();
        Assert.Equal(2, audit.Count);
        Assert.Equal(2, await db.LegacyImports.CountAsync(i => i.PartnerId == s.PartnerId && i.SourcePartner == "Acme EMEA"));
    }

    [Fact]
    [Trait("rule", "LEG-4")]
    public async Task UnmappedApp_And_BadMappings_AreReported()
    {
        var s = await BookAsync(app);
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(TheirExport()));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        var unmapped = await (await s.Partner.PostAsync("/v1/legacy/consolidations?source=Acme&dryRun=true", content)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("invalid", unmapped["status"]!.GetValue<string>());
        Assert.All(unmapped["errors"]!.AsArray(), e => Assert.Equal("app", e!["column"]!.GetValue<string>()));

        var bad = await (await s.Partner.PostAsync("/v1/legacy/consolidations?mapApp=Analytics%20Pro%3DNope&mapCustomer=x%3Dy&onConflict=maybe",
            new StringContent(TheirExport(), Encoding.UTF8, "text/csv"))).ExpectAsync(HttpStatusCode.UnprocessableEntity);
        var fields = bad["errors"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains("source", fields);
        Assert.Contains("mapApp", fields);
        Assert.Contains("mapCustomer", fields);
        Assert.Contains("onConflict", fields);
        Assert.Equal(2, (await s.OrdersAsync()).Count);
    }
}
