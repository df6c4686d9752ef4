using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Switchyard.Api.Tests.Infrastructure;

namespace Switchyard.Api.Tests.PlanMigration;

/// <summary>Plan migration in bulk: requests from a CSV file with a dry run, undo per batch, and the lists as CSV.</summary>
public class PlanMigrationBulkApiTests(SwitchyardApp app) : IClassFixture<SwitchyardApp>
{
    private const string Header = "account_id,target_plan,company_name,vat_number,description\n";

    private async Task<string> AccountAsync(HttpClient op, string name, decimal debt = 0m, string plan = "connect")
    {
        var created = await (await op.PostJsonAsync("/v1/accounts", new
        {
            name,
            plan,
            outstandingDebt = debt,
            currency = "EUR",
            fiscalInfo = new { companyName = name + " SARL", vatNumber = "FR12345678901" },
            marketplacePage = "https://market.example/" + Guid.NewGuid().ToString("N"),
            reviews = 3,
            widgets = 1,
            contactEmail = "venue@example.com",
        })).ExpectAsync(HttpStatusCode.Created);
        return created["id"]!.GetValue<string>();
    }

    private static Task<HttpResponseMessage> ImportAsync(HttpClient op, string csv, bool dryRun) =>
        op.PostAsync($"/v1/plan-migrations/imports?dryRun={(dryRun ? "true" : "false")}", new StringContent(csv, Encoding.UTF8, "text/csv"));

    private static async Task<JsonNode> GetAsync(HttpClient op, string url) => await (await op.GetAsync(url)).ExpectAsync(HttpStatusCode.OK);

    private static async Task<int> RequestCountAsync(HttpClient op, string accountId) =>
        (await GetAsync(op, $"/v1/plan-migrations?accountId={accountId}"))["data"]!.AsArray().Count;

    private static List<(int Line, string? Column, string Code)> Errors(JsonNode report) =>
        [.. report["errors"]!.AsArray().Select(e => (e!["line"]!.GetValue<int>(), e["column"]?.GetValue<string>(), e["code"]!.GetValue<string>()))];

    [Fact]
    [Trait("rule", "PLN-2")]
    public async Task Import_DryRun_ListsEachVenuesBlockersWithLineAndColumn_WritesNothing_PLN2()
    {
        var op = app.Operator();
        var fine = await AccountAsync(op, "Bulk Fine");
        var indebted = await AccountAsync(op, "Bulk Indebted", debt: 40m);
        var otherEntity = await AccountAsync(op, "Bulk Other Entity");
        var csv = Header
            + $"{fine},pro,,,Move to Pro\n"
            + $"{indebted},pro,,,\n"
            + $"{otherEntity},pro,Someone Else SAS,,\n";

        var report = await (await ImportAsync(op, csv, dryRun: true)).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(("invalid", true, 3, 0), (report["status"]!.GetValue<string>(), report["dryRun"]!.GetValue<bool>(),
            report["rows"]!.GetValue<int>(), report["created"]!.GetValue<int>()));
        Assert.Equal([(3, "account_id", "outstandingDebt"), (4, "company_name", "fiscalInfoDiffers")], Errors(report));
        var items = report["items"]!.AsArray();
        Assert.Equal(["wouldOpen", "problem", "problem"], items.Select(i => i!["outcome"]!.GetValue<string>()));
        Assert.Equal("Bulk Indebted", items[1]!["accountName"]!.GetValue<string>());
        Assert.Equal("outstandingDebt", Assert.Single(items[1]!["blockers"]!.AsArray())!["code"]!.GetValue<string>());
        Assert.Equal("Churn the current account and open a new Pro account instead.",
            Assert.Single(items[2]!["blockers"]!.AsArray())!["suggestion"]!.GetValue<string>());
        Assert.Equal(0, await RequestCountAsync(op, fine));
    }

    [Fact]
    [Trait("rule", "PLN-2")]
    public async Task Import_AnyBadRow_Is422ListingEveryRow_AndOpensNothing_PLN2()
    {
        var op = app.Operator();
        var fine = await AccountAsync(op, "Bulk Good Row");
        var pro = await AccountAsync(op, "Bulk Already Pro", plan: "pro");
        var csv = "target_plan,account_id,setup_fee\n"
            + $"pro,{fine},100\n"
            + "pro,acc_00000000000000000000000000000000,\n"
            + $"gold,{fine},\n"
            + $"pro,{pro},\n"
            + $"pro,{fine},ten\n";

        var problem = await (await ImportAsync(op, csv, dryRun: false)).ExpectAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal("invalidRows", problem.Code());
        Assert.Equal(
            [(3, "account_id", "unknownAccount"), (4, "target_plan", "invalidPlan"), (4, "account_id", "duplicateAccount"),
             (5, "target_plan", "alreadyOnTargetPlan"), (6, "setup_fee", "invalidAmount"), (6, "account_id", "duplicateAccount")],
            Errors(problem));
        Assert.Equal(0, await RequestCountAsync(op, fine));
    }

    [Fact]
    [Trait("rule", "PLN-2")]
    [Trait("rule", "AUD-1")]
    public async Task Import_GoodFile_OpensEveryRequestInOneBatch_EachAudited_PLN2_AUD1()
    {
        var op = app.Operator();
        var first = await AccountAsync(op, "Bulk First");
        var second = await AccountAsync(op, "Bulk Second");
        var csv = Header + $"{first},pro,,,\n\n{second},PRO,,,\"Several\nlines\"\n";

        var dry = await (await ImportAsync(op, csv, dryRun: true)).ExpectAsync(HttpStatusCode.OK);
        Assert.True(dry["status"]!.GetValue<string>() == "valid", dry.ToJsonString());
        Assert.Equal(2, dry["rows"]!.GetValue<int>());
        Assert.Equal(0, await RequestCountAsync(op, first));

        var report = await (await ImportAsync(op, csv, dryRun: false)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(("created", 2), (report["status"]!.GetValue<string>(), report["created"]!.GetValue<int>()));
        var batchId = report["batchId"]!.GetValue<string>();
        var batch = (await GetAsync(op, $"/v1/plan-migrations?batchId={batchId}"))["data"]!.AsArray();
        Assert.Equal(2, batch.Count);
        Assert.All(batch, r => Assert.Equal(("draft", batchId), (r!["state"]!.GetValue<string>(), r["batchId"]!.GetValue<string>())));
        var requestId = report["items"]![0]!["requestId"]!.GetValue<string>();
        var history = Assert.Single((await GetAsync(op, $"/v1/operator/audit?objectId={requestId}")).AsArray())!;
        Assert.Equal("planMigration.opened", history["action"]!.GetValue<string>());
        Assert.Contains(batchId, history["reason"]!.GetValue<string>(), StringComparison.Ordinal);

        var again = await (await ImportAsync(op, csv, dryRun: false)).ExpectAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal([(2, "account_id", "requestAlreadyOpen"), (4, "account_id", "requestAlreadyOpen")], Errors(again));
    }

    [Fact]
    [Trait("rule", "SEC-5")]
    public async Task Import_BadFiles_AreRefusedWithTheLine_NeverA5xx_SEC5()
    {
        var op = app.Operator();
        var account = await AccountAsync(op, "Bulk Bad Files");

        var bytes = Encoding.UTF8.GetBytes($"account_id,target_plan\n{account},pro\n").Concat(new byte[] { 0xC3, 0x28, (byte)'\n' }).ToArray();
        var encoding = await (await op.PostAsync("/v1/plan-migrations/imports?dryRun=true", new ByteArrayContent(bytes)
        {
            Headers = { ContentType = new("text/csv") },
        })).ExpectAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(("invalidEncoding", 3), (encoding.Code(), encoding["errors"]![0]!["line"]!.GetValue<int>()));

        var header = await (await ImportAsync(op, "account_id,plan\nx,pro\n", dryRun: true)).ExpectAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("invalidHeader", header.Code());

        var nul = await (await ImportAsync(op, $"account_id,target_plan,description\n{account},pro,a\u0000b\n\u0000,pro,\n", dryRun: false))
            .ExpectAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal([(2, "description", "invalidCharacters"), (3, "account_id", "unknownAccount")], Errors(nul));

        var json = await op.PostJsonAsync("/v1/plan-migrations/imports", new { accountId = account });
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.StatusCode);
        Assert.Equal(0, await RequestCountAsync(op, account));
    }

    private static async Task<JsonNode> WalkAsync(HttpClient op, JsonNode request)
    {
        var id = request["id"]!.GetValue<string>();
        var migration = request["kind"]!.GetValue<string>() == "migration";
        object body = migration
            ? new
            {
                items = new[] { "saysMigration", "notAlreadyOnTarget", "staffAndHours", "descriptionInSellingPoints", "signedContract", "contacts" }
                    .Select(key => new { key, @checked = true }).ToArray(),
                contentSheet = "source",
                importClientFile = false,
                trainingFrom = "2027-03-01",
            }
            : new { items = new[] { "signedContract", "descriptionInSellingPoints", "contacts" }.Select(key => new { key, @checked = true }).ToArray() };
        await (await op.PatchJsonAsync($"/v1/plan-migrations/{id}/checklist", body)).ExpectAsync(HttpStatusCode.OK);
        await (await op.PostAsync($"/v1/plan-migrations/{id}/submit", null)).ExpectAsync(HttpStatusCode.OK);
        request = await (await op.PostJsonAsync($"/v1/plan-migrations/{id}/review", new { decision = "approve" })).ExpectAsync(HttpStatusCode.OK);
        foreach (var task in request["tasks"]!.AsArray().Select(t => t!["id"]!.GetValue<string>()).ToList())
        {
            request = await (await op.PostJsonAsync($"/v1/plan-migrations/{id}/tasks/{task}/complete",
                new { evidence = "Ticket", confirmVenueKeptWhatItNeeds = true })).ExpectAsync(HttpStatusCode.OK);
        }
        Assert.Equal("completed", request["state"]!.GetValue<string>());
        return request;
    }

    [Fact]
    [Trait("rule", "PLN-6")]
    public async Task UndoBatch_OpensAnUndoForEachCompletedMigration_AllOrNothing_PLN6()
    {
        var op = app.Operator();
        await (await op.SendJsonAsync(HttpMethod.Put, "/v1/training-capacity/2027-03-02", new { capacity = 10 })).ExpectAsync(HttpStatusCode.OK);
        var a = await AccountAsync(op, "Batch Undo A");
        var b = await AccountAsync(op, "Batch Undo B");
        var c = await AccountAsync(op, "Batch Undo C");
        var report = await (await ImportAsync(op, $"account_id,target_plan\n{a},pro\n{b},pro\n{c},pro\n", dryRun: false)).ExpectAsync(HttpStatusCode.OK);
        var batchId = report["batchId"]!.GetValue<string>();
        var ids = report["items"]!.AsArray().Select(i => i!["requestId"]!.GetValue<string>()).ToList();
        await (await op.PostJsonAsync($"/v1/plan-migrations/{ids[2]}/cancel", new { reason = "Venue changed its mind" })).ExpectAsync(HttpStatusCode.OK);
        await WalkAsync(op, await GetAsync(op, $"/v1/plan-migrations/{ids[0]}"));

        // B is still a draft: the batch cannot be undone, and nothing is opened.
        var early = await (await op.PostAsync($"/v1/plan-migrations/batches/{batchId}/undo", null)).ExpectAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("requestUnderWay", Assert.Single(early["errors"]!.AsArray())!["code"]!.GetValue<string>());
        Assert.Equal(ids[1], early["errors"]![0]!["requestId"]!.GetValue<string>());

        await WalkAsync(op, await GetAsync(op, $"/v1/plan-migrations/{ids[1]}"));

        var dry = await (await op.PostAsync($"/v1/plan-migrations/batches/{batchId}/undo?dryRun=true", null)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(("valid", 0, 1), (dry["status"]!.GetValue<string>(), dry["created"]!.GetValue<int>(), dry["skipped"]!.GetValue<int>()));
        Assert.DoesNotContain((await GetAsync(op, "/v1/plan-migrations?kind=undo&state=draft"))["data"]!.AsArray(),
            r => r!["accountName"]!.GetValue<string>().StartsWith("Batch Undo", StringComparison.Ordinal));

        var undone = await (await op.PostAsync($"/v1/plan-migrations/batches/{batchId}/undo", null)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(("created", 2, 1), (undone["status"]!.GetValue<string>(), undone["created"]!.GetValue<int>(), undone["skipped"]!.GetValue<int>()));
        var undoBatch = (await GetAsync(op, $"/v1/plan-migrations?batchId={undone["batchId"]!.GetValue<string>()}"))["data"]!.AsArray();
        Assert.Equal(2, undoBatch.Count);
        Assert.All(undoBatch, r => Assert.Equal(("undo", "Undo Migration", "connect", 0m),
            (r!["kind"]!.GetValue<string>(), r["title"]!.GetValue<string>(), r["targetPlan"]!.GetValue<string>(), r["setupFee"]!.GetValue<decimal>())));

        // Twice: the undo requests are open now, so nothing more is opened.
        var twice = await (await op.PostAsync($"/v1/plan-migrations/batches/{batchId}/undo", null)).ExpectAsync(HttpStatusCode.UnprocessableEntity);
        Assert.All(twice["errors"]!.AsArray(), e => Assert.Equal("requestAlreadyOpen", e!["code"]!.GetValue<string>()));

        // An undo walked to the end: the migration is no longer in place, so the batch has nothing left to undo.
        await WalkAsync(op, undoBatch[0]!);
        await WalkAsync(op, undoBatch[1]!);
        var after = await (await op.PostAsync($"/v1/plan-migrations/batches/{batchId}/undo?dryRun=true", null)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal((0, 3), (after["created"]!.GetValue<int>(), after["skipped"]!.GetValue<int>()));
        await (await op.PostAsync("/v1/plan-migrations/batches/pmb_00000000000000000000000000000000/undo", null)).ExpectAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    [Trait("rule", "SEC-5")]
    [Trait("rule", "UX-4")]
    public async Task ListsAsCsv_KeepTheFilters_AndNeutraliseFormulas_SEC5_UX4()
    {
        var op = app.Operator();
        var id = await AccountAsync(op, "=HYPERLINK(\"http://evil.example\")");
        await (await op.PostJsonAsync("/v1/plan-migrations", new { accountId = id, kind = "migration", targetPlan = "pro", description = "@SUM(A1)" }))
            .ExpectAsync(HttpStatusCode.Created);

        var accounts = await op.GetAsync("/v1/accounts.csv?plan=connect");
        Assert.True(accounts.IsSuccessStatusCode, await accounts.Content.ReadAsStringAsync());
        Assert.Equal("text/csv", accounts.Content.Headers.ContentType!.MediaType);
        var text = await accounts.Content.ReadAsStringAsync();
        Assert.StartsWith("\"id\",\"name\",\"plan\",\"status\"", text.TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.Contains($"\"{id}\",\"'=HYPERLINK(\"\"http://evil.example\"\")\",\"Connect\",\"Active\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\",\"=", text, StringComparison.Ordinal);

        var requests = await (await op.GetAsync("/v1/plan-migrations.csv?state=draft&kind=migration")).Content.ReadAsStringAsync();
        Assert.Contains("\"Draft\"", requests, StringComparison.Ordinal);
        Assert.Contains("'=HYPERLINK", requests, StringComparison.Ordinal);
        var none = await (await op.GetAsync($"/v1/accounts.csv?plan=pro&q={Uri.EscapeDataString("HYPERLINK")}")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("HYPERLINK", none, StringComparison.Ordinal);

        await (await op.GetAsync("/v1/tasks.csv?team=sales")).ExpectAsync(HttpStatusCode.UnprocessableEntity);
        await (await op.GetAsync("/v1/plan-migrations.csv?state=nope")).ExpectAsync(HttpStatusCode.UnprocessableEntity);
        var tasks = await op.GetAsync("/v1/tasks.csv?team=content&status=ready");
        Assert.Equal(HttpStatusCode.OK, tasks.StatusCode);
        var (_, partner) = await app.PartnerAsync("No Plan Exports");
        await (await partner.GetAsync("/v1/accounts.csv")).ExpectAsync(HttpStatusCode.Forbidden);
    }
}
