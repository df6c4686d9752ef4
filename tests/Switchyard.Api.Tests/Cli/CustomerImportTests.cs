using System.Net;
using Switchyard.Api.Tests.Infrastructure;
using Switchyard.Cli;
using Switchyard.Cli.Commands;

namespace Switchyard.Api.Tests.Cli;

/// <summary>The CLI's bulk customer import against the real pipeline.</summary>
public class CustomerImportTests(SwitchyardApp app) : IClassFixture<SwitchyardApp>
{
    private static string KeyOf(HttpClient client) => client.DefaultRequestHeaders.Authorization!.Parameter!;

    private static async Task<string> FileAsync(params string[] lines)
    {
        var file = Path.Combine(Path.GetTempPath(), "customers-" + Guid.NewGuid().ToString("N") + ".csv");
        await File.WriteAllLinesAsync(file, lines);
        return file;
    }

    [Fact]
    [Trait("rule", "SEC-3")]
    public async Task ImportTwice_CreatesEachCustomerOnce_AndReportsBadRowsByLine_SEC3()
    {
        var (_, partner) = await app.PartnerAsync("Importer");
        var file = await FileAsync(
            "contact_email,name,org_id",
            "a@one.example,One,00D0000000000AA",
            "b@two.example,Two,00D0000000000BB",
            "not-an-email,Three,00D0000000000CC");
        try
        {
            var rows = CustomerImport.Parse(file, out var problems);
            Assert.Empty(problems);
            var client = new SwitchyardClient(partner);
            var hash = CustomerImport.HashFile(file);

            var first = new List<RowOutcome>();
            foreach (var row in rows)
            {
                first.Add(await CustomerImport.SendAsync(client, row, hash, CancellationToken.None));
            }
            var second = new List<RowOutcome>();
            foreach (var row in rows)
            {
                second.Add(await CustomerImport.SendAsync(client, row, hash, CancellationToken.None));
            }

            Assert.Equal(2, first.Count(o => o.Created));
            var bad = Assert.Single(first, o => o.Error is not null);
            Assert.Equal(4, bad.Line);
            Assert.Contains("contactEmail", bad.Error, StringComparison.Ordinal);
            // The rerun replays the first answers: nothing new, nothing duplicated, and it says so.
            Assert.Equal([RowResult.Unchanged, RowResult.Unchanged, RowResult.Failed], second.Select(o => o.Result));
            var customers = await (await partner.GetAsync("/v1/customers")).ExpectAsync(HttpStatusCode.OK);
            Assert.Equal(2, customers["data"]!.AsArray().Count);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    [Trait("rule", "UX-8")]
    public async Task ImportCommand_Rerun_CountsUnchangedRows_NotCreatedAgain_UX8()
    {
        var (_, partner) = await app.PartnerAsync("Rerun Importer");
        var file = await FileAsync(
            "name,org_id,contact_email",
            "\"Globex, Inc.\",00D0000000000R1,ap@globex.example",
            "Initech,00D0000000000R2,ap@initech.example");
        // The same customers in another file (another day's export): already there, not created twice.
        var other = await FileAsync(
            "org_id,name,contact_email",
            "00D0000000000R2,Initech,ap@initech.example",
            "00D0000000000R3,Hooli,ap@hooli.example");
        try
        {
            var first = await CliRunner.RunAsync(app, KeyOf(partner), "import-customers", file);
            Assert.True(first.Exit == 0, first.ToString());
            Assert.Contains("2 created, 0 unchanged", first.Out, StringComparison.Ordinal);

            var again = await CliRunner.RunAsync(app, KeyOf(partner), "import-customers", file);
            Assert.True(again.Exit == 0, again.ToString());
            Assert.Contains("0 created, 2 unchanged", again.Out, StringComparison.Ordinal);

            var overlap = await CliRunner.RunAsync(app, KeyOf(partner), "import-customers", other, "--json");
            Assert.True(overlap.Exit == 0, overlap.ToString());
            var summary = System.Text.Json.Nodes.JsonNode.Parse(overlap.Out)!;
            Assert.Equal(1, summary["created"]!.GetValue<int>());
            Assert.Equal(1, summary["unchanged"]!.GetValue<int>());

            var customers = await (await partner.GetAsync("/v1/customers")).ExpectAsync(HttpStatusCode.OK);
            Assert.Equal(3, customers["data"]!.AsArray().Count);
            Assert.Contains(customers["data"]!.AsArray(), c => c!["name"]!.GetValue<string>() == "Globex, Inc.");
        }
        finally
        {
            File.Delete(file);
            File.Delete(other);
        }
    }

    [Fact]
    [Trait("rule", "UX-8")]
    public async Task ImportCommand_ReadsSemicolonSeparatedFiles_WithQuotedFields_UX8()
    {
        var (_, partner) = await app.PartnerAsync("Semicolon Importer");
        var file = await FileAsync(
            "name;org_id;contact_email",
            "\"Wayne; Enterprises\";00D0000000000S1;ap@wayne.example",
            "Stark Industries;00D0000000000S2;ap@stark.example");
        try
        {
            var run = await CliRunner.RunAsync(app, KeyOf(partner), "import-customers", file);

            Assert.True(run.Exit == 0, run.ToString());
            Assert.Contains("2 created", run.Out, StringComparison.Ordinal);
            var customers = await (await partner.GetAsync("/v1/customers?orgId=00D0000000000S1")).ExpectAsync(HttpStatusCode.OK);
            Assert.Equal("Wayne; Enterprises", Assert.Single(customers["data"]!.AsArray())!["name"]!.GetValue<string>());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    [Trait("rule", "UX-8")]
    public async Task ImportCommand_UnknownSeparator_SaysWhichIsExpected_AndSendsNothing_UX8()
    {
        var (_, partner) = await app.PartnerAsync("Space Importer");
        var file = await FileAsync("name org_id contact_email", "One 00D0000000000X1 a@one.example");
        try
        {
            var run = await CliRunner.RunAsync(app, KeyOf(partner), "import-customers", file);

            Assert.Equal(2, run.Exit);
            Assert.Contains("separated by commas (or semicolons)", run.Error, StringComparison.Ordinal);
            Assert.Contains("Nothing was imported", run.Error, StringComparison.Ordinal);
            var customers = await (await partner.GetAsync("/v1/customers")).ExpectAsync(HttpStatusCode.OK);
            Assert.Empty(customers["data"]!.AsArray());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    [Trait("rule", "UX-8")]
    public async Task ImportCommand_StopsAtTheFirstAuthorizationFailure_UX8()
    {
        // A key that may manage offers but not add customers (app.view): the first row is refused, the rest never sent.
        var (_, partner) = await app.PartnerAsync("Refused Importer", true, "offers.manage");
        var file = await FileAsync(
            "name,org_id,contact_email",
            "One,00D0000000000F1,a@one.example",
            "Two,00D0000000000F2,b@two.example",
            "Three,00D0000000000F3,c@three.example");
        try
        {
            var run = await CliRunner.RunAsync(app, KeyOf(partner), "import-customers", file);

            Assert.Equal(1, run.Exit);
            Assert.Single(run.Error.Split('\n'), l => l.Contains("403", StringComparison.Ordinal));
            Assert.Contains("Stopped at line 2", run.Error, StringComparison.Ordinal);
            Assert.Contains("2 not sent", run.Out, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Parse_MissingColumn_NamesItAndImportsNothing()
    {
        var rows = CustomerImport.Parse(new StringReader("name,contact_email\nOne,a@one.example\n"), out var problems);
        Assert.Empty(rows);
        Assert.Contains(problems, p => p.Contains("org_id", StringComparison.Ordinal));
    }
}
