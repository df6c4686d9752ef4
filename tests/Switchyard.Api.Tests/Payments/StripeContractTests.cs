using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Api.Tests.Infrastructure;
using Switchyard.Server.Payments;

namespace Switchyard.Api.Tests.Payments;

/// <summary>
/// BIL-3: the Stripe adapter through Stripe.net's HTTP seam, against response bodies shaped like Stripe's:
/// the requests we send (paths, form fields, idempotency keys derived from our ids, no Stripe-Account
/// header: every call is the platform's) and what we read back.
/// </summary>
[Collection("stripe-contract")]
public class StripeContractTests(StripeApp app) : IClassFixture<StripeApp>
{
    private StripePaymentProvider Provider => (StripePaymentProvider)app.Services.GetRequiredService<PaymentProviders>().For("stripe");

    [Fact]
    [Trait("rule", "BIL-3")]
    [Trait("rule", "ONB-2")]
    public async Task Onboarding_CreatesOneExpressAccount_AndAFreshAccountLinkEachTime_BIL3()
    {
        app.Stripe.Calls.Clear();
        var (partnerId, partner) = await app.PartnerAsync("Stripe Seller");

        var started = await (await partner.PostAsync("/v1/account/payment-connection", null)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("onboarding", started["status"]!.GetValue<string>());
        Assert.Equal(StripeFixtures.OnboardingUrl, started["onboardingUrl"]!.GetValue<string>());

        var calls = app.Stripe.Calls.ToArray();
        Assert.Equal(2, calls.Length);
        var account = calls[0];
        Assert.Equal(("POST", "/v1/accounts"), (account.Method, account.Path));
        Assert.Equal("express", account.Field("type"));
        Assert.Equal("true", account.Field("capabilities[transfers][requested]"));
        Assert.Equal("true", account.Field("capabilities[card_payments][requested]"));
        Assert.Equal(partnerId, account.Field("metadata[switchyard_partner_id]"));
        Assert.Equal($"partner:{partnerId}:account", account.IdempotencyKey);
        var link = calls[1];
        Assert.Equal(("POST", "/v1/account_links"), (link.Method, link.Path));
        Assert.Equal(RecordedStripe.AccountFor(partnerId), link.Field("account"));
        Assert.Equal("account_onboarding", link.Field("type"));
        Assert.Equal("https://switchyard.example/console/account?stripe=return", link.Field("return_url"));
        Assert.Equal("https://switchyard.example/console/account?stripe=refresh", link.Field("refresh_url"));
        Assert.StartsWith($"partner:{partnerId}:link:", link.IdempotencyKey, StringComparison.Ordinal);
        Assert.All(calls, c => Assert.Null(c.StripeAccount));

        var shown = await (await partner.GetAsync("/v1/account")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("stripe", shown["paymentConnection"]!["provider"]!.GetValue<string>());
        Assert.Equal("onboarding", shown["paymentConnection"]!["status"]!.GetValue<string>());

        // Asked again (the link expired): the same account, a new link under a new key.
        app.Stripe.Calls.Clear();
        await (await partner.PostAsync("/v1/account/payment-connection", null)).ExpectAsync(HttpStatusCode.OK);
        var again = Assert.Single(app.Stripe.Calls);
        Assert.Equal("/v1/account_links", again.Path);
        Assert.NotEqual(link.IdempotencyKey, again.IdempotencyKey);
    }

    [Fact]
    [Trait("rule", "BIL-3")]
    public async Task Invoice_IsCreatedOnBehalfOfThePartner_StepByStep_EachWithAKeyFromOurIds_BIL3()
    {
        app.Stripe.Calls.Clear();
        var invoice = new ProviderInvoice("inv_01TEST", "INV-000007", "ptn_01TEST", StripeFixtures.AccountId, "cus_01TEST", "Globex",
            "billing@globex.example", "USD", 30, [new ProviderInvoiceLine("Insights Standard × 10", 120_000), new ProviderInvoiceLine("Tax 10 %", 12_000)]);

        var reference = await Provider.CreateInvoiceAsync(invoice, "invoice:inv_01TEST", CancellationToken.None);

        Assert.Equal(StripeFixtures.InvoiceId, reference);
        var all = app.Stripe.Calls.ToArray();
        // First the look-ups: nothing made before for this invoice, no Stripe customer yet for this customer.
        Assert.Equal(["/v1/invoices/search", "/v1/customers/search"], all.Take(2).Select(c => c.Path));
        Assert.Equal("metadata['switchyard_invoice_id']:'inv_01TEST'", all[0].Field("query"));
        Assert.Equal("metadata['switchyard_customer_id']:'cus_01TEST'", all[1].Field("query"));
        var calls = all[2..];
        Assert.Equal(["/v1/customers", "/v1/invoices", "/v1/invoiceitems", "/v1/invoiceitems", $"/v1/invoices/{StripeFixtures.InvoiceId}/finalize"], calls.Select(c => c.Path));
        Assert.Equal(["customer:cus_01TEST", "invoice:inv_01TEST:create", "invoice:inv_01TEST:line:0", "invoice:inv_01TEST:line:1", "invoice:inv_01TEST:finalize"],
            calls.Select(c => c.IdempotencyKey));
        Assert.All(calls, c => Assert.Equal("POST", c.Method));
        Assert.All(all, c => Assert.Null(c.StripeAccount));
        Assert.Equal(["0", "1"], calls[2..4].Select(c => c.Field("metadata[switchyard_line]")));

        Assert.Equal("billing@globex.example", calls[0].Field("email"));
        Assert.Equal("cus_01TEST", calls[0].Field("metadata[switchyard_customer_id]"));
        var created = calls[1];
        Assert.Equal(StripeFixtures.CustomerId, created.Field("customer"));
        Assert.Equal("send_invoice", created.Field("collection_method"));
        Assert.Equal("30", created.Field("days_until_due"));
        Assert.Equal(StripeFixtures.AccountId, created.Field("on_behalf_of"));
        Assert.Equal("usd", created.Field("currency"));
        Assert.Equal("false", created.Field("auto_advance"));
        Assert.Equal("inv_01TEST", created.Field("metadata[switchyard_invoice_id]"));
        Assert.Equal("ptn_01TEST", created.Field("metadata[switchyard_partner_id]"));
        Assert.Equal(StripeFixtures.InvoiceId, calls[2].Field("invoice"));
        Assert.Equal("120000", calls[2].Field("amount"));
        Assert.Equal("Insights Standard × 10", calls[2].Field("description"));
        Assert.Equal("12000", calls[3].Field("amount"));
        Assert.Equal("true", calls[4].Field("auto_advance"));
    }

    [Fact]
    [Trait("rule", "BIL-3")]
    [Trait("rule", "OPS-1")]
    public async Task Invoice_RetriedAfterStripeForgotTheKeys_FindsTheFinalizedInvoice_AndCreatesNothing_BIL3()
    {
        app.Stripe.Calls.Clear();
        app.Stripe.AnswerNext(HttpStatusCode.OK, StripeFixtures.SearchOf("/v1/invoices/search", StripeFixtures.Invoice("open")));

        var reference = await Provider.CreateInvoiceAsync(TwoLines("inv_04TEST"), "invoice:inv_04TEST", CancellationToken.None);

        Assert.Equal(StripeFixtures.InvoiceId, reference);
        var call = Assert.Single(app.Stripe.Calls);
        Assert.Equal(("GET", "/v1/invoices/search"), (call.Method, call.Path));
        Assert.Equal("metadata['switchyard_invoice_id']:'inv_04TEST'", call.Field("query"));
    }

    [Fact]
    [Trait("rule", "BIL-3")]
    [Trait("rule", "OPS-1")]
    public async Task Invoice_RetriedAfterStripeForgotTheKeys_CompletesTheDraft_WithOnlyTheMissingLines_BIL3()
    {
        app.Stripe.Calls.Clear();
        // The first attempt made the draft and its first line, then stopped; a day later the keys are gone.
        app.Stripe.AnswerNext(HttpStatusCode.OK, StripeFixtures.SearchOf("/v1/invoices/search", StripeFixtures.Invoice("draft")));
        app.Stripe.AnswerNext(HttpStatusCode.OK, StripeFixtures.ListOf("/v1/invoiceitems", StripeFixtures.InvoiceItemAt(0)));

        var reference = await Provider.CreateInvoiceAsync(TwoLines("inv_05TEST"), "invoice:inv_05TEST", CancellationToken.None);

        Assert.Equal(StripeFixtures.InvoiceId, reference);
        var calls = app.Stripe.Calls.ToArray();
        Assert.Equal([("GET", "/v1/invoices/search"), ("GET", "/v1/invoiceitems"), ("POST", "/v1/invoiceitems"), ("POST", $"/v1/invoices/{StripeFixtures.InvoiceId}/finalize")],
            calls.Select(c => (c.Method, c.Path)));
        Assert.Equal(StripeFixtures.InvoiceId, calls[1].Field("invoice"));
        Assert.Equal("1", calls[2].Field("metadata[switchyard_line]"));
        Assert.Equal("12000", calls[2].Field("amount"));
        Assert.Equal(StripeFixtures.CustomerId, calls[2].Field("customer"));
    }

    [Fact]
    [Trait("rule", "BIL-3")]
    public async Task Invoice_ForACustomerStripeAlreadyKnows_ReusesThatCustomer_BIL3()
    {
        app.Stripe.Calls.Clear();
        app.Stripe.AnswerNext(HttpStatusCode.OK, StripeFixtures.EmptySearch("/v1/invoices/search"));
        app.Stripe.AnswerNext(HttpStatusCode.OK, StripeFixtures.SearchOf("/v1/customers/search", StripeFixtures.Customer));

        await Provider.CreateInvoiceAsync(TwoLines("inv_06TEST"), "invoice:inv_06TEST", CancellationToken.None);

        var calls = app.Stripe.Calls.ToArray();
        Assert.DoesNotContain(calls, c => c.Method == "POST" && c.Path == "/v1/customers");
        Assert.Equal(StripeFixtures.CustomerId, calls.Single(c => c.Method == "POST" && c.Path == "/v1/invoices").Field("customer"));
    }

    private static ProviderInvoice TwoLines(string id) => new(id, "INV-000008", "ptn_01TEST", StripeFixtures.AccountId, "cus_01TEST", "Globex",
        "billing@globex.example", "USD", 30, [new ProviderInvoiceLine("Insights Standard × 10", 120_000), new ProviderInvoiceLine("Tax 10 %", 12_000)]);

    [Fact]
    [Trait("rule", "BIL-4")]
    [Trait("rule", "BIL-3")]
    public async Task Payout_IsATransferOfTheNetAmount_KeyedByThePayout_BIL4()
    {
        app.Stripe.Calls.Clear();
        var reference = await Provider.SendPayoutAsync(new PayoutTransfer("po_01TEST", "ptn_01TEST", StripeFixtures.AccountId, "EUR", 128_700), "payout:po_01TEST", CancellationToken.None);

        Assert.Equal(StripeFixtures.TransferId, reference);
        var calls = app.Stripe.Calls.ToArray();
        Assert.Equal(2, calls.Length);
        var lookup = calls[0];
        Assert.Equal(("GET", "/v1/transfers"), (lookup.Method, lookup.Path));
        Assert.Equal("po_01TEST", lookup.Field("transfer_group"));
        var transfer = calls[1];
        Assert.Equal(("POST", "/v1/transfers"), (transfer.Method, transfer.Path));
        Assert.Equal("128700", transfer.Field("amount"));
        Assert.Equal("eur", transfer.Field("currency"));
        Assert.Equal(StripeFixtures.AccountId, transfer.Field("destination"));
        Assert.Equal("po_01TEST", transfer.Field("transfer_group"));
        Assert.Equal("po_01TEST", transfer.Field("metadata[switchyard_payout_id]"));
        Assert.Equal("payout:po_01TEST", transfer.IdempotencyKey);
        Assert.Null(transfer.StripeAccount);
    }

    [Fact]
    [Trait("rule", "BIL-4")]
    [Trait("rule", "OPS-1")]
    public async Task Payout_RetriedAfterStripeForgotTheKey_FindsItsTransfer_AndCreatesNone_BIL4()
    {
        app.Stripe.Calls.Clear();
        app.Stripe.AnswerNext(HttpStatusCode.OK, StripeFixtures.ListOf("/v1/transfers", StripeFixtures.Transfer));
        var reference = await Provider.SendPayoutAsync(new PayoutTransfer("po_03TEST", "ptn_01TEST", StripeFixtures.AccountId, "USD", 400), "payout:po_03TEST", CancellationToken.None);

        Assert.Equal(StripeFixtures.TransferId, reference);
        var lookup = Assert.Single(app.Stripe.Calls);
        Assert.Equal(("GET", "/v1/transfers"), (lookup.Method, lookup.Path));
    }

    [Fact]
    [Trait("rule", "BIL-3")]
    [Trait("rule", "OPS-1")]
    public async Task StripeRefusals_ArePermanent_OutagesAreRetried_BIL3()
    {
        var payout = new PayoutTransfer("po_02TEST", "ptn_01TEST", StripeFixtures.AccountId, "USD", 100);
        app.Stripe.AnswerNext(HttpStatusCode.BadRequest, StripeFixtures.InvalidRequestError);
        var refused = await Assert.ThrowsAsync<PaymentProviderException>(() => Provider.SendPayoutAsync(payout, "payout:po_02TEST", CancellationToken.None));
        Assert.True(refused.Permanent);
        Assert.Contains("parameter_invalid_integer", refused.Message, StringComparison.Ordinal);

        app.Stripe.AnswerNext(HttpStatusCode.InternalServerError, StripeFixtures.ApiError);
        var outage = await Assert.ThrowsAsync<PaymentProviderException>(() => Provider.SendPayoutAsync(payout, "payout:po_02TEST", CancellationToken.None));
        Assert.False(outage.Permanent);

        // No connected account: refused before any call.
        app.Stripe.Calls.Clear();
        var none = await Assert.ThrowsAsync<PaymentProviderException>(() => Provider.SendPayoutAsync(payout with { AccountRef = null }, "payout:po_02TEST", CancellationToken.None));
        Assert.True(none.Permanent);
        Assert.Empty(app.Stripe.Calls);
    }
}
