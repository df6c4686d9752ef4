using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Api.Tests.Infrastructure;
using Switchyard.Api.Tests.Offers;
using Switchyard.Domain.Partners;

namespace Switchyard.Api.Tests.Payments;

/// <summary>
/// SEC-6, ONB-2, BIL-3: Stripe's webhook with real signatures computed from the test signing secret:
/// valid, wrong secret, outside the tolerance, replayed, out of order, malformed; and the whole flow of
/// a Stripe partner: onboarding, connected by Stripe's event, an invoice created on Stripe through the
/// outbox, paid by Stripe's event, paid out as a transfer.
/// </summary>
public class StripeWebhookTests(StripeApp app) : IClassFixture<StripeApp>
{
    private const string Path = "/webhooks/stripe";
    private static int _orgCounter;

    private DateTimeOffset Now => app.Services.GetRequiredService<TimeProvider>().GetUtcNow();

    public static string Sign(string payload, string secret, long timestamp)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + "." + payload));
        return $"t={timestamp.ToString(CultureInfo.InvariantCulture)},v1={Convert.ToHexStringLower(mac)}";
    }

    private async Task<HttpResponseMessage> PostAsync(string payload, string? signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
        if (signature is not null)
        {
            request.Headers.TryAddWithoutValidation("Stripe-Signature", signature);
        }
        return await app.Anonymous().SendAsync(request);
    }

    private Task<HttpResponseMessage> PostSignedAsync(string payload) => PostAsync(payload, Sign(payload, StripeApp.WebhookSecret, Now.ToUnixTimeSeconds()));

    public static string AccountUpdated(string eventId, string accountId, long created, bool charges, bool payouts, bool submitted, params string[] due)
    {
        var list = string.Join(",", due.Select(d => "\"" + d + "\""));
        return $$"""
            {"id":"{{eventId}}","object":"event","api_version":"2025-10-29.clover","created":{{created}},"livemode":false,"pending_webhooks":1,"type":"account.updated",
             "request":{"id":null,"idempotency_key":null},
             "data":{"object":{"id":"{{accountId}}","object":"account","type":"express","charges_enabled":{{Json(charges)}},"payouts_enabled":{{Json(payouts)}},"details_submitted":{{Json(submitted)}},
               "requirements":{"alternatives":[],"current_deadline":null,"currently_due":[{{list}}],"disabled_reason":{{(due.Length > 0 ? "\"requirements.past_due\"" : "null")}},"errors":[],"eventually_due":[{{list}}],"past_due":[{{list}}],"pending_verification":[]},
               "metadata":{} },
             "previous_attributes":{"charges_enabled":false} } }
            """;
    }

    public static string InvoicePaid(string eventId, long created, string ourInvoiceId, long amountPaid, string currency = "usd") => $$"""
        {"id":"{{eventId}}","object":"event","api_version":"2025-10-29.clover","created":{{created}},"livemode":false,"pending_webhooks":1,"type":"invoice.paid",
         "data":{"object":{"id":"{{StripeFixtures.InvoiceId}}","object":"invoice","amount_due":{{amountPaid}},"amount_paid":{{amountPaid}},"amount_remaining":0,
           "collection_method":"send_invoice","currency":"{{currency}}","customer":"{{StripeFixtures.CustomerId}}","on_behalf_of":"acct_x","status":"paid",
           "metadata":{"switchyard_invoice_id":"{{ourInvoiceId}}","switchyard_partner_id":"prt_x"} } } }
        """;

    private static string Json(bool value) => value ? "true" : "false";

    private static string EventId() => "evt_1" + Guid.NewGuid().ToString("N")[..20];

    /// <summary>A partner onboarding with Stripe (its connected account created, status onboarding).</summary>
    private async Task<(string PartnerId, HttpClient Partner, string AccountId)> OnboardingPartnerAsync()
    {
        var (partnerId, partner) = await app.PartnerAsync("Stripe Seller " + Guid.NewGuid().ToString("N")[..6]);
        var started = await (await partner.PostAsync("/v1/account/payment-connection", null)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("onboarding", started["status"]!.GetValue<string>());
        return (partnerId, partner, RecordedStripe.AccountFor(partnerId));
    }

    private static async Task<string> StatusAsync(HttpClient partner) =>
        (await (await partner.GetAsync("/v1/account")).ExpectAsync(HttpStatusCode.OK))["paymentConnection"]!["status"]!.GetValue<string>();

    private async Task<int> EventsAsync()
    {
        await using var scope = app.DbScope(out var db);
        return await db.ProviderEvents.CountAsync();
    }

    [Fact]
    [Trait("rule", "ONB-2")]
    [Trait("rule", "SEC-6")]
    [Trait("rule", "AUD-1")]
    public async Task AccountUpdated_MovesThePaymentAccount_OnboardingConnectedRestricted_ONB2()
    {
        var (partnerId, partner, account) = await OnboardingPartnerAsync();
        var t = Now.ToUnixTimeSeconds();

        var incomplete = await (await PostSignedAsync(AccountUpdated(EventId(), account, t - 300, false, false, false, "external_account"))).ExpectAsync(HttpStatusCode.OK);
        Assert.False(incomplete["duplicate"]!.GetValue<bool>());
        Assert.Equal("onboarding", await StatusAsync(partner));

        await (await PostSignedAsync(AccountUpdated(EventId(), account, t - 200, true, true, true))).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("connected", await StatusAsync(partner));

        await (await PostSignedAsync(AccountUpdated(EventId(), account, t - 100, false, false, true, "individual.verification.document"))).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("restricted", await StatusAsync(partner));

        // AUD-1: each change of the connection is in the partner's history.
        var audit = await (await partner.GetAsync($"/v1/audit?objectId={partnerId}")).ExpectAsync(HttpStatusCode.OK);
        var actions = (audit as JsonArray ?? audit["data"]!.AsArray()).Select(a => a!["action"]!.GetValue<string>()).ToList();
        Assert.Equal(2, actions.Count(a => a == "account.paymentStatusChanged"));
    }

    [Fact]
    [Trait("rule", "ONB-2")]
    [Trait("rule", "SEC-6")]
    public async Task OlderAccountUpdate_AfterANewerOne_ChangesNothing_ONB2()
    {
        var (_, partner, account) = await OnboardingPartnerAsync();
        var t = Now.ToUnixTimeSeconds();
        await (await PostSignedAsync(AccountUpdated(EventId(), account, t - 10, true, true, true))).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("connected", await StatusAsync(partner));

        // Stripe delivers an earlier update late: acknowledged, and the account stays connected.
        var late = await (await PostSignedAsync(AccountUpdated(EventId(), account, t - 60, false, false, true, "external_account"))).ExpectAsync(HttpStatusCode.OK);
        Assert.StartsWith("ignored", late["outcome"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("connected", await StatusAsync(partner));
        // Same second as the applied one: not newer either.
        await (await PostSignedAsync(AccountUpdated(EventId(), account, t - 10, false, false, true, "external_account"))).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("connected", await StatusAsync(partner));
    }

    [Fact]
    [Trait("rule", "SEC-6")]
    public async Task Signature_WrongSecret_Missing_OrOutsideTheTolerance_Is400_AndNothingIsWritten_SEC6()
    {
        var (_, partner, account) = await OnboardingPartnerAsync();
        var before = await EventsAsync();
        var payload = AccountUpdated(EventId(), account, Now.ToUnixTimeSeconds(), true, true, true);
        var t = Now.ToUnixTimeSeconds();

        async Task RefusedAsync(string? signature, string code)
        {
            var problem = await (await PostAsync(payload, signature)).ExpectAsync(HttpStatusCode.BadRequest);
            Assert.Equal(code, problem.Code());
        }

        await RefusedAsync(Sign(payload, "whsec_someone_else", t), "invalidSignature");
        await RefusedAsync(null, "invalidSignature");
        await RefusedAsync("garbage", "invalidSignature");
        await RefusedAsync($"t={t}", "invalidSignature");
        await RefusedAsync(Sign(payload + " ", StripeApp.WebhookSecret, t), "invalidSignature"); // the body was changed
        await RefusedAsync(Sign(payload, StripeApp.WebhookSecret, t - 301), "signatureOutsideTolerance");
        await RefusedAsync(Sign(payload, StripeApp.WebhookSecret, t + 301), "signatureOutsideTolerance");
        Assert.Equal(before, await EventsAsync());
        Assert.Equal("onboarding", await StatusAsync(partner));

        // Inside the window, with one stale v1 among the signatures (as during a secret roll): accepted.
        var valid = Sign(payload, StripeApp.WebhookSecret, t - 299);
        await (await PostAsync(payload, valid.Replace(",v1=", ",v1=00ff,v1=", StringComparison.Ordinal))).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("connected", await StatusAsync(partner));
        Assert.Equal(before + 1, await EventsAsync());
    }

    [Fact]
    [Trait("rule", "SEC-6")]
    public async Task ReplayedEvent_IsAcknowledged_AndChangesNothing_SEC6()
    {
        var (_, partner, account) = await OnboardingPartnerAsync();
        var id = EventId();
        var t = Now.ToUnixTimeSeconds();
        await (await PostSignedAsync(AccountUpdated(id, account, t - 20, true, true, true))).ExpectAsync(HttpStatusCode.OK);
        await (await PostSignedAsync(AccountUpdated(EventId(), account, t - 10, false, false, true, "external_account"))).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("restricted", await StatusAsync(partner));
        var events = await EventsAsync();

        // The first event again, freshly signed (a replay, or Stripe retrying): nothing changes.
        var replay = await (await PostSignedAsync(AccountUpdated(id, account, t - 20, true, true, true))).ExpectAsync(HttpStatusCode.OK);
        Assert.True(replay["duplicate"]!.GetValue<bool>());
        Assert.Equal("restricted", await StatusAsync(partner));
        Assert.Equal(events, await EventsAsync());
    }

    [Fact]
    [Trait("rule", "SEC-6")]
    [Trait("rule", "SEC-8")]
    public async Task MalformedEvents_AreRefusedWith400_AndNothingIsWritten_SEC6()
    {
        var before = await EventsAsync();
        foreach (var body in new[] { "{not json", "[]", "{}", """{"id":"evt_1","type":"account.updated"}""", """{"id":"evt_1","type":"account.updated","created":"x","data":{"object":{}}}""",
            """{"id":"evt_\u0000","type":"account.updated","created":1,"data":{"object":{}}}""", """{"id":"evt_2","type":"account.updated","created":1,"data":{"object":[]}}""" })
        {
            var problem = await (await PostSignedAsync(body)).ExpectAsync(HttpStatusCode.BadRequest);
            Assert.Equal("malformedEvent", problem.Code());
        }
        // Bytes that are not UTF-8.
        using var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = new ByteArrayContent([0x7b, 0xff, 0xfe, 0x7d]) };
        request.Headers.TryAddWithoutValidation("Stripe-Signature", $"t={Now.ToUnixTimeSeconds()},v1=00");
        Assert.Equal(HttpStatusCode.BadRequest, (await app.Anonymous().SendAsync(request)).StatusCode);
        // An event type we do not handle: acknowledged, recorded, nothing else.
        var other = await (await PostSignedAsync("""{"id":"evt_1other","type":"charge.refunded","created":1700000000,"data":{"object":{"id":"ch_1"}}}""")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("ignored", other["outcome"]!.GetValue<string>());
        Assert.Equal(before + 1, await EventsAsync());
    }

    [Fact]
    [Trait("rule", "BIL-3")]
    [Trait("rule", "BIL-4")]
    [Trait("rule", "OPS-1")]
    [Trait("rule", "ONB-2")]
    public async Task StripePartner_InvoiceCreatedOnStripe_PaidByWebhook_PaidOutAsATransfer_BIL3()
    {
        var (partnerId, partner, account) = await OnboardingPartnerAsync();
        await (await PostSignedAsync(AccountUpdated(EventId(), account, Now.ToUnixTimeSeconds(), true, true, true))).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("connected", await StatusAsync(partner));

        var entry = await app.CreateCatalogEntryAsync(partnerId);
        var product = await partner.CreateProductAsync(entry);
        var orgId = "00D7" + Interlocked.Increment(ref _orgCounter).ToString("D11", CultureInfo.InvariantCulture);
        var customerId = await partner.CreateCustomerAsync(orgId, "Globex", OfferScenario.BillingEmail);
        var op = app.Operator();
        await (await op.PostJsonAsync($"/v1/customer-orgs/{orgId}/users", new { email = OfferScenario.BillingEmail, manageBilling = true })).ExpectAsync(HttpStatusCode.Created);
        var key = await (await op.PostJsonAsync($"/v1/customer-orgs/{orgId}/api-keys", new { email = OfferScenario.BillingEmail })).ExpectAsync(HttpStatusCode.Created);
        var s = new OfferScenario(app, partnerId, partner, product, customerId, orgId, app.ClientWithKey(key["key"]!.GetValue<string>()));

        var today = DateOnly.FromDateTime(Now.UtcDateTime);
        var start = today.AddDays(2);
        var orderId = await s.AcceptedOrderAsync(await s.SentAsync(Iso(start), Iso(today.AddDays(1))));
        app.Stripe.Calls.Clear();
        await s.SetClockAsync(Iso(start) + "T00:30:00Z");
        var invoices = await (await partner.GetAsync("/v1/invoices")).ExpectAsync(HttpStatusCode.OK);
        var invoice = Assert.Single(invoices["data"]!.AsArray(), i => i!["orderId"]!.GetValue<string>() == orderId)!;
        var invoiceId = invoice["id"]!.GetValue<string>();
        var totalMinor = (long)(invoice["total"]!.GetValue<decimal>() * 100);

        // OPS-1: the invoice left through the outbox in the same round, created on Stripe on the partner's behalf.
        var created = Assert.Single(app.Stripe.Calls, c => c.Path == "/v1/invoices");
        Assert.Equal(invoiceId, created.Field("metadata[switchyard_invoice_id]"));
        Assert.Equal(account, created.Field("on_behalf_of"));
        Assert.Equal($"invoice:{invoiceId}:create", created.IdempotencyKey);
        Assert.Equal(totalMinor, app.Stripe.Calls.Where(c => c.Path == "/v1/invoiceitems").Sum(c => long.Parse(c.Field("amount"), CultureInfo.InvariantCulture)));
        Assert.Single(app.Stripe.Calls, c => c.Path.EndsWith("/finalize", StringComparison.Ordinal));

        // Stripe reports it paid; the same event again records nothing more.
        var paidEvent = InvoicePaid(EventId(), Now.ToUnixTimeSeconds(), invoiceId, totalMinor);
        var paid = await (await PostSignedAsync(paidEvent)).ExpectAsync(HttpStatusCode.OK);
        Assert.StartsWith("applied", paid["outcome"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True((await (await PostSignedAsync(paidEvent)).ExpectAsync(HttpStatusCode.OK))["duplicate"]!.GetValue<bool>());
        var detail = await (await partner.GetAsync($"/v1/invoices/{invoiceId}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("paid", detail["invoice"]!["status"]!.GetValue<string>());
        var payment = Assert.Single(detail["payments"]!.AsArray())!;
        Assert.Equal(StripeFixtures.InvoiceId, payment["reference"]!.GetValue<string>());

        // The day after: paid out less 2.5 %, as a transfer to the connected account keyed by the payout.
        app.Stripe.Calls.Clear();
        await s.SetClockAsync(Iso(start.AddDays(1)) + "T01:00:00Z");
        var payout = Assert.Single((await (await partner.GetAsync("/v1/payouts")).ExpectAsync(HttpStatusCode.OK))["data"]!.AsArray())!;
        Assert.Equal("sent", payout["status"]!.GetValue<string>());
        var transfer = Assert.Single(app.Stripe.Calls, c => c.Method == "POST" && c.Path == "/v1/transfers");
        Assert.Equal(account, transfer.Field("destination"));
        Assert.Equal((long)(payout["net"]!.GetValue<decimal>() * 100), long.Parse(transfer.Field("amount"), CultureInfo.InvariantCulture));
        Assert.Equal(totalMinor - (long)Math.Round(totalMinor * 0.025m, MidpointRounding.AwayFromZero), long.Parse(transfer.Field("amount"), CultureInfo.InvariantCulture));
        Assert.Equal("payout:" + payout["id"]!.GetValue<string>(), transfer.IdempotencyKey);

        // Nothing leaves twice: a later round sends no second invoice or transfer.
        app.Stripe.Calls.Clear();
        await s.SetClockAsync(Iso(start.AddDays(3)) + "T01:00:00Z");
        Assert.DoesNotContain(app.Stripe.Calls, c => c.Method == "POST" && c.Path is "/v1/transfers" or "/v1/invoices");
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
