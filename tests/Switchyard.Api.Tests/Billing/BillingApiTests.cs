using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Api.Tests.Infrastructure;
using Switchyard.Api.Tests.Offers;
using Switchyard.Server.Billing;
using Switchyard.Server.Clock;

namespace Switchyard.Api.Tests.Billing;

/// <summary>
/// BIL-1..4 over HTTP: an activated order is invoiced once on its start date; the operator records
/// payments, credit notes, voids and write-offs; payouts follow less the fee; bad input is refused with
/// nothing written; customers and other partners see only their own (SEC-1); CSV exports are safe (SEC-5).
/// </summary>
public class BillingApiTests(BillingApp app) : IClassFixture<BillingApp>
{
    /// <summary>An order activated and invoiced: offer sent for the day after tomorrow, clock moved there.</summary>
    private async Task<(OfferScenario S, string OrderId, JsonNode Invoice, DateOnly Start)> InvoicedAsync(int quantity = 10, decimal price = 10m)
    {
        var today = DateOnly.FromDateTime(app.Services.GetRequiredService<ManualTimeProvider>().GetUtcNow().UtcDateTime);
        var start = today.AddDays(2);
        var s = await OfferScenario.CreateAsync(app);
        var orderId = await s.AcceptedOrderAsync(await s.SentAsync(Iso(start), Iso(today.AddDays(1)), quantity, price));
        await s.SetClockAsync(Iso(start) + "T00:30:00Z");
        var list = await (await s.Partner.GetAsync("/v1/invoices")).ExpectAsync(HttpStatusCode.OK);
        var invoice = Assert.Single(list["data"]!.AsArray(), i => i!["orderId"]!.GetValue<string>() == orderId)!;
        return (s, orderId, invoice, start);
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private async Task<int> LedgerEntriesAsync()
    {
        await using var scope = app.DbScope(out var db);
        return await db.LedgerEntries.CountAsync();
    }

    [Fact]
    [Trait("rule", "BIL-1")]
    [Trait("rule", "TIM-2")]
    public async Task ActivatedOrder_IsInvoicedOnceOnItsStartDate_NET30_ProductNames_Tax_BIL1()
    {
        var (s, orderId, invoice, start) = await InvoicedAsync();

        Assert.Equal("open", invoice["status"]!.GetValue<string>());
        Assert.Equal(Iso(start), invoice["issueDate"]!.GetValue<string>());
        Assert.Equal(Iso(start.AddDays(30)), invoice["dueDate"]!.GetValue<string>());
        Assert.Equal("INV-000001", invoice["number"]!.GetValue<string>());
        var line = Assert.Single(invoice["lines"]!.AsArray())!;
        Assert.Equal("Insights Standard", line["productName"]!.GetValue<string>());
        Assert.Equal(1200m, invoice["subtotal"]!.GetValue<decimal>());
        Assert.Equal(120m, invoice["tax"]!.GetValue<decimal>());
        Assert.Equal(1320m, invoice["total"]!.GetValue<decimal>());
        Assert.Equal(OfferScenario.BillingEmail, invoice["billingEmail"]!.GetValue<string>());
        Assert.NotNull(invoice["emailedAt"]); // the email was written to the outbox in the same save

        // Running the clock again (and later) never invoices the order a second time.
        await s.SetClockAsync(Iso(start.AddDays(1)) + "T00:30:00Z");
        var again = await (await s.Partner.GetAsync("/v1/invoices")).ExpectAsync(HttpStatusCode.OK);
        Assert.Single(again["data"]!.AsArray(), i => i!["orderId"]!.GetValue<string>() == orderId);

        // The customer sees it in the portal, with its PDF.
        var mine = await (await s.Customer.GetAsync("/v1/customer/invoices")).ExpectAsync(HttpStatusCode.OK);
        Assert.Single(mine["data"]!.AsArray());
        var pdf = await s.Customer.GetAsync($"/v1/customer/invoices/{invoice["id"]}/pdf");
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString(await pdf.Content.ReadAsByteArrayAsync())[..4], StringComparison.Ordinal);
    }

    [Fact]
    [Trait("rule", "BIL-1")]
    public async Task CustomerBilledInGermany_IsTaxedAtTheGermanRate_AndABadCountryChangesNothing_BIL1()
    {
        var today = DateOnly.FromDateTime(app.Services.GetRequiredService<ManualTimeProvider>().GetUtcNow().UtcDateTime);
        var start = today.AddDays(2);
        var s = await OfferScenario.CreateAsync(app);

        // A name instead of a code is refused, naming the field and the fix; nothing changes.
        var refused = await (await s.Customer.PatchJsonAsync("/v1/customer/settings", new { billingCountry = "Germany" })).ExpectAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("two-letter", Assert.Single(refused["errors"]!["billingCountry"]!.AsArray())!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null((await (await s.Customer.GetAsync("/v1/customer/settings")).ExpectAsync(HttpStatusCode.OK))["billingCountry"]);

        // The customer gives its country in either case; it is kept as the code.
        var settings = await (await s.Customer.PatchJsonAsync("/v1/customer/settings", new { billingCountry = "de" })).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("DE", settings["billingCountry"]!.GetValue<string>());
        Assert.True(settings["receiveOffers"]!.GetValue<bool>()); // what was not given is kept

        var orderId = await s.AcceptedOrderAsync(await s.SentAsync(Iso(start), Iso(today.AddDays(1))));
        await s.SetClockAsync(Iso(start) + "T00:30:00Z");
        var list = await (await s.Partner.GetAsync("/v1/invoices")).ExpectAsync(HttpStatusCode.OK);
        var invoice = Assert.Single(list["data"]!.AsArray(), i => i!["orderId"]!.GetValue<string>() == orderId)!;
        Assert.Equal(19m, invoice["taxRatePercent"]!.GetValue<decimal>());
        Assert.Equal(1200m, invoice["subtotal"]!.GetValue<decimal>());
        Assert.Equal(228m, invoice["tax"]!.GetValue<decimal>());
        Assert.Equal(1428m, invoice["total"]!.GetValue<decimal>());

        // The operator can correct it (or clear it with an empty string) for invoices issued later.
        var org = await (await app.Operator().PatchJsonAsync($"/v1/customer-orgs/{s.OrgId}", new { billingCountry = "fr" })).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("FR", org["billingCountry"]!.GetValue<string>());
        var cleared = await (await app.Operator().PatchJsonAsync($"/v1/customer-orgs/{s.OrgId}", new { billingCountry = "" })).ExpectAsync(HttpStatusCode.OK);
        Assert.Null(cleared["billingCountry"]);
        await (await app.Operator().PatchJsonAsync("/v1/customer-orgs/00D00000000zzzz", new { billingCountry = "FR" })).ExpectAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    [Trait("rule", "BIL-1")]
    public async Task ActivatedOrder_IsNeverInvoicedBeforeItsStartDate_BIL1()
    {
        var today = DateOnly.FromDateTime(app.Services.GetRequiredService<ManualTimeProvider>().GetUtcNow().UtcDateTime);
        var s = await OfferScenario.CreateAsync(app);
        var orderId = await s.AcceptedOrderAsync(await s.SentAsync(Iso(today.AddDays(3)), Iso(today.AddDays(1))));
        await s.SetClockAsync(Iso(today.AddDays(2)) + "T23:59:00Z");
        var list = await (await s.Partner.GetAsync("/v1/invoices")).ExpectAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(list["data"]!.AsArray(), i => i!["orderId"]!.GetValue<string>() == orderId);
    }

    [Fact]
    [Trait("rule", "BIL-2")]
    [Trait("rule", "BIL-3")]
    [Trait("rule", "BIL-4")]
    [Trait("rule", "AUD-1")]
    public async Task PartialPayment_ThenRest_ThenPayoutLessFee_Traceable_BIL2_BIL3_BIL4()
    {
        var (s, _, invoice, start) = await InvoicedAsync();
        var id = invoice["id"]!.GetValue<string>();
        var op = app.Operator();

        var first = await (await op.PostJsonAsync($"/v1/operator/invoices/{id}/payments", new { amount = 1000m, currency = "USD", reference = "wire-1" })).ExpectAsync(HttpStatusCode.OK);
        var detail = await (await s.Partner.GetAsync($"/v1/invoices/{id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("open", detail["invoice"]!["status"]!.GetValue<string>());
        Assert.Equal(320m, detail["invoice"]!["amountDue"]!.GetValue<decimal>());

        await (await op.PostJsonAsync($"/v1/operator/invoices/{id}/payments", new { amount = 320m, currency = "USD" })).ExpectAsync(HttpStatusCode.OK);
        detail = await (await s.Partner.GetAsync($"/v1/invoices/{id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("paid", detail["invoice"]!["status"]!.GetValue<string>());
        Assert.Equal(2, detail["payments"]!.AsArray().Count);

        var balance = await (await s.Partner.GetAsync("/v1/balance")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1320m, Assert.Single(balance.AsArray())!["pending"]!.GetValue<decimal>());

        // Paid out the day after (hold of one day), less 2.5 %.
        await s.SetClockAsync(Iso(start.AddDays(1)) + "T01:00:00Z");
        var payouts = await (await s.Partner.GetAsync("/v1/payouts")).ExpectAsync(HttpStatusCode.OK);
        var payout = Assert.Single(payouts["data"]!.AsArray())!;
        Assert.Equal(1320m, payout["gross"]!.GetValue<decimal>());
        Assert.Equal(33m, payout["fee"]!.GetValue<decimal>());
        Assert.Equal(1287m, payout["net"]!.GetValue<decimal>());
        Assert.Equal("sent", payout["status"]!.GetValue<string>());
        var covered = await (await s.Partner.GetAsync($"/v1/payouts/{payout["id"]}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(covered["payments"]!.AsArray(), p => p!["id"]!.GetValue<string>() == first["id"]!.GetValue<string>());

        // Σ paid = Σ payouts + Σ fees + pending.
        balance = await (await s.Partner.GetAsync("/v1/balance")).ExpectAsync(HttpStatusCode.OK);
        var usd = Assert.Single(balance.AsArray())!;
        Assert.Equal(0m, usd["pending"]!.GetValue<decimal>());
        Assert.Equal(1287m, usd["paidOut"]!.GetValue<decimal>());
        Assert.Equal(33m, usd["fees"]!.GetValue<decimal>());
        Assert.Equal(1320m, usd["totalPaid"]!.GetValue<decimal>());

        // A later run never pays the same payments out again.
        await s.SetClockAsync(Iso(start.AddDays(3)) + "T01:00:00Z");
        Assert.Single((await (await s.Partner.GetAsync("/v1/payouts")).ExpectAsync(HttpStatusCode.OK))["data"]!.AsArray());

        // AUD-1: the invoice's history: issued, two payments.
        var audit = await (await s.Partner.GetAsync($"/v1/audit?objectId={id}")).ExpectAsync(HttpStatusCode.OK);
        var actions = (audit as JsonArray ?? audit["data"]!.AsArray()).Select(a => a!["action"]!.GetValue<string>()).ToList();
        Assert.Contains("invoice.issued", actions);
        Assert.Equal(2, actions.Count(a => a == "invoice.paymentRecorded"));
    }

    [Fact]
    [Trait("rule", "BIL-2")]
    [Trait("rule", "SEC-8")]
    public async Task BadInput_IsRefusedWithClear4xx_AndNothingIsWritten_BIL2()
    {
        var (_, _, invoice, _) = await InvoicedAsync();
        var id = invoice["id"]!.GetValue<string>();
        var op = app.Operator();
        var before = await LedgerEntriesAsync();

        var over = await (await op.PostJsonAsync($"/v1/operator/invoices/{id}/payments", new { amount = 1320.01m, currency = "USD" })).ExpectAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("overpayment", over.Code());
        var unknown = await (await op.PostJsonAsync($"/v1/operator/invoices/{id}/payments", new { amount = 1m, currency = "XYZ" })).ExpectAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("unknownCurrency", unknown.Code());
        var wrong = await (await op.PostJsonAsync($"/v1/operator/invoices/{id}/payments", new { amount = 1m, currency = "EUR" })).ExpectAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("currencyMismatch", wrong.Code());
        var negative = await (await op.PostJsonAsync($"/v1/operator/invoices/{id}/payments", new { amount = -5m, currency = "USD" })).ExpectAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("amountNotPositive", negative.Code());
        var precision = await (await op.PostJsonAsync($"/v1/operator/invoices/{id}/payments", new { amount = 1.001m, currency = "USD" })).ExpectAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("moneyPrecision", precision.Code());
        var nul = await (await op.PostJsonAsync($"/v1/operator/invoices/{id}/payments", new { amount = 1m, currency = "USD", reference = "a\u0000b" })).ExpectAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("invalidCharacters", nul.Code());
        var overCredit = await (await op.PostJsonAsync($"/v1/operator/invoices/{id}/credit-notes", new { amount = 2000m, currency = "USD", reason = "Too much" })).ExpectAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("creditExceedsAmountDue", overCredit.Code());
        await (await op.PostJsonAsync("/v1/operator/invoices/ivc_unknown/payments", new { amount = 1m, currency = "USD" })).ExpectAsync(HttpStatusCode.NotFound);
        Assert.Equal(before, await LedgerEntriesAsync());

        // Voiding a paid invoice is a conflict.
        await (await op.PostJsonAsync($"/v1/operator/invoices/{id}/payments", new { amount = 1320m, currency = "USD" })).ExpectAsync(HttpStatusCode.OK);
        var paidVoid = await (await op.PostJsonAsync($"/v1/operator/invoices/{id}/void", new { reason = "Mistake" })).ExpectAsync(HttpStatusCode.Conflict);
        Assert.Equal("invoiceNotOpen", paidVoid.Code());
        var detail = await (await op.GetAsync($"/v1/operator/invoices/{id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("paid", detail["invoice"]!["status"]!.GetValue<string>());
    }

    [Fact]
    [Trait("rule", "BIL-2")]
    [Trait("rule", "AUD-1")]
    public async Task CreditNote_Void_Uncollectible_ChangeWhatIsOwed_NeverTheInvoice_BIL2()
    {
        var (s, _, invoice, _) = await InvoicedAsync();
        var id = invoice["id"]!.GetValue<string>();
        var op = app.Operator();
        var note = await (await op.PostJsonAsync($"/v1/operator/invoices/{id}/credit-notes", new { amount = 320m, currency = "USD", reason = "Two seats fewer" })).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(id, note["invoiceId"]!.GetValue<string>());
        var detail = await (await s.Partner.GetAsync($"/v1/invoices/{id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1320m, detail["invoice"]!["total"]!.GetValue<decimal>());
        Assert.Equal(1000m, detail["invoice"]!["amountDue"]!.GetValue<decimal>());
        Assert.Single(detail["creditNotes"]!.AsArray());

        var voided = await (await op.PostJsonAsync($"/v1/operator/invoices/{id}/void", new { reason = "Order cancelled" })).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("void", voided["status"]!.GetValue<string>());
        var audit = await (await s.Partner.GetAsync($"/v1/audit?objectId={id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains("\"invoice.voided\"", audit.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("Order cancelled", audit.ToJsonString(), StringComparison.Ordinal);

        var (_, _, other, _) = await InvoicedAsync();
        var writtenOff = await (await op.PostJsonAsync($"/v1/operator/invoices/{other["id"]}/uncollectible", new { reason = "Customer insolvent" })).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("uncollectible", writtenOff["status"]!.GetValue<string>());
        var overdue = await (await op.GetAsync("/v1/operator/invoices?status=uncollectible")).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(overdue["data"]!.AsArray(), i => i!["id"]!.GetValue<string>() == other["id"]!.GetValue<string>());
    }

    [Fact]
    [Trait("rule", "SEC-1")]
    public async Task OtherPartnerAndOtherOrg_GetNotFound_SEC1()
    {
        var (s, _, invoice, _) = await InvoicedAsync();
        var id = invoice["id"]!.GetValue<string>();
        var stranger = await OfferScenario.CreateAsync(app, "Stranger");
        await (await stranger.Partner.GetAsync($"/v1/invoices/{id}")).ExpectAsync(HttpStatusCode.NotFound);
        await (await stranger.Partner.GetAsync($"/v1/invoices/{id}/pdf")).ExpectAsync(HttpStatusCode.NotFound);
        await (await stranger.Customer.GetAsync($"/v1/customer/invoices/{id}")).ExpectAsync(HttpStatusCode.NotFound);
        Assert.Empty((await (await stranger.Partner.GetAsync("/v1/invoices")).ExpectAsync(HttpStatusCode.OK))["data"]!.AsArray());
        Assert.Empty((await (await stranger.Customer.GetAsync("/v1/customer/invoices")).ExpectAsync(HttpStatusCode.OK))["data"]!.AsArray());
        // Partners cannot reach the operator's actions.
        await (await s.Partner.PostJsonAsync($"/v1/operator/invoices/{id}/payments", new { amount = 1m, currency = "USD" })).ExpectAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    [Trait("rule", "SEC-5")]
    public async Task CsvExport_NeutralisesFormulas_SEC5()
    {
        var (s, _, invoice, _) = await InvoicedAsync();
        // The invoice keeps the customer's name as it was when issued; a hostile name arrives via the invoice row.
        await using (var scope = app.DbScope(out var db))
        {
            await db.Database.ExecuteSqlRawAsync("UPDATE invoices SET \"CustomerName\" = {0} WHERE \"Id\" = {1}", "=HYPERLINK(\"http://evil\")", invoice["id"]!.GetValue<string>());
        }
        var response = await s.Partner.GetAsync("/v1/invoices.csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var csv = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("number,id,customer,", csv, StringComparison.Ordinal);
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil\"\")\"", csv, StringComparison.Ordinal);
        Assert.DoesNotContain(",=HYPERLINK", csv, StringComparison.Ordinal);

        Assert.Equal("'+1", Csv.Cell("+1"));
        Assert.Equal("'-1", Csv.Cell("-1"));
        Assert.Equal("'@SUM(A1)", Csv.Cell("@SUM(A1)"));
        Assert.Equal("plain", Csv.Cell("plain"));
    }
}
