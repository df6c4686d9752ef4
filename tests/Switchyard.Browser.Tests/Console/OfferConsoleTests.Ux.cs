using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Switchyard.Browser.Tests.Infrastructure;

namespace Switchyard.Browser.Tests.Console;

/// <summary>The console in the user's words and hands (UX rules), walked per role; screenshots of the main pages refresh docs/screenshots when asked (SWITCHYARD_SCREENSHOTS=docs).</summary>
public sealed partial class OfferConsoleTests
{
    // Rule ids have one to three digits ("OFF-14"); a short reference ("OFF-183618") has six and is meant to be read.
    private static readonly Regex RuleId = new(@"\b[A-Z]{3}-\d{1,3}\b", RegexOptions.CultureInvariant);
    private static readonly Regex CodeSpelling = new(@"\b[a-z]+(?:[A-Z][a-z0-9]*)+\b", RegexOptions.CultureInvariant);
    private static readonly Regex RawInstant = new(@"\d{2}:\d{2}:\d{2}\.\d+|\d{4}-\d{2}-\d{2}T\d{2}:\d{2}", RegexOptions.CultureInvariant);

    /// <summary>
    /// Where a page's picture goes: the test artifacts by default, docs/screenshots in the repository (found from the
    /// test binary) when SWITCHYARD_SCREENSHOTS=docs — a plain test run then leaves the working tree untouched, and a
    /// refresh of the documentation's pictures is one command.
    /// </summary>
    private static string Screenshot(string name)
    {
        var dir = Environment.GetEnvironmentVariable("SWITCHYARD_SCREENSHOTS") == "docs" ? AppContext.BaseDirectory : null;
        while (dir is not null && !File.Exists(Path.Combine(dir, "Switchyard.slnx")))
        {
            dir = Path.GetDirectoryName(dir);
        }
        var target = dir is null ? ConsoleServer.ArtifactsDir : Path.Combine(dir, "docs", "screenshots");
        Directory.CreateDirectory(target);
        return Path.Combine(target, name + ".png");
    }

    private static async Task ShootAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshot(name), FullPage = true });

    private static async Task<string> DraftViaApiAsync(Seller seller, DateOnly start, DateOnly validUntil, params (int Quantity, decimal Price)[] lines)
    {
        var offer = await ConsoleServer.ReadAsync<JsonElement>(await seller.Partner.PostAsJsonAsync("/v1/offers", new
        {
            customerId = seller.CustomerId,
            termSet = "net30UpfrontAnnual",
            contractTermMonths = 12,
            serviceStartDate = Iso(start),
            validUntil = Iso(validUntil),
            terms = "Standard terms",
            recipientEmail = seller.BillingEmail,
            currency = "USD",
        }));
        var id = offer.GetProperty("id").GetString()!;
        foreach (var (quantity, price) in lines)
        {
            await ConsoleServer.ReadAsync<JsonElement>(await seller.Partner.PostAsJsonAsync($"/v1/offers/{id}/items",
                new { productId = seller.ProductId, quantity, unitPriceMonthly = price }));
        }
        return id;
    }

    [Fact]
    [Trait("rule", "UX-1")]
    public async Task TypedAmounts_WithDecimalComma_AreRefusedWithTheAcceptedForm_ShownAmountsAreGrouped()
    {
        var seller = await SellerAsync("Adatum");
        var today = await TodayAsync();
        var id = await DraftViaApiAsync(seller, today.AddDays(20), today.AddDays(10));
        var partner = await PartnerPageAsync(seller);
        await partner.GotoAsync($"/console/offers/{id}");

        await partner.SelectOptionAsync("#item-product", seller.ProductId);
        await partner.FillAsync("#item-quantity", "100");
        await partner.FillAsync("#item-price", "60,50");
        await partner.ClickAsync("#add-item");
        var priceError = partner.Locator("#items .error[data-field=unitPriceMonthly]");
        await Assertions.Expect(priceError).ToContainTextAsync("60.50");
        await Assertions.Expect(partner.Locator("#item-table")).ToContainTextAsync("No items yet");
        // The typed text is kept, so the user sees what was refused.
        Assert.Equal("60,50", await partner.InputValueAsync("#item-price"));

        await partner.FillAsync("#item-price", "1.234,5");
        await partner.ClickAsync("#add-item");
        await Assertions.Expect(priceError).ToContainTextAsync("1234.50");
        await Assertions.Expect(partner.Locator("#item-table")).ToContainTextAsync("No items yet");

        // Unambiguous: a dot for decimals, commas only as thousands groups.
        await partner.FillAsync("#item-price", "1,234.50");
        await partner.FillAsync("#item-quantity", "10");
        await partner.ClickAsync("#add-item");
        await Assertions.Expect(partner.Locator("#subtotal")).ToHaveTextAsync("148,140.00 USD");
        await Assertions.Expect(partner.Locator("#item-table .line-total")).ToHaveTextAsync("148,140.00 USD");
        var read = await ConsoleServer.ReadAsync<JsonElement>(await seller.Partner.GetAsync($"/v1/offers/{id}"));
        Assert.Equal(1234.50m, read.GetProperty("items")[0].GetProperty("unitPriceMonthly").GetDecimal());
    }

    [Fact]
    [Trait("rule", "UX-5")]
    [Trait("rule", "UX-3")]
    [Trait("rule", "UX-7")]
    public async Task OfferEditor_KeepsUnsavedEdits_SavesAllLinesOrNone_AsksBeforeSending_HistoryReadsAsEvents()
    {
        var seller = await SellerAsync("Tailspin");
        var today = await TodayAsync();
        var id = await DraftViaApiAsync(seller, today.AddDays(20), today.AddDays(10), (3, 20m), (4, 30m));
        var partner = await PartnerPageAsync(seller);
        await partner.GotoAsync($"/console/offers/{id}");

        // UX-7: the simulated clock is shown on every page.
        await Assertions.Expect(partner.Locator("#manual-clock")).ToContainTextAsync("Simulated clock");

        // UX-5: an unsaved header edit is kept (and saved) when "Add item" is pressed.
        await partner.FillAsync("#terms", "Terms typed before adding an item");
        await partner.SelectOptionAsync("#item-product", seller.ProductId);
        await partner.FillAsync("#item-quantity", "1");
        await partner.FillAsync("#item-price", "5");
        await partner.ClickAsync("#add-item");
        await partner.WaitForURLAsync("**done=itemAdded*");
        Assert.Equal("Terms typed before adding an item", await partner.InputValueAsync("#terms"));
        await Assertions.Expect(partner.Locator("#item-table tbody tr")).ToHaveCountAsync(3);

        // UX-5: "Update items" saves every line in one go: a problem on one line saves none of them.
        var quantities = partner.Locator("#item-table input.qty");
        var prices = partner.Locator("#item-table input.price");
        await quantities.Nth(0).FillAsync("9");
        await prices.Nth(1).FillAsync("12,5");
        await partner.ClickAsync("#save-items");
        await Assertions.Expect(partner.Locator("#item-table .error[data-field=unitPriceMonthly]")).ToContainTextAsync("12.50");
        Assert.Equal("9", await quantities.Nth(0).InputValueAsync());
        var read = await ConsoleServer.ReadAsync<JsonElement>(await seller.Partner.GetAsync($"/v1/offers/{id}"));
        Assert.Equal(3, read.GetProperty("items")[0].GetProperty("quantity").GetInt32());
        await prices.Nth(1).FillAsync("12.50");
        await partner.ClickAsync("#save-items");
        await partner.WaitForURLAsync("**done=itemsSaved*");
        read = await ConsoleServer.ReadAsync<JsonElement>(await seller.Partner.GetAsync($"/v1/offers/{id}"));
        Assert.Equal(9, read.GetProperty("items")[0].GetProperty("quantity").GetInt32());
        Assert.Equal(12.50m, read.GetProperty("items")[1].GetProperty("unitPriceMonthly").GetDecimal());

        // UX-5: removing an item and sending ask first, saying what happens.
        await partner.Locator("#item-table summary:has-text('Remove')").First.ClickAsync();
        await Assertions.Expect(partner.Locator("#item-table .confirm-box").First).ToContainTextAsync("Remove Insights Team from the offer?");
        await partner.ClickAsync("#send-offer-ask");
        await Assertions.Expect(partner.Locator("#send .confirm-box")).ToContainTextAsync(seller.BillingEmail);
        await Assertions.Expect(partner.Locator("#send .confirm-box")).ToContainTextAsync("can no longer be changed");
        await ShootAsync(partner, "offer-editor");

        // UX-3: the history reads as events: parts as lines, money as money, no field names or ids.
        var history = partner.Locator("#history");
        await Assertions.Expect(history).ToContainTextAsync("added an item");
        await Assertions.Expect(history).ToContainTextAsync("Added offer item Insights Team");
        await Assertions.Expect(history).ToContainTextAsync("Changed offer item Insights Team");
        await Assertions.Expect(history).ToContainTextAsync("Unit price / month: 30.00 USD → 12.50 USD");
        var text = await history.InnerTextAsync();
        Assert.DoesNotContain("Minor", text, StringComparison.Ordinal);
        Assert.DoesNotContain("oit_", text, StringComparison.Ordinal);
        // The history fits its card: nothing scrolls sideways.
        var overflows = await partner.EvaluateAsync<bool>("() => { const c = document.querySelector('#history'); return c.scrollWidth > c.clientWidth + 1; }");
        Assert.False(overflows, "The history is wider than its card.");
    }

    [Fact]
    [Trait("rule", "UX-2")]
    public async Task NewOfferForm_SubmittedEmpty_ReportsEveryProblemAtOnce_InTheFormsLabels()
    {
        var seller = await SellerAsync("Contoso");
        var partner = await PartnerPageAsync(seller);
        await partner.GotoAsync("/console/offers/new");
        await partner.FillAsync("#serviceStartDate", "");
        await partner.FillAsync("#validUntil", "");
        await partner.ClickAsync("#create-offer");
        await Assertions.Expect(partner.Locator(".error[data-field=customerId]")).ToContainTextAsync("Customer is required");
        await Assertions.Expect(partner.Locator(".error[data-field=serviceStartDate]")).ToContainTextAsync("Service start date is required");
        await Assertions.Expect(partner.Locator(".error[data-field=recipientEmail]")).ToBeVisibleAsync();
        var body = await partner.InnerTextAsync("main");
        Assert.DoesNotContain("'customerId'", body, StringComparison.Ordinal);
        Assert.DoesNotMatch(CodeSpelling, body);
    }

    [Fact]
    [Trait("rule", "UX-2")]
    [Trait("rule", "UX-7")]
    public async Task EveryPage_PerRole_HasNoRuleIds_CodeSpellings_OrRawTimestamps()
    {
        var seller = await SellerAsync("Fourth Coffee");
        var today = await TodayAsync();
        var sentId = await SentOfferViaApiAsync(seller, today.AddDays(30), today.AddDays(10));
        var draftId = await DraftViaApiAsync(seller, today.AddDays(30), today.AddDays(10), (2, 15030m));

        var customer = await CustomerPageAsync(seller);
        await customer.GotoAsync($"/console/customer/offers/{sentId}");
        await customer.ClickAsync("#accept");
        await customer.ClickAsync("#confirm-accept-button");
        await Assertions.Expect(customer.Locator("#accepted")).ToContainTextAsync("ord_");
        var orderId = (await ConsoleServer.ReadAsync<JsonElement>(await seller.Partner.GetAsync($"/v1/offers/{sentId}"))).GetProperty("orderId").GetString()!;

        var partner = await PartnerPageAsync(seller);
        var op = await server.NewPageAsync();
        await ConsoleServer.SignInAsync(op, ConsoleServer.OperatorEmail, ConsoleServer.OperatorPassword);
        await op.WaitForURLAsync(url => !url.Contains("/sign-in", StringComparison.Ordinal));

        var visits = new List<(IPage Page, string Path, string? Shot)>
        {
            (op, "/console/home", "operator-home"),
            (op, "/console/offers", null),
            (op, $"/console/offers/{sentId}", null),
            (op, "/console/orders", null),
            (op, $"/console/orders/{orderId}", null),
            (op, "/console/partners", "operator-partners"),
            (op, $"/console/partners/{seller.PartnerId}", "operator-partner-detail"),
            (op, "/console/customer-orgs", null),
            (op, $"/console/customer-orgs/{seller.OrgId}", "operator-customer-org"),
            (op, "/console/errors", null),
            (op, "/console/clock", null),
            (partner, "/console/account", "partner-account"),
            (partner, "/console/products", null),
            (partner, $"/console/products/{seller.ProductId}", "partner-product"),
            (partner, "/console/customers", null),
            (partner, "/console/offers", "partner-offers"),
            (partner, "/console/offers/new", null),
            (partner, $"/console/offers/{draftId}", null),
            (partner, $"/console/offers/{sentId}", "partner-offer-accepted"),
            (partner, "/console/orders", "partner-orders"),
            (partner, $"/console/orders/{orderId}", "partner-order"),
            (customer, "/console/customer/offers", "customer-offers"),
            (customer, $"/console/customer/offers/{sentId}", null),
            (customer, "/console/customer/settings", null),
        };
        var problems = new List<string>();
        foreach (var (page, path, shot) in visits)
        {
            var response = await page.GotoAsync(path);
            var text = await page.InnerTextAsync("body");
            if (response is null || response.Status >= 400)
            {
                problems.Add($"{path}: status {response?.Status}");
            }
            foreach (var (name, regex) in new[] { ("rule id", RuleId), ("code spelling", CodeSpelling), ("raw timestamp", RawInstant) })
            {
                foreach (Match m in regex.Matches(text))
                {
                    problems.Add($"{path}: {name} '{m.Value}'");
                }
            }
            if (!text.Contains("Simulated clock", StringComparison.Ordinal))
            {
                problems.Add($"{path}: no simulated-clock banner");
            }
            if (shot is not null)
            {
                await ShootAsync(page, shot);
            }
        }
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));

        // The numbers read as money: 2 × 15,030.00 × 12 months.
        await partner.GotoAsync($"/console/offers/{draftId}");
        await Assertions.Expect(partner.Locator("#subtotal")).ToHaveTextAsync("360,720.00 USD");
        // UX-6: the customer's header names its org, not its id.
        await Assertions.Expect(customer.Locator("header .who")).Not.ToContainTextAsync(seller.OrgId);
    }

    [Fact]
    [Trait("rule", "UX-4")]
    [Trait("rule", "SEC-5")]
    public async Task OfferList_ExportsCsv_WithSpreadsheetFormulasNeutralised()
    {
        var seller = await SellerAsync("Humongous");
        var today = await TodayAsync();
        var orgId = "00D" + Interlocked.Increment(ref _orgCounter).ToString("D12", System.Globalization.CultureInfo.InvariantCulture);
        var formula = await ConsoleServer.ReadAsync<JsonElement>(await seller.Partner.PostAsJsonAsync("/v1/customers",
            new { name = "=HYPERLINK(\"http://evil.test\")", orgId, contactEmail = "x@evil.test" }));
        await ConsoleServer.ReadAsync<JsonElement>(await seller.Partner.PostAsJsonAsync("/v1/offers", new
        {
            customerId = formula.GetProperty("id").GetString(),
            termSet = "net30UpfrontAnnual",
            contractTermMonths = 12,
            serviceStartDate = Iso(today.AddDays(20)),
            validUntil = Iso(today.AddDays(10)),
            terms = "Standard terms",
            recipientEmail = "x@evil.test",
            partnerPo = "+1-555",
            currency = "USD",
        }));
        var partner = await PartnerPageAsync(seller);
        await partner.GotoAsync("/console/offers");
        await Assertions.Expect(partner.Locator("#export-csv")).ToBeVisibleAsync();
        var response = await partner.APIRequest.GetAsync("/console/offers.csv");
        Assert.Equal(200, response.Status);
        var csv = await response.TextAsync();
        Assert.Contains("\"Reference\",\"Offer id\",\"Title\",\"Customer\",\"Partner\",\"Status\"", csv, StringComparison.Ordinal);
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil.test\"\")\"", csv, StringComparison.Ordinal);
        Assert.Contains("\"'+1-555\"", csv, StringComparison.Ordinal);
        Assert.DoesNotContain(",\"=", csv, StringComparison.Ordinal);
    }
}
