using System.CommandLine;
using System.Net;
using System.Text.Json.Nodes;
using Switchyard.Api.Tests.Infrastructure;
using Switchyard.Api.Tests.Legacy;
using Switchyard.Cli;
using Switchyard.Domain.Customers;

namespace Switchyard.Api.Tests.Cli;

/// <summary>UX-8 for the book tools: legacy import, the migration plan, starting from a plan, and the generator.</summary>
public class LegacyCliTests(SwitchyardApp app) : IClassFixture<SwitchyardApp>
{
    private static string KeyOf(HttpClient client) => client.DefaultRequestHeaders.Authorization!.Parameter!;

    private static string TempFile(string extension) => Path.Combine(Path.GetTempPath(), "switchyard-cli-" + Guid.NewGuid().ToString("N") + extension);

    [Fact]
    [Trait("rule", "UX-8")]
    public async Task GenerateLegacy_IsDeterministic_AndImportsCleanly()
    {
        var a = await CliRunner.RunAsync(app, ["dev", "generate-legacy", "--rows", "50", "--seed", "7"]);
        var b = await CliRunner.RunAsync(app, ["dev", "generate-legacy", "--rows", "50", "--seed", "7"]);
        var c = await CliRunner.RunAsync(app, ["dev", "generate-legacy", "--rows", "50", "--seed", "8"]);
        Assert.Equal(0, a.Exit);
        Assert.Equal(a.Out, b.Out);
        Assert.NotEqual(a.Out, c.Out);
        var lines = a.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(51, lines.Length);
        Assert.Equal(LegacyScenario.Header, lines[0].TrimEnd('\r'));
        Assert.All(lines.Skip(1), l => Assert.Empty(OrgIds.Validate(l.Split(',')[1])));

        var s = await LegacyScenario.CreateAsync(app);
        var file = TempFile(".csv");
        Assert.Equal(0, (await CliRunner.RunAsync(app, ["dev", "generate-legacy", "--rows", "200", "--seed", "3", "--out", file])).Exit);
        var imported = await CliRunner.RunAsync(app, KeyOf(s.Partner), "legacy", "import", file);
        Assert.True(imported.Exit == 0, imported.ToString());
        Assert.Contains("200 created", imported.Out, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("rule", "UX-8")]
    [Trait("rule", "LEG-2")]
    public async Task LegacyImport_BadRow_TableOfLineColumnReason_ExitsNonZero_ThenDryRunAndImport()
    {
        var s = await LegacyScenario.CreateAsync(app);
        var key = KeyOf(s.Partner);
        var file = TempFile(".csv");
        await File.WriteAllTextAsync(file, LegacyScenario.Csv(LegacyScenario.Row("SO-1"), LegacyScenario.Row("SO-2", qty: "many")));

        var bad = await CliRunner.RunAsync(app, key, "legacy", "import", file, "--dry-run");
        Assert.Equal(1, bad.Exit);
        Assert.Contains("Line", bad.Out, StringComparison.Ordinal);
        Assert.Contains("quantity", bad.Out, StringComparison.Ordinal);
        Assert.Contains("│ 3", bad.Out, StringComparison.Ordinal);
        Assert.Contains("nothing was imported", bad.Error, StringComparison.Ordinal);

        await File.WriteAllTextAsync(file, LegacyScenario.Csv(LegacyScenario.Row("SO-1"), LegacyScenario.Row("SO-2", qty: "12")));
        var dry = await CliRunner.RunAsync(app, key, "legacy", "import", file, "--dry-run");
        Assert.True(dry.Exit == 0, dry.ToString());
        Assert.Contains("Dry run", dry.Out, StringComparison.Ordinal);
        Assert.Empty(await s.OrdersAsync());

        var real = await CliRunner.RunAsync(app, key, "legacy", "import", file);
        Assert.True(real.Exit == 0, real.ToString());
        Assert.Contains("2 created", real.Out, StringComparison.Ordinal);
        Assert.Equal(2, (await s.OrdersAsync()).Count);

        var missing = await CliRunner.RunAsync(app, key, "legacy", "import", file + ".nope");
        Assert.NotEqual(0, missing.Exit);
    }

    [Fact]
    [Trait("rule", "UX-8")]
    [Trait("rule", "MIG-8")]
    public async Task MigrationsPlan_ToCsvFile_ThenStartFromIt_DryRunFirst_SafeToRerun()
    {
        var s = await LegacyScenario.CreateAsync(app);
        var key = KeyOf(s.Partner);
        await s.Partner.CreateCustomerAsync();
        await (await s.ImportAsync(LegacyScenario.Csv(LegacyScenario.Row("SO-1", end: "2027-06-30"),
            LegacyScenario.Row("SO-9", org: "00D0000000000ZZ", name: "Not Yet A Customer")))).ExpectAsync(HttpStatusCode.OK);

        var table = await CliRunner.RunAsync(app, key, "migrations", "plan", "--as-of", "2027-01-04");
        Assert.True(table.Exit == 0, table.ToString());
        Assert.Contains("Globex", table.Out, StringComparison.Ordinal);

        var planFile = TempFile(".csv");
        var plan = await CliRunner.RunAsync(app, key, "migrations", "plan", "--as-of", "2027-01-04", "--format", "csv", "--out", planFile);
        Assert.True(plan.Exit == 0, plan.ToString());
        Assert.StartsWith("customer_id,", await File.ReadAllTextAsync(planFile), StringComparison.Ordinal);
        Assert.Contains("Wrote the plan (2 rows)", plan.Out, StringComparison.Ordinal);

        // The same plan as a JSON file: received as a stream, written indented, the same document as the API's.
        var jsonFile = TempFile(".json");
        var planJson = await CliRunner.RunAsync(app, key, "migrations", "plan", "--as-of", "2027-01-04", "--out", jsonFile);
        Assert.True(planJson.Exit == 0, planJson.ToString());
        Assert.Contains("Wrote the plan (2 rows)", planJson.Out, StringComparison.Ordinal);
        var written = await File.ReadAllTextAsync(jsonFile);
        Assert.Contains("\n  \"rows\": [", written.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        var served = await (await s.Partner.GetAsync("/v1/migrations/plan?asOf=2027-01-04")).ExpectAsync(HttpStatusCode.OK);
        Assert.True(JsonNode.DeepEquals(served, JsonNode.Parse(written)), written);
        Assert.False(File.Exists(jsonFile + ".partial"));

        var json = await CliRunner.RunAsync(app, key, "migrations", "plan", "--as-of", "2027-01-04", "--format", "json");
        Assert.True(JsonNode.Parse(json.Out)!["rows"]!.AsArray().Count == 2, json.Out);

        var dry = await CliRunner.RunAsync(app, key, "migrations", "start", "--plan", planFile, "--dry-run");
        Assert.True(dry.Exit == 0, dry.ToString());
        Assert.Contains("1 would start, 1 skipped", dry.Out, StringComparison.Ordinal);
        var none = await (await s.Partner.GetAsync("/v1/migrations")).ExpectAsync(HttpStatusCode.OK);
        Assert.Empty(none["data"]!.AsArray());

        var started = await CliRunner.RunAsync(app, key, "migrations", "start", "--plan", planFile);
        Assert.True(started.Exit == 0, started.ToString());
        Assert.Contains("1 started", started.Out, StringComparison.Ordinal);
        var again = await CliRunner.RunAsync(app, key, "migrations", "start", "--plan", planFile, "--json");
        Assert.True(again.Exit == 0, again.ToString());
        var one = await (await s.Partner.GetAsync("/v1/migrations")).ExpectAsync(HttpStatusCode.OK);
        Assert.Single(one["data"]!.AsArray());

        var badPlan = TempFile(".csv");
        await File.WriteAllTextAsync(badPlan, "nonsense\n1\n");
        Assert.Equal(2, (await CliRunner.RunAsync(app, key, "migrations", "start", "--plan", badPlan)).Exit);
    }

    [Fact]
    [Trait("rule", "UX-8")]
    public async Task EverySubcommand_HasHelp()
    {
        var root = CliApp.Build(new CliHost(Spectre.Console.AnsiConsole.Console, TextWriter.Null, _ => app.CreateClient()));
        foreach (var group in new[] { "legacy", "migrations", "dev" })
        {
            var command = root.Subcommands.Single(c => c.Name == group);
            Assert.NotEmpty(command.Subcommands);
            foreach (var sub in command.Subcommands)
            {
                Assert.False(string.IsNullOrWhiteSpace(sub.Description), sub.Name);
                Assert.All(sub.Options, o => Assert.False(string.IsNullOrWhiteSpace(o.Description), $"{sub.Name} {o.Name}"));
                Assert.All(sub.Arguments, a => Assert.False(string.IsNullOrWhiteSpace(a.Description), $"{sub.Name} {a.Name}"));
                var help = await CliRunner.RunAsync(app, [group, sub.Name, "--help"]);
                Assert.True(help.Exit == 0, help.ToString());
                Assert.Contains(sub.Description!.Split(' ')[0], help.Out, StringComparison.Ordinal);
            }
        }
    }
}
