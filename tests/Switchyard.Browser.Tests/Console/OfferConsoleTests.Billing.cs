using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Switchyard.Browser.Tests.Infrastructure;
using Switchyard.Data;

namespace Switchyard.Browser.Tests.Console;

/// <summary>
/// Billing in the console: an order activates, its invoice appears for the partner and the customer, the operator
/// records a payment (after a refused overpayment), and the payout follows once the clock moves.
/// </summary>
public sealed partial class OfferConsoleTests
{
    [Fact]
    [Trait("rule", "BIL-1")]
    [Trait("rule", "BIL-2")]
    [Trait("rule", "BIL-3")]
    [Trait("rule", "BIL-4")]
    [Trait("rule", "SEC-5")]
    public async Task OrderActivates_InvoiceShownToPartnerAndCustomer_OperatorRecordsPayment_PayoutFollows()
    {
        var seller = await SellerAsync("Fabrikam");
        var today = await TodayAsync();
        var start = today.AddDays(3);
        var offerId = await SentOfferViaApiAsync(seller, start, today.AddDays(2));

        var customer = await CustomerPageAsync(seller);
        await customer.GotoAsync($"/console/customer/offers/{offerId}");
        await customer.ClickAsync("#accept");
        await customer.ClickAsync("#confirm-accept-button");
        await Assertions.Expect(customer.Locator("#accepted")).ToContainTextAsync("ord_");

        // On the start date the order activates and is invoiced: 3 × 20.00 USD × 12 months, no tax configured.
        await MoveClockAsync(start);

        // The partner finds the invoice by number or customer, exports it, opens it, prints it and downloads the PDF.
        var partner = await PartnerPageAsync(seller);
        await partner.GotoAsync("/console/invoices");
        var list = partner.Locator("#invoices");
        await Assertions.Expect(list).ToContainTextAsync("INV-000001");
        await Assertions.Expect(list).ToContainTextAsync("720.00 USD");
        await partner.FillAsync("#q", "Globex");
        await partner.ClickAsync("form[role=search] button[type=submit]");
        await Assertions.Expect(list).ToContainTextAsync("INV-000001");
        await partner.FillAsync("#q", "nobody by this name");
        await partner.ClickAsync("form[role=search] button[type=submit]");
        await Assertions.Expect(list).ToContainTextAsync("No invoice matches");
        await partner.GotoAsync("/console/invoices");
        await Shot(partner, "billing-partner-invoices.png");
        var csv = await partner.Context.APIRequest.GetAsync("/console/invoices.csv");
        Assert.Equal(200, csv.Status);
        var csvText = await csv.TextAsync();
        Assert.Contains("\"INV-000001\"", csvText, StringComparison.Ordinal);
        Assert.Contains("\"720.00\"", csvText, StringComparison.Ordinal);

        await list.Locator("a:has-text('INV-000001')").ClickAsync();
        await partner.WaitForURLAsync("**/console/invoices/ivc_*");
        var invoicePath = new Uri(partner.Url).AbsolutePath;
        await Assertions.Expect(partner.Locator("#invoice-status")).ToHaveTextAsync("open");
        await Assertions.Expect(partner.Locator("#invoice-lines")).ToContainTextAsync(ProductName);
        await Assertions.Expect(partner.Locator("#invoice-total")).ToHaveTextAsync("720.00 USD");
        await Assertions.Expect(partner.Locator("#invoice-due")).ToHaveTextAsync("720.00 USD");
        Assert.Equal(0, await partner.Locator("#record-payment").CountAsync());
        await Shot(partner, "billing-partner-invoice.png");
        var pdf = await partner.Context.APIRequest.GetAsync((await partner.GetAttributeAsync("#download-pdf", "href"))!);
        Assert.Equal(200, pdf.Status);
        Assert.Equal("application/pdf", pdf.Headers["content-type"]);
        await File.WriteAllBytesAsync(Path.Combine(ConsoleServer.ArtifactsDir, "billing-invoice.pdf"), await pdf.BodyAsync());
        await partner.ClickAsync("#print-view");
        await Assertions.Expect(partner.Locator("#invoice-document")).ToContainTextAsync("Globex for Fabrikam");
        await partner.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        await Shot(partner, "billing-invoice-print.png");
        await partner.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Screen });

        // The customer sees it in the portal (a new sign-in: days have passed on the server's clock).
        await ConsoleServer.SignInAsync(customer, seller.BillingEmail, Password);
        await customer.GotoAsync("/console/customer/invoices");
        await Assertions.Expect(customer.Locator("#invoices")).ToContainTextAsync("INV-000001");
        await Assertions.Expect(customer.Locator("#invoices")).ToContainTextAsync("Fabrikam");
        await Shot(customer, "billing-portal-invoices.png");
        await customer.Locator("#invoices a:has-text('INV-000001')").ClickAsync();
        await Assertions.Expect(customer.Locator("#invoice-when")).ToContainTextAsync("720.00 USD is due on");
        await Shot(customer, "billing-portal-invoice.png");
        var customerPdf = await customer.Context.APIRequest.GetAsync((await customer.GetAttributeAsync("#download-pdf", "href"))!);
        Assert.Equal("application/pdf", customerPdf.Headers["content-type"]);

        // The operator records the payment: more than owed is refused with the amount owed, then the exact amount pays it.
        var operatorPage = await server.NewPageAsync();
        await ConsoleServer.SignInAsync(operatorPage, ConsoleServer.OperatorEmail, ConsoleServer.OperatorPassword);
        await operatorPage.WaitForURLAsync("**/console/home");
        await operatorPage.GotoAsync("/console/finance");
        await Shot(operatorPage, "billing-operator-finance.png");
        await operatorPage.GotoAsync(invoicePath);
        await operatorPage.FillAsync("#payment-amount", "800");
        await operatorPage.ClickAsync("#record-payment-confirm-ask");
        await operatorPage.ClickAsync("#record-payment-confirm");
        await Assertions.Expect(operatorPage.Locator(".error[data-field=amount]")).ToContainTextAsync("more than the 720.00 USD still owed");
        await Assertions.Expect(operatorPage.Locator("#invoice-status")).ToHaveTextAsync("open");
        await Shot(operatorPage, "billing-operator-overpayment.png");
        await operatorPage.FillAsync("#payment-amount", "720.00");
        await operatorPage.FillAsync("#payment-reference", "Wire 2027-001");
        await operatorPage.ClickAsync("#record-payment-confirm-ask");
        await operatorPage.ClickAsync("#record-payment-confirm");
        await Assertions.Expect(operatorPage.Locator("#done")).ToHaveTextAsync("Payment recorded.");
        await Assertions.Expect(operatorPage.Locator("#invoice-status")).ToHaveTextAsync("paid");
        await Assertions.Expect(operatorPage.Locator("#invoice-payments")).ToContainTextAsync("Wire 2027-001");
        await Shot(operatorPage, "billing-operator-paid.png");
        await operatorPage.GotoAsync("/console/finance");
        await Assertions.Expect(operatorPage.Locator("#payouts-due")).ToContainTextAsync("Fabrikam");

        // The next day the payment is paid out; the partner's payout lists the invoice it covers.
        await MoveClockAsync(start.AddDays(1));
        await ConsoleServer.SignInAsync(partner, $"{seller.PartnerId}@partner.test", Password);
        await partner.GotoAsync("/console/payouts");
        var payouts = partner.Locator("#payouts");
        await Assertions.Expect(payouts).ToContainTextAsync("INV-000001");
        await Assertions.Expect(payouts).ToContainTextAsync("720.00 USD");
        await Assertions.Expect(partner.Locator("#pending-USD")).ToHaveTextAsync("0.00 USD");
        await Shot(partner, "billing-partner-payouts.png");
        using var api = server.OperatorApi();
        var all = await ConsoleServer.ReadAsync<JsonElement>(await api.GetAsync($"/v1/operator/payouts?partnerId={seller.PartnerId}"));
        Assert.Equal(1, all.GetProperty("data").GetArrayLength());

        // SEC-5: the console's CSV keeps a hostile customer name as text, never a formula.
        await using (var scope = server.App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SwitchyardDb>();
            db.Scope.ForSystem("test");
            await db.Database.ExecuteSqlRawAsync("UPDATE invoices SET \"CustomerName\" = {0} WHERE \"PartnerId\" = {1}", "=HYPERLINK(\"http://evil\")", seller.PartnerId);
        }
        var hostile = await (await partner.Context.APIRequest.GetAsync("/console/invoices.csv")).TextAsync();
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil\"\")\"", hostile, StringComparison.Ordinal);
        Assert.DoesNotContain(",\"=HYPERLINK", hostile, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("rule", "BIL-1")]
    [Trait("rule", "UX-5")]
    public async Task CustomerSetsItsBillingCountry_ANameIsRefusedWithTheFix_TheCodeIsSaved()
    {
        var seller = await SellerAsync("Adventure Works");
        var customer = await CustomerPageAsync(seller);
        await customer.GotoAsync("/console/customer/settings");

        // A country name instead of its code: refused with what to type, and what was typed is still there.
        await customer.FillAsync("#billing-country", "Germany");
        await customer.ClickAsync("#save-settings");
        await Assertions.Expect(customer.Locator(".error[data-field=billingCountry]")).ToContainTextAsync("two-letter code");
        await Assertions.Expect(customer.Locator("#billing-country")).ToHaveValueAsync("Germany");
        await ShootAsync(customer, "customer-settings-error");

        await customer.FillAsync("#billing-country", "de");
        await customer.ClickAsync("#save-settings");
        await Assertions.Expect(customer.Locator(".alert.ok[role=status]")).ToContainTextAsync("Settings saved");
        await Assertions.Expect(customer.Locator("#billing-country")).ToHaveValueAsync("DE");
        await ShootAsync(customer, "customer-settings");
    }

    private static async Task Shot(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ConsoleServer.ArtifactsDir, name), FullPage = true });
}
