using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Switchyard.Browser.Tests.Infrastructure;

namespace Switchyard.Browser.Tests.Legacy;

/// <summary>
/// A book moved from the legacy channel in the console: a file with a bad row is checked, fixed and imported, the
/// plan shows the customer, a migration at renewal is started and followed on the board as the clock moves.
/// The collection's clock is shared, so every date is computed from its current day.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class LegacyConsoleTests(ConsoleServer server)
{
    private const string Password = "a long enough password";
    private const string Header = "external_id,customer_org_id,customer_name,app,type,quantity,unit_price,currency,contract_start,contract_end,status,received_at";

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Shot(string name) => Path.Combine(ConsoleServer.ArtifactsDir, name + ".png");

    private async Task<DateOnly> TodayAsync()
    {
        using var api = server.OperatorApi();
        var clock = await ConsoleServer.ReadAsync<JsonElement>(await api.GetAsync("/v1/operator/clock"));
        return DateOnly.ParseExact(clock.GetProperty("today").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    private async Task MoveClockAsync(DateOnly day)
    {
        using var api = server.OperatorApi();
        var now = new DateTimeOffset(day.ToDateTime(new TimeOnly(1, 0)), TimeSpan.Zero);
        await ConsoleServer.ReadAsync<JsonElement>(await api.PostAsJsonAsync("/v1/operator/clock", new { now }));
    }

    [Fact]
    [Trait("rule", "LEG-2")]
    [Trait("rule", "MIG-6")]
    [Trait("rule", "MIG-8")]
    [Trait("rule", "MIG-9")]
    [Trait("rule", "TIM-2")]
    public async Task ImportWithABadRow_Fix_Import_Plan_StartAtRenewal_MoveClock_Completes()
    {
        // An approved partner with a contracted app and a product, a platform customer and its billing user.
        const string name = "Northwind Legacy";
        using var api = server.OperatorApi();
        var partnerId = (await ConsoleServer.ReadAsync<JsonElement>(await api.PostAsJsonAsync("/v1/partners", new { name }))).GetProperty("id").GetString()!;
        await ConsoleServer.ReadAsync<JsonElement>(await api.PostAsync($"/v1/partners/{partnerId}/approve", null));
        var entry = (await ConsoleServer.ReadAsync<JsonElement>(await api.PostAsJsonAsync($"/v1/partners/{partnerId}/catalog-entries",
            new { name = "Northwind Insights", contracted = true }))).GetProperty("id").GetString()!;
        var key = await ConsoleServer.ReadAsync<JsonElement>(await api.PostAsJsonAsync($"/v1/partners/{partnerId}/api-keys",
            new { permissions = new[] { "app.view", "offers.manage" } }));
        using var partnerApi = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        partnerApi.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key.GetProperty("key").GetString());
        await ConsoleServer.ReadAsync<JsonElement>(await partnerApi.PostAsync("/v1/account/payment-connection", null));
        var productId = (await ConsoleServer.ReadAsync<JsonElement>(await partnerApi.PostAsJsonAsync("/v1/products",
            new { name = "Northwind Insights Team", catalogEntryId = entry }))).GetProperty("id").GetString()!;
        await ConsoleServer.ReadAsync<JsonElement>(await partnerApi.PostAsJsonAsync($"/v1/products/{productId}/licenses",
            new { kind = "packageLicense", externalId = "050000000000001" }));
        const string orgId = "00D000000000NWL";
        const string billing = "billing@northwind-legacy.test";
        var customerId = (await ConsoleServer.ReadAsync<JsonElement>(await partnerApi.PostAsJsonAsync("/v1/customers",
            new { name = "Contoso Pharma", orgId, contactEmail = billing }))).GetProperty("id").GetString()!;
        await ConsoleServer.ReadAsync<JsonElement>(await api.PostAsJsonAsync($"/v1/customer-orgs/{orgId}/users", new { email = billing, manageBilling = true }));

        var today = await TodayAsync();
        var contractEnd = today.AddDays(30);
        string Row(string ext, string qty) =>
            $"{ext},{orgId},Contoso Pharma,Northwind Insights,New,{qty},25.00,USD,{Iso(contractEnd.AddDays(-364))},{Iso(contractEnd)},Activated,2019-05-01T09:30:00Z";
        var file = Path.Combine(Path.GetTempPath(), "legacy-book-" + Guid.NewGuid().ToString("N") + ".csv");

        // The partner signs in through an invitation.
        var invitation = await ConsoleServer.ReadAsync<JsonElement>(await api.PostAsJsonAsync($"/v1/partners/{partnerId}/users",
            new { email = $"{partnerId}@partner.test", permissions = new[] { "app.view", "offers.manage" } }));
        var page = await server.NewPageAsync();
        await page.GotoAsync(new Uri(invitation.GetProperty("invitationUrl").GetString()!).PathAndQuery);
        await page.FillAsync("#password", Password);
        await page.FillAsync("#confirm", Password);
        await page.ClickAsync("button[type=submit]:has-text('Set password')");
        await page.WaitForURLAsync("**/console/overview");

        // A file with one bad row: checked, nothing written, the row named with its line, column and reason.
        await File.WriteAllTextAsync(file, Header + "\n" + Row("NW-1", "10") + "\n" + Row("NW-2", "ten") + "\n");
        await page.GotoAsync("/console/legacy/import");
        await page.SetInputFilesAsync("#file", file);
        await page.ClickAsync("#check-file");
        var errors = page.Locator("#import-errors");
        await Assertions.Expect(errors).ToContainTextAsync("quantity");
        await Assertions.Expect(errors.Locator("tbody tr td").First).ToHaveTextAsync("3");
        await page.ScreenshotAsync(new() { Path = Shot("legacy-import-errors"), FullPage = true });

        // Fixed: the check counts what will happen, then the import writes it.
        await File.WriteAllTextAsync(file, Header + "\n" + Row("NW-1", "10") + "\n" + Row("NW-2", "12").Replace("Northwind Insights,New", "Northwind Insights,Add-On", StringComparison.Ordinal) + "\n");
        await page.SetInputFilesAsync("#file", file);
        await page.ClickAsync("#check-file");
        await Assertions.Expect(page.Locator("#created")).ToHaveTextAsync("2");
        await page.ScreenshotAsync(new() { Path = Shot("legacy-import-check"), FullPage = true });
        await page.ClickAsync("#import");
        await Assertions.Expect(page.Locator("#import-done")).ToContainTextAsync("2 new");

        await page.ClickAsync("#see-orders");
        await Assertions.Expect(page.Locator("#legacy-orders")).ToContainTextAsync("NW-2");
        await Assertions.Expect(page.Locator("#legacy-orders")).ToContainTextAsync("2019-05-01 09:30 UTC");
        await page.ScreenshotAsync(new() { Path = Shot("legacy-orders"), FullPage = true });

        // The plan: the customer can move at renewal; start it (after confirming).
        await page.ClickAsync("#open-plan");
        await Assertions.Expect(page.Locator("#plan")).ToContainTextAsync("Contoso Pharma");
        await Assertions.Expect(page.Locator("#plan")).ToContainTextAsync(Iso(contractEnd.AddDays(-7)));
        await page.ScreenshotAsync(new() { Path = Shot("migration-plan"), FullPage = true });
        await page.ClickAsync($"[id^='start-atRenewal-{orgId}'][id$='-ask']");
        await page.ClickAsync($"[id^='start-atRenewal-{orgId}']:not([id$='-ask'])");
        await Assertions.Expect(page.Locator("#migration-started")).ToContainTextAsync("Contoso Pharma");

        await page.GotoAsync("/console/migrations");
        await Assertions.Expect(page.Locator("[data-lane='Planned']")).ToContainTextAsync("Contoso Pharma");
        await page.ScreenshotAsync(new() { Path = Shot("migrations-board"), FullPage = true });

        // Cancel-by day: the legacy cancellation is submitted; a day later the legacy channel activates it.
        await MoveClockAsync(contractEnd.AddDays(-7));
        await MoveClockAsync(contractEnd.AddDays(-6));
        // The platform offer, starting the day after the legacy contract ends, sent and accepted.
        var offer = await ConsoleServer.ReadAsync<JsonElement>(await partnerApi.PostAsJsonAsync("/v1/offers", new
        {
            customerId,
            termSet = "net30UpfrontAnnual",
            contractTermMonths = 12,
            serviceStartDate = Iso(contractEnd.AddDays(1)),
            validUntil = Iso(contractEnd.AddDays(-2)),
            terms = "Standard terms",
            recipientEmail = billing,
            currency = "USD",
        }));
        var offerId = offer.GetProperty("id").GetString()!;
        await ConsoleServer.ReadAsync<JsonElement>(await partnerApi.PostAsJsonAsync($"/v1/offers/{offerId}/items", new { productId, quantity = 10, unitPriceMonthly = 20m }));
        await ConsoleServer.ReadAsync<JsonElement>(await partnerApi.PostAsync($"/v1/offers/{offerId}/send", null));
        await MoveClockAsync(contractEnd.AddDays(-5));
        var customerKey = await ConsoleServer.ReadAsync<JsonElement>(await api.PostAsJsonAsync($"/v1/customer-orgs/{orgId}/api-keys", new { email = billing }));
        using var customerApi = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        customerApi.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", customerKey.GetProperty("key").GetString());
        await ConsoleServer.ReadAsync<JsonElement>(await customerApi.PostAsync($"/v1/customer/offers/{offerId}/accept", null));
        await MoveClockAsync(contractEnd.AddDays(-4));

        await ConsoleServer.SignInAsync(page, $"{partnerId}@partner.test", Password);
        await page.GotoAsync("/console/migrations");
        await Assertions.Expect(page.Locator("[data-lane='Offer accepted']")).ToContainTextAsync("Contoso Pharma");

        // The renewal cutover: the platform takes over the day after the legacy contract ends.
        await MoveClockAsync(contractEnd.AddDays(1));
        await ConsoleServer.SignInAsync(page, $"{partnerId}@partner.test", Password);
        await page.GotoAsync("/console/migrations");
        await Assertions.Expect(page.Locator("[data-lane='Completed']")).ToContainTextAsync("Contoso Pharma");
        await page.ScreenshotAsync(new() { Path = Shot("migrations-board-completed"), FullPage = true });
    }
}
