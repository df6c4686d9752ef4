using System.Net;
using Switchyard.Api.Tests.Infrastructure;
using Switchyard.Cli;
using Switchyard.Cli.Commands;

namespace Switchyard.Api.Tests.Cli;

/// <summary>The CLI's bulk customer import against the real pipeline.</summary>
public class CustomerImportTests(SwitchyardApp app) : IClassFixture<SwitchyardApp>
{
    [Fact]
    [Trait("rule", "SEC-3")]
    public async Task ImportTwice_CreatesEachCustomerOnce_AndReportsBadRowsByLine_SEC3()
    {
        var (_, partner) = await app.PartnerAsync("Importer");
        var file = Path.Combine(Path.GetTempPath(), "customers-" + Guid.NewGuid().ToString("N") + ".csv");
        await File.WriteAllLinesAsync(file,
        [
            "contact_email,name,org_id",
            "a@one.example,One,00D0000000000AA",
            "b@two.example,Two,00D0000000000BB",
            "not-an-email,Three,00D0000000000CC",
        ]);
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
            // The rerun replays the first answers: nothing new, nothing duplicated.
            Assert.Equal(first.Select(o => o.Created), second.Select(o => o.Created));
            var customers = await (await partner.GetAsync("/v1/customers")).ExpectAsync(HttpStatusCode.OK);
            Assert.Equal(2, customers["data"]!.AsArray().Count);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Parse_MissingColumn_NamesItAndImportsNothing()
    {
        var file = Path.Combine(Path.GetTempPath(), "customers-" + Guid.NewGuid().ToString("N") + ".csv");
        File.WriteAllLines(file, ["name,contact_email", "One,a@one.example"]);
        try
        {
            var rows = CustomerImport.Parse(file, out var problems);
            Assert.Empty(rows);
            Assert.Contains(problems, p => p.Contains("org_id", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
