using System.Net;
using System.Text.Json.Nodes;
using Switchyard.Api.Tests.Infrastructure;

namespace Switchyard.Api.Tests.PlanMigration;

/// <summary>PLN-1..7 through the HTTP API, on the provider the run selects; AUD-1 for accounts and requests.</summary>
public class PlanMigrationApiTests(SwitchyardApp app) : IClassFixture<SwitchyardApp>
{
    private static readonly string[] MigrationItems =
        ["saysMigration", "notAlreadyOnTarget", "staffAndHours", "descriptionInSellingPoints", "signedContract", "contacts"];

    private async Task<string> AccountAsync(HttpClient op, string name, string plan = "connect", decimal debt = 0m)
    {
        var created = await (await op.PostJsonAsync("/v1/accounts", new
        {
            name,
            plan,
            outstandingDebt = debt,
            currency = "EUR",
            fiscalInfo = new { companyName = name + " SARL", vatNumber = "FR12345678901" },
            marketplacePage = "https://market.example/" + Guid.NewGuid().ToString("N"),
            reviews = 12,
            widgets = 2,
            appointments = 30,
            contactEmail = "venue@example.com",
        })).ExpectAsync(HttpStatusCode.Created);
        return created["id"]!.GetValue<string>();
    }

    private static async Task<JsonNode> OpenAsync(HttpClient op, string accountId, string kind = "migration", string target = "pro") =>
        await (await op.PostJsonAsync("/v1/plan-migrations", new { accountId, kind, targetPlan = target, description = "Plan migration" }))
            .ExpectAsync(HttpStatusCode.Created);

    private async Task CapacityAsync(HttpClient op, string date, int capacity) =>
        await (await op.SendJsonAsync(HttpMethod.Put, $"/v1/training-capacity/{date}", new { capacity })).ExpectAsync(HttpStatusCode.OK);

    private static async Task<JsonNode> ChecklistAsync(HttpClient op, string id, bool migration)
    {
        object body = migration
            ? new
            {
                items = MigrationItems.Select(key => new { key, @checked = true }).ToArray(),
                contentSheet = "source",
                importClientFile = true,
                trainingFrom = "2027-01-01",
            }
            : new { items = new[] { "signedContract", "descriptionInSellingPoints", "contacts" }.Select(key => new { key, @checked = true }).ToArray() };
        return await (await op.PatchJsonAsync($"/v1/plan-migrations/{id}/checklist", body)).ExpectAsync(HttpStatusCode.OK);
    }

    private static string TaskId(JsonNode request, string kind) =>
        request["tasks"]!.AsArray().Single(t => t!["kind"]!.GetValue<string>() == kind)!["id"]!.GetValue<string>();

    private static async Task<JsonNode> CompleteAsync(HttpClient op, JsonNode request, string kind, bool confirm = false) =>
        await (await op.PostJsonAsync($"/v1/plan-migrations/{request["id"]}/tasks/{TaskId(request, kind)}/complete",
            new { evidence = "Ticket OPS-" + kind, confirmVenueKeptWhatItNeeds = confirm })).ExpectAsync(HttpStatusCode.OK);

    private static async Task<JsonNode> GetAsync(HttpClient op, string url) => await (await op.GetAsync(url)).ExpectAsync(HttpStatusCode.OK);

    [Fact]
    [Trait("rule", "PLN-1")]
    [Trait("rule", "AUD-1")]
    public async Task CreateAccount_ReturnsEveryField_AndIsAudited_PLN1_AUD1()
    {
        var op = app.Operator();
        var id = await AccountAsync(op, "Café Lumière", debt: 12.5m);

        var account = await GetAsync(op, $"/v1/accounts/{id}");
        Assert.Equal(("connect", "active", 12.5m, "EUR"), (account["plan"]!.GetValue<string>(), account["status"]!.GetValue<string>(),
            account["outstandingDebt"]!.GetValue<decimal>(), account["currency"]!.GetValue<string>()));
        Assert.Equal("cafe-lumiere", account["normalisedName"]!.GetValue<string>());
        Assert.Equal("FR12345678901", account["fiscalInfo"]!["vatNumber"]!.GetValue<string>());
        var list = await GetAsync(op, "/v1/accounts?q=Lumi%C3%A8re&plan=connect");
        Assert.Contains(list["data"]!.AsArray(), a => a!["id"]!.GetValue<string>() == id);
        var history = (await GetAsync(op, $"/v1/operator/audit?objectId={id}")).AsArray();
        Assert.Equal("account.created", Assert.Single(history)!["action"]!.GetValue<string>());
    }

    [Fact]
    [Trait("rule", "PLN-1")]
    [Trait("rule", "SEC-8")]
    public async Task CreateAccount_BadInput_Is422ForEachField_PLN1()
    {
        // Control characters are refused by the input guard before any rule runs (SEC-8); the rules then report every field at once.
        var nul = await (await app.Operator().PostJsonAsync("/v1/accounts", new { name = "Bad\u0000", plan = "connect", currency = "EUR" }))
            .ExpectAsync(HttpStatusCode.UnprocessableEntity);
        Assert.True(nul["errors"]!.AsObject().ContainsKey("name"), nul.ToJsonString());

        var problem = await (await app.Operator().PostJsonAsync("/v1/accounts", new
        {
            name = "",
            plan = "connect",
            outstandingDebt = -4,
            currency = "EUR",
            fiscalInfo = new { companyName = "", vatNumber = "X" },
        })).ExpectAsync(HttpStatusCode.UnprocessableEntity);

        var errors = problem["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("name") && errors.ContainsKey("outstandingDebt") && errors.ContainsKey("fiscalInfo.companyName"), problem.ToJsonString());
    }

    [Fact]
    [Trait("rule", "PLN-2")]
    public async Task Open_WithDebtOrOtherFiscalInfo_Is422WithBlockersAndSuggestion_NothingWritten_PLN2()
    {
        var op = app.Operator();
        var indebted = await AccountAsync(op, "Indebted Spa", debt: 90m);
        var debt = await (await op.PostJsonAsync("/v1/plan-migrations", new { accountId = indebted, kind = "migration", targetPlan = "pro" }))
            .ExpectAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("blocked", debt.Code());
        Assert.Equal("outstandingDebt", debt["blockers"]![0]!["code"]!.GetValue<string>());

        var other = await AccountAsync(op, "Other Entity Spa");
        var fiscal = await (await op.PostJsonAsync("/v1/plan-migrations", new
        {
            accountId = other,
            kind = "migration",
            targetPlan = "pro",
            fiscalInfo = new { companyName = "Someone Else SAS", vatNumber = "FR00000000000" },
        })).ExpectAsync(HttpStatusCode.UnprocessableEntity);
        var blocker = Assert.Single(fiscal["blockers"]!.AsArray())!;
        Assert.Equal("fiscalInfoDiffers", blocker["code"]!.GetValue<string>());
        Assert.Equal("Churn the current account and open a new Pro account instead.", blocker["suggestion"]!.GetValue<string>());

        var none = await GetAsync(op, $"/v1/plan-migrations?accountId={other}");
        Assert.Empty(none["data"]!.AsArray());
    }

    [Fact]
    [Trait("rule", "PLN-2")]
    public async Task Open_BadInput_UnknownAccountAlreadyOnTargetAndSecondRequest_AreRefused_PLN2()
    {
        var op = app.Operator();
        var unknown = await (await op.PostJsonAsync("/v1/plan-migrations", new { accountId = "acc_00000000000000000000000000000000", kind = "migration", targetPlan = "pro" }))
            .ExpectAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("unknownAccount", unknown.Code());

        var pro = await AccountAsync(op, "Already Pro", plan: "pro");
        var same = await (await op.PostJsonAsync("/v1/plan-migrations", new { accountId = pro, kind = "migration", targetPlan = "pro" }))
            .ExpectAsync(HttpStatusCode.Conflict);
        Assert.Equal("alreadyOnTargetPlan", same.Code());

        var connect = await AccountAsync(op, "Twice Connect");
        await OpenAsync(op, connect);
        var twice = await (await op.PostJsonAsync("/v1/plan-migrations", new { accountId = connect, kind = "migration", targetPlan = "pro" }))
            .ExpectAsync(HttpStatusCode.Conflict);
        Assert.Equal("requestAlreadyOpen", twice.Code());
    }

    [Fact]
    [Trait("rule", "PLN-4")]
    [Trait("rule", "PLN-5")]
    public async Task SubmitWithOpenItems_Is422_ReviewBeforeSubmit_Is409_RejectReturnsToDraft_PLN4_PLN5()
    {
        var op = app.Operator();
        await CapacityAsync(op, "2027-02-01", 3);
        var request = await OpenAsync(op, await AccountAsync(op, "Review Bar"));
        var id = request["id"]!.GetValue<string>();

        var early = await (await op.PostJsonAsync($"/v1/plan-migrations/{id}/review", new { decision = "approve" })).ExpectAsync(HttpStatusCode.Conflict);
        Assert.Equal("requestNotSubmitted", early.Code());
        var open = await (await op.PostAsync($"/v1/plan-migrations/{id}/submit", null)).ExpectAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(9, open["errors"]!.AsObject().Count);

        await ChecklistAsync(op, id, migration: true);
        await (await op.PostAsync($"/v1/plan-migrations/{id}/submit", null)).ExpectAsync(HttpStatusCode.OK);
        var rejected = await (await op.PostJsonAsync($"/v1/plan-migrations/{id}/review", new { decision = "reject", reasons = "Opening hours missing" }))
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(("draft", "Opening hours missing"), (rejected["state"]!.GetValue<string>(), rejected["rejectionReasons"]!.GetValue<string>()));
        var actions = (await GetAsync(op, $"/v1/operator/audit?objectId={id}")).AsArray().Select(e => e!["action"]!.GetValue<string>()).ToList();
        Assert.Equal(["planMigration.opened", "planMigration.checklistUpdated", "planMigration.submitted", "planMigration.rejected"], actions);
    }

    [Fact]
    [Trait("rule", "PLN-4")]
    public async Task Checklist_BooksFirstFreeTrainingDate_AndConcurrentBookingsNeverOverfill_PLN4()
    {
        var op = app.Operator();
        await CapacityAsync(op, "2028-05-02", 0);
        await CapacityAsync(op, "2028-05-03", 2);
        await CapacityAsync(op, "2028-05-04", 10);
        var forecast = await GetAsync(op, "/v1/training-capacity/forecast?from=2028-05-01");
        Assert.Equal("2028-05-03", forecast["date"]!.GetValue<string>());

        var ids = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            ids.Add((await OpenAsync(op, await AccountAsync(op, $"Concurrent {i}")))["id"]!.GetValue<string>());
        }
        var responses = await Task.WhenAll(ids.Select(id => app.Operator().PatchJsonAsync($"/v1/plan-migrations/{id}/checklist", new { trainingFrom = "2028-05-01" })));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));

        var days = (await GetAsync(op, "/v1/training-capacity?from=2028-05-01")).AsArray();
        Assert.Equal(2, days.Single(d => d!["date"]!.GetValue<string>() == "2028-05-03")!["booked"]!.GetValue<int>());
        Assert.Equal(4, days.Single(d => d!["date"]!.GetValue<string>() == "2028-05-04")!["booked"]!.GetValue<int>());
        var lower = await (await op.SendJsonAsync(HttpMethod.Put, "/v1/training-capacity/2028-05-03", new { capacity = 1 })).ExpectAsync(HttpStatusCode.Conflict);
        Assert.Equal("capacityBelowBooked", lower.Code());
    }

    [Fact]
    [Trait("rule", "PLN-3")]
    [Trait("rule", "PLN-6")]
    [Trait("rule", "PLN-7")]
    [Trait("rule", "AUD-1")]
    public async Task FullMigrationThenUndo_WalkedToCompletion_PLN3_PLN6_PLN7()
    {
        var op = app.Operator();
        await CapacityAsync(op, "2027-01-20", 5);
        var connectId = await AccountAsync(op, "Round Trip Studio");
        var request = await OpenAsync(op, connectId);
        var id = request["id"]!.GetValue<string>();
        await ChecklistAsync(op, id, migration: true);
        await (await op.PostAsync($"/v1/plan-migrations/{id}/submit", null)).ExpectAsync(HttpStatusCode.OK);
        request = await (await op.PostJsonAsync($"/v1/plan-migrations/{id}/review", new { decision = "approve" })).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("inProgress", request["state"]!.GetValue<string>());
        Assert.Equal("content", request["waitsOn"]![0]!["team"]!.GetValue<string>());

        var outOfOrder = await (await op.PostJsonAsync($"/v1/plan-migrations/{id}/tasks/{TaskId(request, "activateTarget")}/complete", new { evidence = "x" }))
            .ExpectAsync(HttpStatusCode.Conflict);
        Assert.Equal("taskOutOfOrder", outOfOrder.Code());
        var queue = await GetAsync(op, "/v1/tasks?team=content&status=ready");
        Assert.Contains(queue["data"]!.AsArray(), t => t!["requestId"]!.GetValue<string>() == id);

        await CompleteAsync(op, request, "prepareContent");
        await CompleteAsync(op, request, "activateTarget");
        var done = await CompleteAsync(op, request, "switchBilling");
        Assert.Equal("completed", done["state"]!.GetValue<string>());
        var proId = done["targetAccountId"]!.GetValue<string>();
        var pro = await GetAsync(op, $"/v1/accounts/{proId}");
        var connect = await GetAsync(op, $"/v1/accounts/{connectId}");
        Assert.Equal((12, 2, "active"), (pro["reviews"]!.GetValue<int>(), pro["widgets"]!.GetValue<int>(), pro["status"]!.GetValue<string>()));
        Assert.Equal((0, true, "disabled"), (connect["reviews"]!.GetValue<int>(), connect["markedMigrated"]!.GetValue<bool>(), connect["status"]!.GetValue<string>()));

        var undo = await OpenAsync(op, proId, kind: "undo", target: "connect");
        var undoId = undo["id"]!.GetValue<string>();
        Assert.Equal(("Undo Migration", 0m), (undo["title"]!.GetValue<string>(), undo["setupFee"]!.GetValue<decimal>()));
        await ChecklistAsync(op, undoId, migration: false);
        await (await op.PostAsync($"/v1/plan-migrations/{undoId}/submit", null)).ExpectAsync(HttpStatusCode.OK);
        undo = await (await op.PostJsonAsync($"/v1/plan-migrations/{undoId}/review", new { decision = "approve" })).ExpectAsync(HttpStatusCode.OK);
        await CompleteAsync(op, undo, "reactivateAccount");
        await CompleteAsync(op, undo, "undoMigration");
        await CompleteAsync(op, undo, "confirmAppointments");
        await CompleteAsync(op, undo, "publishPage");
        await CompleteAsync(op, undo, "disableOnlineBooking");
        var unconfirmed = await (await op.PostJsonAsync($"/v1/plan-migrations/{undoId}/tasks/{TaskId(undo, "stopProBilling")}/complete", new { evidence = "FIN-1" }))
            .ExpectAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("confirmationRequired", unconfirmed.Code());
        Assert.True((await GetAsync(op, $"/v1/accounts/{proId}"))["billingActive"]!.GetValue<bool>());
        await CompleteAsync(op, undo, "stopProBilling", confirm: true);
        var finished = await CompleteAsync(op, undo, "tellVenueToSwapWidgets");

        Assert.Equal("completed", finished["state"]!.GetValue<string>());
        Assert.Empty(finished["waitsOn"]!.AsArray());
        connect = await GetAsync(op, $"/v1/accounts/{connectId}");
        pro = await GetAsync(op, $"/v1/accounts/{proId}");
        Assert.Equal(("active", false, 12, "round-trip-studio"), (connect["status"]!.GetValue<string>(), connect["markedMigrated"]!.GetValue<bool>(),
            connect["reviews"]!.GetValue<int>(), connect["normalisedName"]!.GetValue<string>()));
        Assert.Equal(("churned", false), (pro["status"]!.GetValue<string>(), pro["billingActive"]!.GetValue<bool>()));
        var accountHistory = (await GetAsync(op, $"/v1/operator/audit?objectId={connectId}")).AsArray();
        Assert.Contains(accountHistory, e => e!["action"]!.GetValue<string>() == "account.changedByTask"
            && e["changes"]!["normalisedName"] is not null);
    }

    [Fact]
    [Trait("rule", "PRM-4")]
    public async Task PartnerKey_OnPlanMigrationEndpoints_Answers403_PRM4()
    {
        var (_, partner) = await app.PartnerAsync("No Plans");
        foreach (var path in new[] { "/v1/accounts", "/v1/plan-migrations", "/v1/tasks", "/v1/training-capacity" })
        {
            await (await partner.GetAsync(path)).ExpectAsync(HttpStatusCode.Forbidden);
        }
    }

    [Fact]
    [Trait("rule", "SEC-8")]
    public async Task NulAndUnknownIds_AnswerCleanly_NeverA5xx()
    {
        var op = app.Operator();
        await (await op.GetAsync("/v1/accounts/acc_%C3%A9%20x")).ExpectAsync(HttpStatusCode.NotFound);
        await (await op.GetAsync("/v1/plan-migrations/pmr_nope")).ExpectAsync(HttpStatusCode.NotFound);
        await (await op.GetAsync("/v1/accounts?q=a%00b")).ExpectAsync(HttpStatusCode.UnprocessableEntity);
        await (await op.GetAsync("/v1/tasks?team=sales")).ExpectAsync(HttpStatusCode.UnprocessableEntity);
        var id = (await OpenAsync(op, await AccountAsync(op, "Nul Checks")))["id"]!.GetValue<string>();
        await (await op.PatchJsonAsync($"/v1/plan-migrations/{id}/checklist", new { items = new[] { new { key = "contacts", explanation = "a\u0000b" } } }))
            .ExpectAsync(HttpStatusCode.UnprocessableEntity);
    }
}
