using System.Net;
using System.Text.Json.Nodes;
using Switchyard.Api.Tests.Infrastructure;

namespace Switchyard.Api.Tests.Cli;

/// <summary>`switchyard customers import` (and its older name `import-customers`) against the real pipeline.</summary>
public class CustomerImportTests(SwitchyardApp app) : IClassFixture<SwitchyardApp>
{
    private static string KeyOf(HttpClient client) => client.DefaultRequestHeaders.Authorization!.Parameter!;

    private static async Task<string> FileAsync(params string[] lines)
    {
        var file = Path.Combine(Path.GetTempPath(), "customers-" + Guid.NewGuid().ToString("N") + ".csv");
        await File.WriteAllLinesAsync(file, lines);
        return file;
    }

    private static async Task<JsonArray> CustomersAsync(HttpClient partner) =>
        (await (await partner.GetAsync("/v1/customers")).ExpectAsync(HttpStatusCode.OK))["data"]!.AsArray();

    [Fact]
    [Trait("rule", "UX-8")]
    public async Task CustomersImport_DryRunWritesNothing_ThenImports_RerunCountsUnchanged_UX8()
    {
        var (_, partner) = await app.PartnerAsync("Cli Bulk Importer");
        var file = await FileAsync(
            "name,orgId,contactEmail",
            "\"Globex, Inc.\",00D0000000000R1,ap@globex.example",
            "Initech,00D0000000000R2,ap@initech.example");
        try
        {
            var dry = await CliRunner.RunAsync(app, KeyOf(partner), "customers", "import", file, "--dry-run");
            Assert.True(dry.Exit == 0, dry.ToString());
            Assert.Contains("Dry run, nothing written. 2 rows: 2 to create", dry.Out, StringComparison.Ordinal);
            Assert.Empty(await CustomersAsync(partner));

            var first = await CliRunner.RunAsync(app, KeyOf(partner), "customers", "import", file);
            Assert.True(first.Exit == 0, first.ToString());
            Assert.Contains("2 rows: 2 created, 0 updated, 0 unchanged", first.Out, StringComparison.Ordinal);

            // The older command name runs the same import.
            var again = await CliRunner.RunAsync(app, KeyOf(partner), "import-customers", file, "--json");
            Assert.True(again.Exit == 0, again.ToString());
            var summary = JsonNode.Parse(again.Out)!;
            Assert.Equal((0, 2), (summary["created"]!.GetValue<int>(), summary["unchanged"]!.GetValue<int>()));
            Assert.Contains(await CustomersAsync(partner), c => c!["name"]!.GetValue<string>() == "Globex, Inc.");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    [Trait("rule", "UX-8")]
    public async Task CustomersImport_BadRows_TableByLineAndColumn_ExitsNonZero_NothingWritten_UX8()
    {
        var (_, partner) = await app.PartnerAsync("Cli Careless Importer");
        var file = await FileAsync(
            "name;org_id;contact_email",
            "\"Wayne; Enterprises\";00D0000000000S1;ap@wayne.example",
            "Stark Industries;00D0000000000S2;not-an-email");
        try
        {
            var run = await CliRunner.RunAsync(app, KeyOf(partner), "customers", "import", file);

            Assert.Equal(1, run.Exit);
            Assert.Contains("contact_email", run.Out, StringComparison.Ordinal);
            Assert.Contains("nothing was imported", run.Error, StringComparison.Ordinal);
            Assert.Empty(await CustomersAsync(partner));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    [Trait("rule", "UX-8")]
    public async Task CustomersImport_RefusedKey_OneRequest_OneError_ExitsNonZero_UX8()
    {
        // A key that may manage offers but not add customers (app.view): the whole file is one request, refused once.
        var (_, partner) = await app.PartnerAsync("Cli Refused Importer", true, "offers.manage");
        var file = await FileAsync("name,orgId,contactEmail", "One,00D0000000000F1,a@one.example", "Two,00D0000000000F2,b@two.example");
        try
        {
            var run = await CliRunner.RunAsync(app, KeyOf(partner), "customers", "import", file);

            Assert.Equal(1, run.Exit);
            Assert.Single(run.Error.Split('\n'), l => l.Contains("403", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
