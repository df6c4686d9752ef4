using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Switchyard.Browser.Tests.Infrastructure;

namespace Switchyard.Browser.Tests.PlanMigration;

/// <summary>The plan-migration console: blockers first with the alternative, and a migration and its undo walked to the end.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class PlanMigrationConsoleTests(ConsoleServer server)
{
    private async Task<string> AccountAsync(string name, decimal debt = 0m)
    {
        using var api = server.OperatorApi();
        var account = await ConsoleServer.ReadAsync<JsonElement>(await api.PostAsJsonAsync("/v1/accounts", new
        {
            name,
            plan = "connect",
            outstandingDebt = debt,
            currency = "EUR",
            fiscalInfo = new { companyName = name + " SARL", vatNumber = "FR12345678901" },
            marketplacePage = "https://market.example/" + Guid.NewGuid().ToString("N"),
            reviews = 5,
            widgets = 1,
        }));
        return account.GetProperty("id").GetString()!;
    }

    private async Task<IPage> OperatorAsync()
    {
        var page = await server.NewPageAsync();
        await ConsoleServer.SignInAsync(page, ConsoleServer.OperatorEmail, ConsoleServer.OperatorPassword);
        // The sign-in post must finish (its cookie stored) before the next GotoAsync, which would otherwise
        // abort it and land on the sign-in page, where no request form exists.
        await page.WaitForURLAsync("**/console/home");
        return page;
    }

    [Fact]
    [Trait("rule", "PLN-2")]
    [Trait("rule", "UX-5")]
    public async Task BlockedRequest_ShowsTheReasonAndTheSuggestedAlternative_PLN2()
    {
        var id = await AccountAsync("Blocked Barber");
        var page = await OperatorAsync();
        await page.GotoAsync($"/console/accounts/{id}");

        await page.FillAsync("#r-company", "Somebody Else SAS");
        await page.CheckAsync("#r-confirm");
        await page.ClickAsync("#open-button");

        await Assertions.Expect(page.Locator("#blockers .blocker-reason")).ToContainTextAsync("company name");
        await Assertions.Expect(page.Locator("#blockers .blocker-suggestion")).ToContainTextAsync("Churn the current account and open a new Pro account instead.");
        await page.ScreenshotAsync(new() { Path = Path.Combine(ConsoleServer.ArtifactsDir, "plan-migration-blocked.png"), FullPage = true });
    }

    private static async Task CompleteAsync(IPage page, string kind, bool confirm = false)
    {
        var row = page.Locator($"#task-{kind}");
        await row.Locator("input[name=evidence]").FillAsync("Ticket " + kind);
        if (confirm)
        {
            await row.Locator("input[name=confirmKept]").CheckAsync();
        }
        await row.Locator("button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator($"#task-{kind}")).ToContainTextAsync("Done");
    }

    private static async Task ChecklistAndApproveAsync(IPage page, bool migration)
    {
        foreach (var box in await page.Locator("#checklist input[type=checkbox]").AllAsync())
        {
            await box.CheckAsync();
        }
        if (migration)
        {
            await page.SelectOptionAsync("#content-sheet", "Source");
            await page.SelectOptionAsync("#client-file", "yes");
            await page.FillAsync("#training-from", "2027-01-10");
        }
        await page.ClickAsync("#save-checklist");
        // The submit button is on the page before the save too: wait for the saved page, or the click
        // could post from the old page and cancel the save.
        await Assertions.Expect(page.Locator("#checklist-saved")).ToBeVisibleAsync();
        await page.ClickAsync("#submit-request");
        await Assertions.Expect(page.Locator("#state")).ToHaveTextAsync("In review");
        await page.CheckAsync("#review-confirm");
        await page.ClickAsync("#approve");
        await Assertions.Expect(page.Locator("#state")).ToHaveTextAsync("In progress");
    }

    [Fact]
    [Trait("rule", "PLN-3")]
    [Trait("rule", "PLN-6")]
    [Trait("rule", "PLN-7")]
    public async Task FullMigrationAndItsUndo_WalkedToCompletion_PLN6_PLN7()
    {
        using (var api = server.OperatorApi())
        {
            await api.PutAsJsonAsync("/v1/training-capacity/2027-01-12", new { capacity = 5 });
        }
        var id = await AccountAsync("Round Trip Nails");
        var page = await OperatorAsync();
        await page.GotoAsync($"/console/accounts/{id}");
        await page.CheckAsync("#r-confirm");
        await page.ClickAsync("#open-button");
        await page.WaitForURLAsync("**/console/plan-migrations/pmr_*");

        await ChecklistAndApproveAsync(page, migration: true);
        await Assertions.Expect(page.Locator("#waits-on")).ToContainTextAsync("Content");
        await CompleteAsync(page, "PrepareContent");
        await CompleteAsync(page, "ActivateTarget");
        await CompleteAsync(page, "SwitchBilling");
        await Assertions.Expect(page.Locator("#state")).ToHaveTextAsync("Completed");

        await page.ClickAsync("#target-account");
        await page.CheckAsync("#r-confirm");
        await page.ClickAsync("#open-button");
        await page.WaitForURLAsync("**/console/plan-migrations/pmr_*");
        await ChecklistAndApproveAsync(page, migration: false);
        foreach (var kind in new[] { "ReactivateAccount", "UndoMigration", "ConfirmAppointments", "PublishPage", "DisableOnlineBooking" })
        {
            await CompleteAsync(page, kind);
        }
        await CompleteAsync(page, "StopProBilling", confirm: true);
        await CompleteAsync(page, "TellVenueToSwapWidgets");
        await Assertions.Expect(page.Locator("#state")).ToHaveTextAsync("Completed");
        await page.ScreenshotAsync(new() { Path = Path.Combine(ConsoleServer.ArtifactsDir, "plan-migration-undo-done.png"), FullPage = true });
    }

    [Fact]
    [Trait("rule", "PLN-2")]
    [Trait("rule", "UX-4")]
    [Trait("rule", "UX-5")]
    public async Task BulkImport_CheckShowsEachVenuesBlockers_ThenOpensTheBatch_AndListsExportAsCsv_PLN2()
    {
        var fine = await AccountAsync("Bulk Browser Bakery");
        var indebted = await AccountAsync("Bulk Browser Barber", debt: 120m);
        var file = Path.Combine(Path.GetTempPath(), $"bulk-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, $"account_id,target_plan\n{fine},pro\n{indebted},pro\n");
        var page = await OperatorAsync();
        await page.GotoAsync("/console/plan-migrations");
        await page.ClickAsync("#import-link");
        await page.WaitForURLAsync("**/console/plan-migrations/import");

        await page.SetInputFilesAsync("#file", file);
        await page.ClickAsync("#check-file");
        await Assertions.Expect(page.Locator("#bulk-problems")).ToContainTextAsync("account_id");
        await Assertions.Expect(page.Locator("#bulk-items")).ToContainTextAsync("Blocked");
        await Assertions.Expect(page.Locator("#bulk-items .blocker-reason")).ToContainTextAsync("120.00 EUR");
        await page.ScreenshotAsync(new() { Path = Path.Combine(ConsoleServer.ArtifactsDir, "plan-migration-import-check.png"), FullPage = true });

        using (var api = server.OperatorApi())
        {
            (await api.PatchAsJsonAsync($"/v1/accounts/{indebted}", new { outstandingDebt = 0m })).EnsureSuccessStatusCode();
        }
        await page.SetInputFilesAsync("#file", file);
        await page.ClickAsync("#open-file");
        // Opening asks for the confirmation first, and opens nothing without it.
        await Assertions.Expect(page.Locator(".error[data-field=confirm]")).ToBeVisibleAsync();
        await page.SetInputFilesAsync("#file", file);
        await page.CheckAsync("#import-confirm");
        await page.ClickAsync("#open-file");
        await Assertions.Expect(page.Locator("#bulk-report h2")).ToHaveTextAsync("2 request(s) opened");
        await page.ClickAsync("#batch-link a");
        await page.WaitForURLAsync("**/console/plan-migrations/batches/pmb_*");
        await Assertions.Expect(page.Locator("#batch-requests")).ToContainTextAsync("Bulk Browser Barber");
        await page.ClickAsync("#check-undo");
        await Assertions.Expect(page.Locator("#bulk-problems")).ToContainTextAsync("still a draft");
        await page.ScreenshotAsync(new() { Path = Path.Combine(ConsoleServer.ArtifactsDir, "plan-migration-batch.png"), FullPage = true });

        var csv = await page.Context.APIRequest.GetAsync("/console/accounts.csv?q=Bulk%20Browser");
        Assert.Equal(200, csv.Status);
        var text = await csv.TextAsync();
        Assert.Contains("\"Bulk Browser Bakery\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Round Trip", text, StringComparison.Ordinal);

        foreach (var (path, shot) in new[] { ("/console/plan-migrations", "plan-migration-list.png"), ("/console/accounts", "plan-migration-accounts.png"), ("/console/plan-tasks", "plan-migration-tasks.png") })
        {
            await page.GotoAsync(path);
            await Assertions.Expect(page.Locator("#export-csv")).ToBeVisibleAsync();
            await page.ScreenshotAsync(new() { Path = Path.Combine(ConsoleServer.ArtifactsDir, shot), FullPage = true });
        }
    }
}
