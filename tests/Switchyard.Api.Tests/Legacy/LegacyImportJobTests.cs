using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Switchyard.Api.Tests.Infrastructure;
using static Switchyard.Api.Tests.Legacy.LegacyScenario;

namespace Switchyard.Api.Tests.Legacy;

/// <summary>LEG-3: an import run as a background job, its progress and result by GET /v1/legacy/imports/{id}.</summary>
public class LegacyImportJobTests(SwitchyardApp app) : IClassFixture<SwitchyardApp>
{
    [Fact]
    [Trait("rule", "LEG-3")]
    public async Task BackgroundImport_Answers202_ProgressReachesTotal_ResultAsSynchronous_OtherPartnerSees404()
    {
        var s = await CreateAsync(app);
        var rows = Enumerable.Range(1, 12_000).Select(i => Row($"BG-{i:D6}")).ToArray();
        var started = await (await StartAsync(s, Csv(rows))).ExpectAsync(HttpStatusCode.Accepted);
        var id = started["id"]!.GetValue<string>();
        Assert.Equal(12_000, started["rowsTotal"]!.GetValue<long>());

        var job = await FinishedAsync(s, id);
        Assert.Equal("completed", job["status"]!.GetValue<string>());
        Assert.Equal(12_000, job["rowsDone"]!.GetValue<long>());
        Assert.Equal(12_000, job["result"]!["created"]!.GetValue<int>());
        Assert.Equal(500, (await s.OrdersAsync()).Count);

        // The same file again: every row unchanged (idempotent by partner and external id).
        var again = await FinishedAsync(s, (await (await StartAsync(s, Csv(rows))).ExpectAsync(HttpStatusCode.Accepted))["id"]!.GetValue<string>());
        Assert.Equal(12_000, again["result"]!["unchanged"]!.GetValue<int>());

        var other = await CreateAsync(app);
        await (await other.Partner.GetAsync($"/v1/legacy/imports/{id}")).ExpectAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    [Trait("rule", "LEG-2")]
    public async Task BackgroundImport_WithABadRow_FinishesInvalid_ListingTheRow_NothingWritten()
    {
        var s = await CreateAsync(app);
        var started = await (await StartAsync(s, Csv(Row("BAD-1"), Row("BAD-2", qty: "many")))).ExpectAsync(HttpStatusCode.Accepted);
        var job = await FinishedAsync(s, started["id"]!.GetValue<string>());
        Assert.Equal("invalid", job["status"]!.GetValue<string>());
        var error = job["result"]!["errors"]!.AsArray().Single()!;
        Assert.Equal((3L, "quantity"), (error["row"]!.GetValue<long>(), error["column"]!.GetValue<string>()));
        Assert.Empty(await s.OrdersAsync());
    }

    private static Task<HttpResponseMessage> StartAsync(LegacyScenario s, string csv)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return s.Partner.PostAsync("/v1/legacy/imports?dryRun=false&background=true", content);
    }

    private static async Task<JsonNode> FinishedAsync(LegacyScenario s, string id)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var job = await (await s.Partner.GetAsync($"/v1/legacy/imports/{id}")).ExpectAsync(HttpStatusCode.OK);
            Assert.True(job["rowsDone"]!.GetValue<long>() <= job["rowsTotal"]!.GetValue<long>());
            if (job["status"]!.GetValue<string>() != "running")
            {
                return job;
            }
            Assert.True(watch.Elapsed < TimeSpan.FromMinutes(3), "The background import did not finish.");
            await Task.Delay(100);
        }
    }
}
