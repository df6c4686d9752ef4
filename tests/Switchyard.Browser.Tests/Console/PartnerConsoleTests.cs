using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Switchyard.Browser.Tests.Infrastructure;

namespace Switchyard.Browser.Tests.Console;

[Collection(ConsoleCollection.Name)]
public sealed class PartnerConsoleTests(ConsoleServer server)
{
    private const string Password = "a long enough password";

    // 15 characters "05030000000ABCD": checksum chunks 05030 → A, 00000 → A, 0ABCD → 4.
    private const string GoodLicenseId = "05030000000ABCDAA4";
    private const string BadChecksumId = "05030000000ABCDAAA";

    /// <summary>An approved partner with one contracted and one uncontracted app, and a partner user signed in through the invitation link.</summary>
    private async Task<(IPage Page, string PartnerId, string Email)> SignedInPartnerUserAsync(string name, params string[] permissions)
    {
        using var api = server.OperatorApi();
        var partner = await ConsoleServer.ReadAsync<JsonElement>(await api.PostAsJsonAsync("/v1/partners", new { name }));
        var partnerId = partner.GetProperty("id").GetString()!;
        await ConsoleServer.ReadAsync<JsonElement>(await api.PostAsync($"/v1/partners/{partnerId}/approve", null));
        await ConsoleServer.ReadAsync<JsonElement>(await api.PostAsJsonAsync($"/v1/partners/{partnerId}/catalog-entries", new { name = $"{name} CRM", contracted = true }));
        await ConsoleServer.ReadAsync<JsonElement>(await api.PostAsJsonAsync($"/v1/partners/{partnerId}/catalog-entries", new { name = $"{name} Labs", contracted = false }));
        var email = $"{partnerId}@partner.test";
        var invitation = await ConsoleServer.ReadAsync<JsonElement>(await api.PostAsJsonAsync($"/v1/partners/{partnerId}/users", new { email, permissions }));
        var link = new Uri(invitation.GetProperty("invitationUrl").GetString()!);

        var page = await server.NewPageAsync();
        await page.GotoAsync(link.PathAndQuery);
        await page.FillAsync("#password", Password);
        await page.FillAsync("#confirm", Password);
        await page.ClickAsync("button[type=submit]:has-text('Set password')");
        // A partner user lands on the partner's home page.
        await page.WaitForURLAsync("**/console/overview");
        return (page, partnerId, email);
    }

    [Fact]
    [Trait("rule", "AUD-1")]
    [Trait("rule", "CAT-3")]
    [Trait("rule", "CAT-2")]
    public async Task PartnerUser_CreatesProduct_SeesChecksumErrorThenMapsLicense()
    {
        var (page, _, _) = await SignedInPartnerUserAsync("Northwind", "app.view", "offers.manage");
        await page.GotoAsync("/console/products");

        // Only the contracted entry is offered (CAT-2).
        var options = await page.Locator("#product-entry option").AllTextContentsAsync();
        Assert.Contains("Northwind CRM", options);
        Assert.DoesNotContain("Northwind Labs", options);

        await page.FillAsync("#product-name", "Northwind CRM Enterprise");
        await page.SelectOptionAsync("#product-entry", new SelectOptionValue { Label = "Northwind CRM" });
        await page.ClickAsync("button:has-text('Create product')");
        await page.WaitForURLAsync("**/console/products/prd_*");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Northwind CRM Enterprise");

        await page.SelectOptionAsync("#license-kind", "packageLicense");
        await page.FillAsync("#license-id", BadChecksumId);
        await page.ClickAsync("button:has-text('Add mapping')");
        var fieldError = page.Locator(".error[data-field=externalId]");
        await Assertions.Expect(fieldError).ToContainTextAsync("checksum");
        await Assertions.Expect(fieldError).ToContainTextAsync("expected 'AA4', found 'AAA'");
        Assert.Equal(BadChecksumId, await page.InputValueAsync("#license-id"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ConsoleServer.ArtifactsDir, "product-license-error.png"), FullPage = true });

        await page.FillAsync("#license-id", GoodLicenseId);
        await page.ClickAsync("button:has-text('Add mapping')");
        await Assertions.Expect(page.Locator("#license-table")).ToContainTextAsync(GoodLicenseId);
        await Assertions.Expect(page.Locator(".error")).ToHaveCountAsync(0);
        // AUD-1: the product's history shows who mapped which license; the rejected attempt changed nothing.
        await Assertions.Expect(page.Locator("#history")).ToContainTextAsync("added a license mapping");
        await Assertions.Expect(page.Locator("#history")).ToContainTextAsync(GoodLicenseId);
        await Assertions.Expect(page.Locator("#history")).Not.ToContainTextAsync(BadChecksumId);

        await page.GotoAsync("/console/products");
        await Assertions.Expect(page.Locator("#products")).ToContainTextAsync("1 mapped");
    }

    [Fact]
    [Trait("rule", "PRM-4")]
    public async Task PartnerUser_OpeningOperatorPage_Gets403()
    {
        var (page, _, _) = await SignedInPartnerUserAsync("Contoso", "app.view");

        var response = await page.GotoAsync("/console/partners");
        Assert.Equal((int)HttpStatusCode.Forbidden, response!.Status);
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("403");
        // The nav shows only what a partner user may open.
        await Assertions.Expect(page.Locator("header nav a")).ToHaveTextAsync(["Home", "Account", "Products", "Customers", "Offers", "Orders", "Invoices", "Payouts", "API keys", "Team", "Legacy", "Migrations"]);
    }

    [Fact]
    [Trait("rule", "ONB-3")]
    [Trait("rule", "ONB-2")]
    public async Task PartnerUser_EditsAccountWithHistory_AndConnectsPayments()
    {
        var (page, partnerId, email) = await SignedInPartnerUserAsync("Fabrikam", "app.view");

        await page.GotoAsync("/console/account");
        await page.SelectOptionAsync("#businessType", "company");
        await page.FillAsync("#city", "Lyon");
        await page.FillAsync("#country", "France");
        await page.ClickAsync("#save-details");
        await Assertions.Expect(page.Locator(".error[data-field=country]")).ToContainTextAsync("ISO 3166");
        Assert.Equal("Lyon", await page.InputValueAsync("#city"));
        Assert.Equal("France", await page.InputValueAsync("#country"));

        await page.FillAsync("#country", "FR");
        await page.FillAsync("#reason", "moved offices");
        await page.ClickAsync("#save-details");
        await page.WaitForURLAsync("**/console/account?saved=1");
        var history = page.Locator("#history");
        await Assertions.Expect(history).ToContainTextAsync("updated the account details");
        await Assertions.Expect(history).ToContainTextAsync("Lyon");
        await Assertions.Expect(history).ToContainTextAsync("moved offices");
        await Assertions.Expect(history).ToContainTextAsync(email);

        await Assertions.Expect(page.Locator("#payment-status")).ToHaveTextAsync("not connected");
        await page.ClickAsync("#connect-payments");
        await Assertions.Expect(page.Locator("#payment-status")).ToHaveTextAsync("connected");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ConsoleServer.ArtifactsDir, "account.png"), FullPage = true });

        using var api = server.OperatorApi();
        var partner = await ConsoleServer.ReadAsync<JsonElement>(await api.GetAsync($"/v1/partners/{partnerId}"));
        Assert.Equal("connected", partner.GetProperty("paymentConnection").GetProperty("status").GetString());
    }

    [Fact]
    [Trait("rule", "OFF-3")]
    public async Task PartnerUser_AddsCustomer_OrgIdCheckedLikeApi()
    {
        var (page, _, _) = await SignedInPartnerUserAsync("Tailspin", "app.view");

        await page.GotoAsync("/console/customers");
        await page.FillAsync("#customer-name", "Globex");
        await page.FillAsync("#customer-org", "001000000000001");
        await page.FillAsync("#customer-email", "buyer@globex.test");
        await page.ClickAsync("button:has-text('Add customer')");
        await Assertions.Expect(page.Locator(".error[data-field=orgId]")).ToContainTextAsync("'00D'");

        await page.FillAsync("#customer-org", "00D000000000001");
        await page.ClickAsync("button:has-text('Add customer')");
        await Assertions.Expect(page.Locator("#customers")).ToContainTextAsync("Globex");
        await Assertions.Expect(page.Locator("#customers")).ToContainTextAsync("00D000000000001EAA");
    }
}
