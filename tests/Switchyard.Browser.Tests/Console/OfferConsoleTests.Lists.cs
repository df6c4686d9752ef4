using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Switchyard.Browser.Tests.Infrastructure;

namespace Switchyard.Browser.Tests.Console;

/// <summary>UX-4: the lists people work from — search by what they know, sort, page, export as CSV (SEC-5) — on offers, orders and customers.</summary>
public sealed partial class OfferConsoleTests
{
    private async Task<string> CustomerAsync(Seller seller, string name)
    {
        var orgId = "00D" + Interlocked.Increment(ref _orgCounter).ToString("D12", CultureInfo.InvariantCulture);
        var customer = await ConsoleServer.ReadAsync<JsonElement>(await seller.Partner.PostAsJsonAsync("/v1/customers",
            new { name, orgId, contactEmail = $"buyer-{orgId}@customer.test" }));
        return customer.GetProperty("id").GetString()!;
    }

    /// <summary>The seller's customer accepts a sent offer through the API (the order waits for its start date).</summary>
    private async Task<string> AcceptedOrderAsync(Seller seller, string offerId)
    {
        using var api = server.OperatorApi();
        var key = await ConsoleServer.ReadAsync<JsonElement>(await api.PostAsJsonAsync($"/v1/customer-orgs/{seller.OrgId}/api-keys", new { email = seller.BillingEmail }));
        using var customer = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        customer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key.GetProperty("key").GetString());
        var accepted = await ConsoleServer.ReadAsync<JsonElement>(await customer.PostAsync($"/v1/customer/offers/{offerId}/accept", null));
        return accepted.GetProperty("orderId").GetString()!;
    }

    private static async Task<string> CsvOfAsync(IPage page)
    {
        var href = await page.GetAttributeAsync("#export-csv", "href");
        var response = await page.APIRequest.GetAsync(href!);
        Assert.Equal(200, response.Status);
        Assert.StartsWith("text/csv", response.Headers["content-type"], StringComparison.Ordinal);
        return await response.TextAsync();
    }

    private static async Task SearchAsync(IPage page, string text)
    {
        await page.FillAsync("#q", text);
        await page.ClickAsync("#search");
        // Waiting for the navigation to commit only: the assertions that follow retry until the list is there.
        await page.WaitForURLAsync(url => url.Contains("q=" + Uri.EscapeDataString(text), StringComparison.Ordinal),
            new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit, Timeout = 60_000 });
    }

    [Fact]
    [Trait("rule", "UX-4")]
    [Trait("rule", "SEC-5")]
    public async Task Lists_SearchByWhatPeopleKnow_Sort_Page_AndExportWhatIsShown()
    {
        var seller = await SellerAsync("Fourth Coffee");
        var today = await TodayAsync();
        for (var i = 0; i < 21; i++)
        {
            await DraftViaApiAsync(seller, today.AddDays(30), today.AddDays(20), (1, 10m + i));
        }
        var contosoId = await CustomerAsync(seller, "Contoso Pharma");
        await CustomerAsync(seller, "@SUM(1+1)");
        var big = await ConsoleServer.ReadAsync<JsonElement>(await seller.Partner.PostAsJsonAsync("/v1/offers", new
        {
            customerId = contosoId,
            termSet = "net30UpfrontAnnual",
            contractTermMonths = 12,
            serviceStartDate = Iso(today.AddDays(30)),
            validUntil = Iso(today.AddDays(20)),
            terms = "Standard terms",
            recipientEmail = "buyer@contoso.test",
            partnerPo = "PO-7781",
            currency = "USD",
        }));
        var bigId = big.GetProperty("id").GetString()!;
        await ConsoleServer.ReadAsync<JsonElement>(await seller.Partner.PostAsJsonAsync($"/v1/offers/{bigId}/items",
            new { productId = seller.ProductId, quantity = 2, unitPriceMonthly = 1234.5m }));
        var sentId = await SentOfferViaApiAsync(seller, today.AddDays(40), today.AddDays(30));
        var orderId = await AcceptedOrderAsync(seller, sentId);
        var partner = await PartnerPageAsync(seller);

        // Offers: 23 in all, 20 a page; each known by a reference and what it sells.
        await partner.GotoAsync("/console/offers");
        await Assertions.Expect(partner.Locator(".pager")).ToContainTextAsync("Page 1 of 2 · 23 in all");
        await Assertions.Expect(partner.Locator("#offers tbody tr")).ToHaveCountAsync(20);
        await partner.ClickAsync(".pager a[rel=next]");
        await Assertions.Expect(partner.Locator("#offers tbody tr")).ToHaveCountAsync(3);

        // Search by customer name (any case), by PO number and by reference.
        await SearchAsync(partner, "contoso");
        await Assertions.Expect(partner.Locator("#offers tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(partner.Locator("#offers tbody tr")).ToContainTextAsync(Reference(bigId));
        await Assertions.Expect(partner.Locator("#offers tbody tr")).ToContainTextAsync("29,628.00 USD");
        await ShootAsync(partner, "offers-search");
        var csv = await CsvOfAsync(partner);
        Assert.Equal(2, csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("\"Contoso Pharma\"", csv, StringComparison.Ordinal);
        Assert.Contains("\"29628.00\"", csv, StringComparison.Ordinal);
        await SearchAsync(partner, "po-7781");
        await Assertions.Expect(partner.Locator("#offers tbody tr")).ToHaveCountAsync(1);
        await SearchAsync(partner, Reference(sentId).ToLowerInvariant());
        await Assertions.Expect(partner.Locator("#offers tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(partner.Locator("#offers tbody tr")).ToContainTextAsync(Reference(sentId));

        // Sorting by subtotal, both ways; the CSV keeps the order shown.
        await Assertions.Expect(partner.Locator("#clear-search")).ToHaveAttributeAsync("href", "/console/offers");
        await partner.GotoAsync("/console/offers");
        await partner.ClickAsync("#offers th a:has-text('Subtotal')");
        await Assertions.Expect(partner.Locator("#offers tbody tr").First).ToContainTextAsync("120.00 USD");
        await partner.ClickAsync("#offers th a:has-text('Subtotal')");
        await Assertions.Expect(partner.Locator("#offers tbody tr").First).ToContainTextAsync("29,628.00 USD");
        csv = await CsvOfAsync(partner);
        Assert.Equal(24, csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains(Reference(bigId), csv.Split("\r\n")[1], StringComparison.Ordinal);

        // Orders: search by customer name and by the offer's reference; sorting; CSV.
        await partner.GotoAsync("/console/orders");
        await SearchAsync(partner, "globex");
        await Assertions.Expect(partner.Locator("#orders tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(partner.Locator("#orders tbody tr")).ToContainTextAsync(Reference(orderId));
        await Assertions.Expect(partner.Locator("#orders tbody tr")).ToContainTextAsync(ProductName);
        await SearchAsync(partner, "nobody-by-this-name");
        await Assertions.Expect(partner.Locator("#orders tbody tr")).ToContainTextAsync("No order matches");
        await SearchAsync(partner, Reference(sentId));
        await Assertions.Expect(partner.Locator("#orders tbody tr")).ToContainTextAsync(Reference(orderId));
        await partner.ClickAsync("#orders th a:has-text('Start')");
        await ShootAsync(partner, "orders-search");
        csv = await CsvOfAsync(partner);
        Assert.Contains(orderId, csv, StringComparison.Ordinal);
        Assert.Contains("\"720.00\"", csv, StringComparison.Ordinal);

        // Customers: search by name, sort by name, CSV with a formula-looking name neutralised.
        await partner.GotoAsync("/console/customers");
        await SearchAsync(partner, "PHARMA");
        await Assertions.Expect(partner.Locator("#customers tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(partner.Locator("#customers tbody tr")).ToContainTextAsync("Contoso Pharma");
        await Assertions.Expect(partner.Locator("#clear-search")).ToHaveAttributeAsync("href", "/console/customers");
        await partner.GotoAsync("/console/customers");
        await partner.ClickAsync("#customers th a:has-text('Name')");
        await Assertions.Expect(partner.Locator("#customers tbody tr").First).ToContainTextAsync("@SUM(1+1)");
        await ShootAsync(partner, "customers");
        csv = await CsvOfAsync(partner);
        Assert.Contains("\"'@SUM(1+1)\"", csv, StringComparison.Ordinal);
        Assert.DoesNotContain(",\"@", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("\"@", csv.Split("\r\n")[1], StringComparison.Ordinal);
    }
}
