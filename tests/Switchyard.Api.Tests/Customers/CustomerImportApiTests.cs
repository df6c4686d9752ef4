using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Switchyard.Api.Tests.Infrastructure;

namespace Switchyard.Api.Tests.Customers;

/// <summary>POST /v1/customers/imports: a whole file of customers in one request, on SQLite and PostgreSQL.</summary>
public class CustomerImportApiTests(SwitchyardApp app) : IClassFixture<SwitchyardApp>
{
    private static int _next;

    /// <summary>A valid org id unique to this run (15 characters, starting 00D).</summary>
    private static string Org() => "00D" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant() + Interlocked.Increment(ref _next).ToString("D4", System.Globalization.CultureInfo.InvariantCulture);

    private static Task<HttpResponseMessage> ImportAsync(HttpClient client, string csv, bool dryRun = false) =>
        ImportAsync(client, Encoding.UTF8.GetBytes(csv), dryRun);

    private static Task<HttpResponseMessage> ImportAsync(HttpClient client, byte[] body, bool dryRun = false)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return client.PostAsync($"/v1/customers/imports?dryRun={(dryRun ? "true" : "false")}", content);
    }

    private static async Task<JsonArray> CustomersAsync(HttpClient client) =>
        (await (await client.GetAsync("/v1/customers?limit=100")).ExpectAsync(HttpStatusCode.OK))["data"]!.AsArray();

    private static (int, int, int, long) Counts(JsonNode r) =>
        (r["created"]!.GetValue<int>(), r["updated"]!.GetValue<int>(), r["unchanged"]!.GetValue<int>(), r["rows"]!.GetValue<long>());

    [Fact]
    [Trait("rule", "AUD-1")]
    public async Task DryRunWritesNothing_ImportCreates_RerunIsUnchanged_ChangedRowUpdates_OneAuditEntryPerImport_AUD1()
    {
        var (partnerId, partner) = await app.PartnerAsync("Bulk Importer");
        var (a, b) = (Org(), Org());
        var csv = $"name,orgId,contactEmail\n\"Globex, Inc.\",{a},ap@globex.example\nInitech,{b},ap@initech.example\n";

        var dry = await (await ImportAsync(partner, csv, dryRun: true)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal((2, 0, 0, 2L), Counts(dry));
        Assert.Equal("dryRun", dry["status"]!.GetValue<string>());
        Assert.Empty(await CustomersAsync(partner));

        var first = await (await ImportAsync(partner, csv)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal((2, 0, 0, 2L), Counts(first));
        var again = await (await ImportAsync(partner, csv)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal((0, 0, 2, 2L), Counts(again));
        // An existing org id with another contact takes the file's values (updated), a new one is created.
        var changed = await (await ImportAsync(partner, $"orgId,name,contactEmail\n{b},Initech,billing@initech.example\n{Org()},Hooli,ap@hooli.example\n"))
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal((1, 1, 0, 2L), Counts(changed));

        var customers = await CustomersAsync(partner);
        Assert.Equal(3, customers.Count);
        Assert.Contains(customers, c => c!["name"]!.GetValue<string>() == "Globex, Inc.");
        Assert.Contains(customers, c => c!["contactEmail"]!.GetValue<string>() == "billing@initech.example");

        await using var scope = app.DbScope(out var db);
        var imports = await db.AuditEntries.Where(e => e.PartnerId == partnerId && e.ObjectType == "customerImport").ToListAsync();
        Assert.Equal(3, imports.Count);
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(csv)));
        Assert.Equal(2, imports.Count(e => e.Changes.Contains(sha, StringComparison.Ordinal)));
    }

    [Fact]
    [Trait("rule", "SEC-8")]
    public async Task BadRows_ReportedByLineAndColumn_NothingWritten_SEC8()
    {
        var (_, partner) = await app.PartnerAsync("Careless Importer");
        var org = Org();
        var csv = $"name,orgId,contactEmail\nGood,{Org()},ok@good.example\nNo Mail,{Org()},not-an-email\nNul\0Name,{Org()},a@nul.example\nTwice,{org},a@t.example\nAgain,{org},b@t.example\nShort,{Org()}\n";

        var problem = await (await ImportAsync(partner, csv)).ExpectAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal("invalidRows", problem.Code());
        var errors = problem["errors"]!.AsArray().Select(e => (e!["row"]!.GetValue<long>(), e["column"]?.GetValue<string>())).ToList();
        Assert.Contains((3L, "contactEmail"), errors);
        Assert.Contains((4L, "name"), errors);
        Assert.Contains((6L, "orgId"), errors);
        Assert.Contains((7L, null), errors);
        Assert.DoesNotContain(errors, e => e.Item1 is 2 or 5);
        Assert.Empty(await CustomersAsync(partner));

        // The dry run of the same file answers 200 with the same rows listed, so a client can show them before fixing.
        var dry = await (await ImportAsync(partner, csv, dryRun: true)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("invalid", dry["status"]!.GetValue<string>());
        Assert.Equal(errors.Count, dry["errors"]!.AsArray().Count);
    }

    [Fact]
    [Trait("rule", "SEC-1")]
    public async Task AnotherPartnersImport_NeitherSeesNorChangesTheFirstPartnersCustomers_SEC1()
    {
        var (_, first) = await app.PartnerAsync("First Book");
        var (_, second) = await app.PartnerAsync("Second Book");
        var org = Org();
        await (await ImportAsync(first, $"name,orgId,contactEmail\nShared Org,{org},first@shared.example\n")).ExpectAsync(HttpStatusCode.OK);

        // The same org in another partner's file is that partner's own new customer, never an update of the first one's.
        var other = await (await ImportAsync(second, $"name,orgId,contactEmail\nRenamed,{org},second@shared.example\n")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal((1, 0, 0, 1L), Counts(other));

        var mine = Assert.Single(await CustomersAsync(first))!;
        Assert.Equal(("Shared Org", "first@shared.example"), (mine["name"]!.GetValue<string>(), mine["contactEmail"]!.GetValue<string>()));
        Assert.Equal("Renamed", Assert.Single(await CustomersAsync(second))!["name"]!.GetValue<string>());
    }

    [Fact]
    [Trait("rule", "SEC-5")]
    public async Task SemicolonSeparatedFile_WithBomAndSnakeCaseHeader_Imports_SEC5()
    {
        var (_, partner) = await app.PartnerAsync("Semicolon Book");
        var (a, b) = (Org(), Org());
        var body = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes($"name;org_id;contact_email\r\n\"Wayne; Enterprises\";{a};ap@wayne.example\r\nStark;{b};ap@stark.example\r\n")).ToArray();

        var result = await (await ImportAsync(partner, body)).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal((2, 0, 0, 2L), Counts(result));
        Assert.Contains(await CustomersAsync(partner), c => c!["name"]!.GetValue<string>() == "Wayne; Enterprises");
    }

    [Theory]
    [Trait("rule", "SEC-5")]
    [InlineData("invalidEncoding", 3)]
    [InlineData("missingHeader", 1)]
    [InlineData("invalidHeader", 1)]
    [InlineData("emptyFile", 0)]
    public async Task BadFiles_AreClear422s_NeverServerErrors_NothingWritten_SEC5(string code, int line)
    {
        var (_, partner) = await app.PartnerAsync("Broken Files");
        var body = code switch
        {
            "invalidEncoding" => [.. Encoding.UTF8.GetBytes($"name,orgId,contactEmail\nOne,{Org()},a@one.example\nCaf"), 0xE9, .. Encoding.UTF8.GetBytes($",{Org()},b@two.example\n")],
            "missingHeader" => [],
            "invalidHeader" => Encoding.UTF8.GetBytes($"name,orgId,contactEmail,phone\nOne,{Org()},a@one.example,123\n"),
            _ => Encoding.UTF8.GetBytes("name,orgId,contactEmail\n"),
        };

        var problem = await (await ImportAsync(partner, body)).ExpectAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal(code, problem.Code());
        if (line > 0)
        {
            Assert.Equal(line, problem["line"]!.GetValue<long>());
        }
        Assert.Empty(await CustomersAsync(partner));
    }

    [Fact]
    [Trait("rule", "SEC-8")]
    public async Task FormulaCell_IsKeptAsPlainText_NeverAServerError_SEC8()
    {
        var (_, partner) = await app.PartnerAsync("Formula Book");
        var csv = $"name,orgId,contactEmail\n\"=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",{Org()},a@f.example\n";

        await (await ImportAsync(partner, csv)).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("=HYPERLINK(\"http://evil.example\",\"x\")", Assert.Single(await CustomersAsync(partner))!["name"]!.GetValue<string>());
    }

    [Fact]
    [Trait("rule", "ONB-1")]
    public async Task AnApplicant_CannotImportCustomers_ONB1()
    {
        var (_, applicant) = await app.PartnerAsync("Applicant Importer", approve: false);

        var problem = await (await ImportAsync(applicant, $"name,orgId,contactEmail\nOne,{Org()},a@one.example\n")).ExpectAsync(HttpStatusCode.Forbidden);

        Assert.Equal("partnerNotApproved", problem.Code());
    }
}

/// <summary>SEC-5: the customer import shares the legacy import's bounds (4,000 bytes and 3 rows in this fixture).</summary>
public class CustomerImportBoundsTests(Legacy.SmallImportApp app) : IClassFixture<Legacy.SmallImportApp>
{
    private static string Csv(int rows) => "name,orgId,contactEmail\n" + string.Concat(Enumerable.Range(1, rows).Select(i =>
        $"Customer {i},00D00000000{i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture)},c{i}@bounds.example\n"));

    [Fact]
    [Trait("rule", "SEC-5")]
    public async Task TooLarge_413_EvenStreamed_TooManyRows_422_NothingWritten_SEC5()
    {
        var (_, partner) = await app.PartnerAsync("Bounded Importer");
        var big = Encoding.UTF8.GetBytes(Csv(150));
        var content = new ByteArrayContent(big);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await partner.PostAsync("/v1/customers/imports", content)).StatusCode);

        var streamed = new StreamContent(new MemoryStream(big));
        streamed.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/customers/imports") { Content = streamed };
        request.Headers.TransferEncodingChunked = true;
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await partner.SendAsync(request)).StatusCode);

        var many = new ByteArrayContent(Encoding.UTF8.GetBytes(Csv(4)));
        many.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        var problem = await (await partner.PostAsync("/v1/customers/imports", many)).ExpectAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("tooManyRows", problem.Code());
        Assert.Empty((await (await partner.GetAsync("/v1/customers")).ExpectAsync(HttpStatusCode.OK))["data"]!.AsArray());
    }
}
