using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Switchyard.Browser.Tests.Infrastructure;

namespace Switchyard.Browser.Tests.Console;

[Collection(ConsoleCollection.Name)]
public sealed class OperatorConsoleTests(ConsoleServer server)
{
    [Fact]
    [Trait("rule", "ONB-1")]
    public async Task Operator_ApprovesAppliedPartner_SeesStatusApproved()
    {
        using var api = server.OperatorApi();
        var partner = await ConsoleServer.ReadAsync<JsonElement>(await api.PostAsJsonAsync("/v1/partners", new { name = "Acme Analytics" }));
        var partnerId = partner.GetProperty("id").GetString()!;
        await OperatorConsoleTests.FillBusinessDetailsAsync(server, partnerId);

        var page = await server.NewPageAsync();
        await page.GotoAsync("/console/partners");
        Assert.Contains("/console/sign-in", page.Url, StringComparison.Ordinal);
        await ConsoleServer.SignInAsync(page, ConsoleServer.OperatorEmail, ConsoleServer.OperatorPassword);
        await page.WaitForURLAsync("**/console/home");

        await page.GotoAsync("/console/partners?status=applied");
        var row = page.Locator("#partners tr", new PageLocatorOptions { HasText = "Acme Analytics" });
        await Assertions.Expect(row).ToContainTextAsync("applied");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ConsoleServer.ArtifactsDir, "partners.png"), FullPage = true });

        await row.Locator("a", new LocatorLocatorOptions { HasText = "Acme Analytics" }).ClickAsync();
        await page.WaitForURLAsync($"**/console/partners/{partnerId}");
        await page.ClickAsync("#approve");
        await Assertions.Expect(page.Locator("#partner-status")).ToHaveTextAsync("approved");
        await Assertions.Expect(page.Locator("#history")).ToContainTextAsync("approved the partner");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ConsoleServer.ArtifactsDir, "partner-detail.png"), FullPage = true });

        var read = await ConsoleServer.ReadAsync<JsonElement>(await api.GetAsync($"/v1/partners/{partnerId}"));
        Assert.Equal("approved", read.GetProperty("status").GetString());
        var audit = await ConsoleServer.ReadAsync<JsonElement>(await api.GetAsync($"/v1/operator/audit?objectId={partnerId}"));
        Assert.Contains(audit.EnumerateArray(), e => e.GetProperty("action").GetString() == "partner.approved"
            && e.GetProperty("actor").GetString() == $"operator:{ConsoleServer.OperatorEmail}");
    }

    [Fact]
    [Trait("rule", "UX-4")]
    [Trait("rule", "SEC-5")]
    public async Task Operator_SearchesPartnersAndOrgs_AndExportsWhatIsShown()
    {
        using var api = server.OperatorApi();
        var stamp = Guid.NewGuid().ToString("N")[..6];
        await ConsoleServer.ReadAsync<JsonElement>(await api.PostAsJsonAsync("/v1/partners", new { name = $"Northwind {stamp}" }));
        await ConsoleServer.ReadAsync<JsonElement>(await api.PostAsJsonAsync("/v1/partners", new { name = $"=HYPERLINK {stamp}" }));
        var orgId = "00D" + stamp.ToUpperInvariant().PadRight(12, '0');
        await ConsoleServer.ReadAsync<JsonElement>(await api.PostAsJsonAsync("/v1/customer-orgs", new { orgId, name = $"Contoso {stamp}" }));

        var page = await server.NewPageAsync();
        await ConsoleServer.SignInAsync(page, ConsoleServer.OperatorEmail, ConsoleServer.OperatorPassword);
        await page.WaitForURLAsync("**/console/home");

        await page.GotoAsync("/console/partners");
        await page.FillAsync("#q", stamp);
        await page.ClickAsync("#search");
        await Assertions.Expect(page.Locator("#partners tbody tr")).ToHaveCountAsync(2);
        var partnersCsv = await CsvAsync(page);
        Assert.Contains($"\"Northwind {stamp}\",\"applied\"", partnersCsv, StringComparison.Ordinal);
        // SEC-5: a name a spreadsheet would run as a formula is exported as text.
        Assert.Contains($"\"'=HYPERLINK {stamp}\"", partnersCsv, StringComparison.Ordinal);
        Assert.Equal(3, partnersCsv.Trim().Split('\n').Length);

        await page.GotoAsync("/console/customer-orgs");
        await page.FillAsync("#q", orgId[..15]);
        await page.ClickAsync("#search");
        await Assertions.Expect(page.Locator("#orgs tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#orgs tbody tr")).ToContainTextAsync($"Contoso {stamp}");
        var orgsCsv = await CsvAsync(page);
        Assert.Contains($"Contoso {stamp}", orgsCsv, StringComparison.Ordinal);
        Assert.Equal(2, orgsCsv.Trim().Split('\n').Length);
    }

    [Fact]
    [Trait("rule", "BIL-1")]
    public async Task Operator_CorrectsAnOrgsBillingCountry_ANameIsRefusedWithTheFix()
    {
        using var api = server.OperatorApi();
        var stamp = Guid.NewGuid().ToString("N")[..6];
        var orgId = "00D" + stamp.ToUpperInvariant().PadRight(12, '1');
        await ConsoleServer.ReadAsync<JsonElement>(await api.PostAsJsonAsync("/v1/customer-orgs", new { orgId, name = $"Fabrikam {stamp}", billingCountry = "DE" }));

        var page = await server.NewPageAsync();
        await ConsoleServer.SignInAsync(page, ConsoleServer.OperatorEmail, ConsoleServer.OperatorPassword);
        await page.WaitForURLAsync("**/console/home");
        await page.GotoAsync($"/console/customer-orgs/{orgId}");
        await Assertions.Expect(page.Locator("#org-billing-country")).ToHaveValueAsync("DE");

        // A name instead of the code: refused under the field with what to type; what was typed stays; nothing saved.
        await page.FillAsync("#org-billing-country", "France");
        await page.ClickAsync("#save-billing-country");
        await Assertions.Expect(page.Locator(".error[data-field=billingCountry]")).ToContainTextAsync("two-letter code");
        await Assertions.Expect(page.Locator("#org-billing-country")).ToHaveValueAsync("France");
        var unchanged = await ConsoleServer.ReadAsync<JsonElement>(await api.GetAsync($"/v1/customer-orgs/{orgId}"));
        Assert.Equal("DE", unchanged.GetProperty("billingCountry").GetString());

        await page.FillAsync("#org-billing-country", "fr");
        await page.ClickAsync("#save-billing-country");
        await Assertions.Expect(page.Locator(".alert.ok[role=status]")).ToContainTextAsync("Billing country saved");
        await Assertions.Expect(page.Locator("#org-billing-country")).ToHaveValueAsync("FR");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ConsoleServer.ArtifactsDir, "customer-org-detail.png"), FullPage = true });
        var changed = await ConsoleServer.ReadAsync<JsonElement>(await api.GetAsync($"/v1/customer-orgs/{orgId}"));
        Assert.Equal("FR", changed.GetProperty("billingCountry").GetString());
    }

    private static async Task<string> CsvAsync(IPage page)
    {
        var href = await page.GetAttributeAsync("#export-csv", "href");
        var response = await page.APIRequest.GetAsync(href!);
        Assert.Equal(200, response.Status);
        Assert.StartsWith("text/csv", response.Headers["content-type"], StringComparison.Ordinal);
        return await response.TextAsync();
    }

    [Fact]
    [Trait("rule", "SEC-2")]
    public async Task FormPost_WithoutAntiforgeryToken_IsRefused()
    {
        using var api = server.OperatorApi();
        var partner = await ConsoleServer.ReadAsync<JsonElement>(await api.PostAsJsonAsync("/v1/partners", new { name = "Forged Ltd" }));
        var partnerId = partner.GetProperty("id").GetString()!;

        var page = await server.NewPageAsync();
        await ConsoleServer.SignInAsync(page, ConsoleServer.OperatorEmail, ConsoleServer.OperatorPassword);
        await page.WaitForURLAsync("**/console/home");

        // The session cookie is sent (same browser context), but the form's antiforgery token is not.
        var forged = await page.Context.APIRequest.PostAsync($"/console/partners/{partnerId}", new APIRequestContextOptions
        {
            Form = page.Context.APIRequest.CreateFormData(),
            MaxRedirects = 0,
        });
        Assert.Equal((int)HttpStatusCode.BadRequest, forged.Status);

        var forgedForm = page.Context.APIRequest.CreateFormData();
        forgedForm.Set("_handler", "approve");
        var forgedApprove = await page.Context.APIRequest.PostAsync($"/console/partners/{partnerId}", new APIRequestContextOptions { Form = forgedForm, MaxRedirects = 0 });
        Assert.Equal((int)HttpStatusCode.BadRequest, forgedApprove.Status);

        var signOut = await page.Context.APIRequest.PostAsync("/console/sign-out", new APIRequestContextOptions { MaxRedirects = 0 });
        Assert.True(signOut.Status == (int)HttpStatusCode.BadRequest, $"{signOut.Status} {await signOut.TextAsync()}");

        var read = await ConsoleServer.ReadAsync<JsonElement>(await api.GetAsync($"/v1/partners/{partnerId}"));
        Assert.Equal("applied", read.GetProperty("status").GetString());
    }

    [Fact]
    [Trait("rule", "CAT-1")]
    [Trait("rule", "SEC-2")]
    public async Task Operator_ContractsEntry_IssuesKeyShownOnce_InvitesUser()
    {
        using var api = server.OperatorApi();
        var partner = await ConsoleServer.ReadAsync<JsonElement>(await api.PostAsJsonAsync("/v1/partners", new { name = "Litware" }));
        var partnerId = partner.GetProperty("id").GetString()!;

        var page = await server.NewPageAsync();
        await ConsoleServer.SignInAsync(page, ConsoleServer.OperatorEmail, ConsoleServer.OperatorPassword);
        await page.WaitForURLAsync("**/console/home");
        await page.GotoAsync($"/console/partners/{partnerId}");

        await page.FillAsync("#entry-name", "Litware Sync");
        await page.ClickAsync("button:has-text('Add entry')");
        var entryRow = page.Locator("#catalog tr", new PageLocatorOptions { HasText = "Litware Sync" });
        await Assertions.Expect(entryRow).ToContainTextAsync("not contracted");
        await entryRow.Locator("button:has-text('Contract')").ClickAsync();
        await Assertions.Expect(page.Locator("#catalog tr", new PageLocatorOptions { HasText = "Litware Sync" })).ToContainTextAsync("Un-contract");

        // A key needs at least one permission: the domain's field error is shown.
        await page.ClickAsync("button:has-text('Issue key')");
        await Assertions.Expect(page.Locator(".error[data-field=permissions]")).ToBeVisibleAsync();
        await page.FillAsync("#key-name", "CI key");
        await page.CheckAsync("input[name='Key.AppView']");
        await page.ClickAsync("button:has-text('Issue key')");
        var token = (await page.Locator("#issued-key code").TextContentAsync())!.Trim();
        Assert.StartsWith("sy_", token, StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ConsoleServer.ArtifactsDir, "issued-key.png"), FullPage = true });

        using (var partnerApi = new HttpClient { BaseAddress = new Uri(server.BaseUrl) })
        {
            partnerApi.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            var entries = await ConsoleServer.ReadAsync<JsonElement>(await partnerApi.GetAsync("/v1/catalog-entries"));
            Assert.True(entries.GetProperty("data")[0].GetProperty("contracted").GetBoolean());
        }

        // Shown once: a fresh load lists the key by prefix only.
        await page.GotoAsync($"/console/partners/{partnerId}");
        await Assertions.Expect(page.Locator("#issued-key")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#keys table")).ToContainTextAsync(token[..13]);
        // UX-5: revoking asks first and says what happens.
        await page.Locator("#keys summary:has-text('Revoke')").ClickAsync();
        await Assertions.Expect(page.Locator("#keys .confirm-box")).ToContainTextAsync("cannot be undone");
        await page.Locator("#keys button:has-text('Revoke key')").ClickAsync();
        await Assertions.Expect(page.Locator("#keys table")).ToContainTextAsync("revoked");

        await page.FillAsync("#invite-email", "new.user@litware.test");
        await page.CheckAsync("input[name='Invite.OffersManage']");
        await page.ClickAsync("button:has-text('Invite')");
        var link = (await page.Locator("#invitation code").TextContentAsync())!.Trim();
        Assert.Contains("/console/invitation?token=", link, StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("#users table")).ToContainTextAsync("invited");
    }

    [Fact]
    [Trait("rule", "UX-5")]
    public async Task Approve_IsNotOffered_AndRefused_ForAnApplicationWithoutBusinessDetails()
    {
        using var api = server.OperatorApi();
        var partner = await ConsoleServer.ReadAsync<JsonElement>(await api.PostAsJsonAsync("/v1/partners", new { name = "Bare Application Ltd" }));
        var partnerId = partner.GetProperty("id").GetString()!;

        var page = await server.NewPageAsync();
        await ConsoleServer.SignInAsync(page, ConsoleServer.OperatorEmail, ConsoleServer.OperatorPassword);
        await page.WaitForURLAsync("**/console/home");
        await page.GotoAsync($"/console/partners/{partnerId}");
        await Assertions.Expect(page.Locator("#approve")).ToBeDisabledAsync();
        await Assertions.Expect(page.Locator("#approve-needs-details")).ToContainTextAsync("business type, address, representative");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ConsoleServer.ArtifactsDir, "partner-approve-needs-details.png"), FullPage = true });

        // A form posted anyway (the button forced on) is refused by the server with the reason, and nothing changes.
        await page.EvalOnSelectorAsync("#approve", "b => b.disabled = false");
        var response = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("#approve"), r => r.Request.Method == "POST");
        Assert.Equal((int)HttpStatusCode.Conflict, response.Status);
        await Assertions.Expect(page.Locator(".alert.bad, .error").First).ToContainTextAsync("no business details yet");
        await Assertions.Expect(page.Locator("#partner-status")).ToHaveTextAsync("applied");
        var read = await ConsoleServer.ReadAsync<JsonElement>(await api.GetAsync($"/v1/partners/{partnerId}"));
        Assert.Equal("applied", read.GetProperty("status").GetString());

        // Once the partner has filled them in, Approve is offered and works.
        await FillBusinessDetailsAsync(server, partnerId);
        await page.GotoAsync($"/console/partners/{partnerId}");
        await Assertions.Expect(page.Locator("#approve-needs-details")).ToHaveCountAsync(0);
        await page.ClickAsync("#approve");
        await Assertions.Expect(page.Locator("#partner-status")).ToHaveTextAsync("approved");
    }

    /// <summary>The partner fills in its business details with a key issued to the applicant (UX-5: approval needs them).</summary>
    internal static async Task FillBusinessDetailsAsync(ConsoleServer server, string partnerId)
    {
        using var api = server.OperatorApi();
        var key = await ConsoleServer.ReadAsync<JsonElement>(await api.PostAsJsonAsync($"/v1/partners/{partnerId}/api-keys", new { permissions = new[] { "app.view" } }));
        using var partner = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        partner.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key.GetProperty("key").GetString());
        var patch = new HttpRequestMessage(HttpMethod.Patch, "/v1/account")
        {
            Content = JsonContent.Create(new
            {
                businessType = "company",
                address = new { line1 = "1 Harbour Street", city = "Lyon", postalCode = "69001", country = "FR" },
                representative = new { name = "Ada Lovelace", email = "ada@partner.test", title = "Director" },
            }),
        };
        await ConsoleServer.ReadAsync<JsonElement>(await partner.SendAsync(patch));
    }
}
