using System.Net;
using Switchyard.Api.Tests.Infrastructure;

namespace Switchyard.Api.Tests.Cli;

/// <summary>`switchyard plan-migrations import FILE [--dry-run]` and `undo-batch`: problems as a table of line, column and reason.</summary>
public class PlanMigrationsCliTests(SwitchyardApp app) : IClassFixture<SwitchyardApp>
{
    private async Task<string> AccountAsync(string name, decimal debt = 0m)
    {
        var created = await (await app.Operator().PostJsonAsync("/v1/accounts", new
        {
            name,
            plan = "connect",
            outstandingDebt = debt,
            currency = "EUR",
            fiscalInfo = new { companyName = name + " SARL", vatNumber = "FR12345678901" },
        })).ExpectAsync(HttpStatusCode.Created);
        return created["id"]!.GetValue<string>();
    }

    private static async Task<string> FileAsync(string csv)
    {
        var path = Path.Combine(Path.GetTempPath(), $"plan-migrations-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(path, csv);
        return path;
    }

    [Fact]
    [Trait("rule", "PLN-2")]
    [Trait("rule", "UX-8")]
    public async Task Import_DryRunWithABlockedVenue_PrintsLineColumnAndReason_ExitsNonZero_ThenImports_PLN2()
    {
        var fine = await AccountAsync("Cli Fine Salon");
        var indebted = await AccountAsync("Cli Indebted Salon", debt: 75m);
        var file = await FileAsync($"account_id,target_plan\n{fine},pro\n{indebted},pro\n");

        var dry = await CliRunner.RunAsync(app, SwitchyardApp.OperatorKey, "plan-migrations", "import", file, "--dry-run");

        Assert.True(dry.Exit == 1, dry.ToString());
        Assert.Contains("Cli Indebted Salon", dry.Out, StringComparison.Ordinal);
        Assert.Contains("blocked (1)", dry.Out, StringComparison.Ordinal);
        Assert.Contains(dry.Lines, l => l.Contains("│ 3 ", StringComparison.Ordinal) && l.Contains("account_id", StringComparison.Ordinal));
        Assert.Contains("1 problem(s): nothing was opened.", dry.Error, StringComparison.Ordinal);
        Assert.All(dry.Lines, l => Assert.True(l.Length <= 80, l));

        await (await app.Operator().PatchJsonAsync($"/v1/accounts/{indebted}", new { outstandingDebt = 0m })).ExpectAsync(HttpStatusCode.OK);
        var check = await CliRunner.RunAsync(app, SwitchyardApp.OperatorKey, "plan-migrations", "import", file, "--dry-run");
        Assert.True(check.Exit == 0, check.ToString());
        Assert.Contains("2 request(s) would be opened", check.Out, StringComparison.Ordinal);

        var run = await CliRunner.RunAsync(app, SwitchyardApp.OperatorKey, "plan-migrations", "import", file);
        Assert.True(run.Exit == 0, run.ToString());
        Assert.Contains("2 request(s) opened in batch pmb_", run.Out, StringComparison.Ordinal);

        var again = await CliRunner.RunAsync(app, SwitchyardApp.OperatorKey, "plan-migrations", "import", file);
        Assert.Equal(1, again.Exit);
        Assert.Contains("2 problem(s)", again.Error, StringComparison.Ordinal);

        var undo = await CliRunner.RunAsync(app, SwitchyardApp.OperatorKey, "plan-migrations", "undo-batch", "pmb_00000000000000000000000000000000");
        Assert.Equal(1, undo.Exit);
        Assert.Contains("No batch", undo.Error, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("rule", "UX-8")]
    public async Task Import_MissingFileOrBadHeader_OneClearLine_UX8()
    {
        var missing = await CliRunner.RunAsync(app, SwitchyardApp.OperatorKey, "plan-migrations", "import", "/nonexistent/file.csv");
        Assert.Equal(2, missing.Exit);
        Assert.Contains("No file", missing.Error, StringComparison.Ordinal);

        var header = await CliRunner.RunAsync(app, SwitchyardApp.OperatorKey, "plan-migrations", "import", await FileAsync("name\nx\n"));
        Assert.Equal(1, header.Exit);
        Assert.Contains(header.Lines, l => l.Contains("│ 1 ", StringComparison.Ordinal) && l.Contains("Line 1 must be", StringComparison.Ordinal));
        Assert.Contains("1 problem(s): nothing was opened.", header.Error, StringComparison.Ordinal);
    }
}
