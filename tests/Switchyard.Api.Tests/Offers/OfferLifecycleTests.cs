using System.Net;
using Switchyard.Api.Tests.Infrastructure;

namespace Switchyard.Api.Tests.Offers;

/// <summary>
/// The whole path through the real pipeline: offer → send → accept → clock → order activated with
/// entitlements, then an add-on adding up. Each class gets a fresh database; the clock only moves forward,
/// so each scenario lives in its own class.
/// </summary>
public class OfferLifecycleTests(SwitchyardApp app) : IClassFixture<SwitchyardApp>
{
    [Fact]
    [Trait("rule", "OFF-1")]
    [Trait("rule", "ORD-1")]
    [Trait("rule", "ORD-3")]
    [Trait("rule", "ORD-4")]
    [Trait("rule", "ORD-6")]
    [Trait("rule", "TIM-2")]
    public async Task InitialThenAddOn_ProvisionedOnStartDates_QuantitiesAddUp_ORD4()
    {
        var s = await OfferScenario.CreateAsync(app);
        var offerId = await s.SentAsync(quantity: 10, price: 10m);
        var offer = await (await s.Partner.GetAsync($"/v1/offers/{offerId}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("initial", offer["type"]!.GetValue<string>());
        Assert.Equal(1200m, offer["subtotal"]!.GetValue<decimal>());

        var orderId = await s.AcceptedOrderAsync(offerId);
        var order = await (await s.Partner.GetAsync($"/v1/orders/{orderId}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("new", order["status"]!.GetValue<string>());
        Assert.Equal("2028-01-31", order["endDate"]!.GetValue<string>());

        await s.SetClockAsync("2027-01-31T23:59:00Z");
        Assert.Equal("new", (await (await s.Partner.GetAsync($"/v1/orders/{orderId}")).ExpectAsync(HttpStatusCode.OK))["status"]!.GetValue<string>());

        await s.SetClockAsync("2027-02-01T00:00:00Z");
        order = await (await s.Partner.GetAsync($"/v1/orders/{orderId}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("activated", order["status"]!.GetValue<string>());
        Assert.True(order["transactions"]!.AsArray().Count >= 3);

        var entitlements = await (await s.Partner.GetAsync($"/v1/customers/{s.CustomerId}/entitlements?on=2027-02-01")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(10, entitlements.AsArray().Single()!["quantity"]!.GetValue<int>());

        // The customer now holds an active order: the next offer is an add-on, prorated to the parent's end.
        var addOnId = await s.SentAsync(start: "2027-08-01", validUntil: "2027-03-01", quantity: 15, price: 10m);
        var addOn = await (await s.Partner.GetAsync($"/v1/offers/{addOnId}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("addOn", addOn["type"]!.GetValue<string>());
        Assert.Equal(orderId, addOn["parentOrderId"]!.GetValue<string>());
        Assert.Equal("2028-01-31", addOn["endDate"]!.GetValue<string>());
        // 15 × 10 × 12 × 184 / 365 = 907.397… → 907.40
        Assert.Equal(907.40m, addOn["subtotal"]!.GetValue<decimal>());
        await s.AcceptedOrderAsync(addOnId);

        await s.SetClockAsync("2027-08-01T00:00:00Z");
        var before = await (await s.Partner.GetAsync($"/v1/customers/{s.CustomerId}/entitlements?on=2027-07-31")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(10, before.AsArray().Single()!["quantity"]!.GetValue<int>());
        var after = await (await s.Partner.GetAsync($"/v1/customers/{s.CustomerId}/entitlements?on=2027-08-01")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(25, after.AsArray().Single()!["quantity"]!.GetValue<int>());

        // ORD-5: after the end date the orders expire and their grants end.
        await s.SetClockAsync("2028-02-01T00:00:00Z");
        order = await (await s.Partner.GetAsync($"/v1/orders/{orderId}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("expired", order["status"]!.GetValue<string>());
        var ended = await (await s.Partner.GetAsync($"/v1/customers/{s.CustomerId}/entitlements?on=2028-02-01")).ExpectAsync(HttpStatusCode.OK);
        Assert.Empty(ended.AsArray());
    }
}

public class OfferSendProblemsTests(SwitchyardApp app) : IClassFixture<SwitchyardApp>
{
    [Fact]
    [Trait("rule", "OFF-8")]
    public async Task Send_WithEveryProblem_ListsThemAllAndChangesNothing_OFF8()
    {
        var s = await OfferScenario.CreateAsync(app);
        var draft = await (await s.Partner.PostJsonAsync("/v1/offers", new
        {
            customerId = s.CustomerId,
            termSet = "net30UpfrontAnnual",
            contractTermMonths = 12,
            serviceStartDate = "2027-02-01",
            validUntil = "2027-01-20",
            terms = "T",
            recipientEmail = OfferScenario.BillingEmail,
            currency = "USD",
        })).ExpectAsync(HttpStatusCode.Created);
        var id = draft["id"]!.GetValue<string>();
        await s.SetClockAsync("2027-03-01T00:00:00Z");

        var problem = await (await s.Partner.PostAsync($"/v1/offers/{id}/send", null)).ExpectAsync(HttpStatusCode.UnprocessableEntity);
        var errors = problem["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("items"), problem.ToJsonString());
        Assert.True(errors.ContainsKey("validUntil"), problem.ToJsonString());
        Assert.True(errors.ContainsKey("serviceStartDate"), problem.ToJsonString());

        var still = await (await s.Partner.GetAsync($"/v1/offers/{id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("draft", still["status"]!.GetValue<string>());
    }

    [Fact]
    [Trait("rule", "OFF-2")]
    [Trait("rule", "OFF-5")]
    public async Task Create_BadTermsAndItems_422NamingEachField_OFF2_OFF5()
    {
        var s = await OfferScenario.CreateAsync(app);
        var problem = await (await s.Partner.PostJsonAsync("/v1/offers", new
        {
            customerId = s.CustomerId,
            termSet = "monthly",
            contractTermMonths = 24,
            serviceStartDate = "2030-02-01",
            validUntil = "2030-01-20",
            terms = "T",
            recipientEmail = OfferScenario.BillingEmail,
            currency = "USD",
        })).ExpectAsync(HttpStatusCode.UnprocessableEntity);
        Assert.True(problem["errors"]!.AsObject().ContainsKey("termSet"));
        Assert.True(problem["errors"]!.AsObject().ContainsKey("contractTermMonths"));

        var id = await s.DraftAsync(start: "2030-02-01", validUntil: "2030-01-20");
        var bad = await (await s.Partner.PostJsonAsync($"/v1/offers/{id}/items", new { productId = s.ProductId, quantity = 0, unitPriceMonthly = -1m }))
            .ExpectAsync(HttpStatusCode.UnprocessableEntity);
        Assert.True(bad["errors"]!.AsObject().ContainsKey("quantity"), bad.ToJsonString());
        Assert.True(bad["errors"]!.AsObject().ContainsKey("unitPriceMonthly"), bad.ToJsonString());
    }

    [Fact]
    [Trait("rule", "OFF-4")]
    [Trait("rule", "OFF-9")]
    public async Task EditingASentOffer_Is409_OFF4_OFF9()
    {
        var s = await OfferScenario.CreateAsync(app);
        var id = await s.SentAsync(start: "2030-02-01", validUntil: "2030-01-20");
        var conflict = await (await s.Partner.PatchJsonAsync($"/v1/offers/{id}", new { partnerPo = "PO-2" })).ExpectAsync(HttpStatusCode.Conflict);
        Assert.Equal("offerNotEditable", conflict.Code());
        await (await s.Partner.PostJsonAsync($"/v1/offers/{id}/items", new { productId = s.ProductId, quantity = 1, unitPriceMonthly = 1m }))
            .ExpectAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    [Trait("rule", "CAT-4")]
    public async Task ProductWithoutLicense_CannotBeAdded_CAT4()
    {
        var s = await OfferScenario.CreateAsync(app);
        var entry = await app.CreateCatalogEntryAsync(s.PartnerId, "Bare");
        var bare = await s.Partner.CreateProductAsync(entry, "Unmapped", licenseId: null);
        var id = await s.DraftAsync(start: "2030-02-01", validUntil: "2030-01-20");
        var problem = await (await s.Partner.PostJsonAsync($"/v1/offers/{id}/items", new { productId = bare, quantity = 1, unitPriceMonthly = 1m }))
            .ExpectAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("productHasNoLicenses", problem.ToJsonString(), StringComparison.Ordinal);
    }
}

public class OfferCustomerSideTests(SwitchyardApp app) : IClassFixture<SwitchyardApp>
{
    [Fact]
    [Trait("rule", "OFF-10")]
    public async Task CustomerNotOptedIn_SendGoesToError_ThenRetryAfterOptIn_OFF10()
    {
        var s = await OfferScenario.CreateAsync(app);
        await (await s.Customer.PatchJsonAsync("/v1/customer/settings", new { receiveOffers = false })).ExpectAsync(HttpStatusCode.OK);
        var id = await s.DraftAsync(start: "2030-02-01", validUntil: "2030-01-20");

        var errored = await (await s.Partner.PostAsync($"/v1/offers/{id}/send", null)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("error", errored["status"]!.GetValue<string>());
        Assert.Equal("customerNotOptedIn", errored["errorCode"]!.GetValue<string>());

        var queue = await (await app.Operator().GetAsync("/v1/operator/offers?status=error")).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(queue["data"]!.AsArray(), o => o!["id"]!.GetValue<string>() == id);

        await (await s.Partner.PostAsync($"/v1/offers/{id}/retry", null)).ExpectAsync(HttpStatusCode.Conflict);
        await (await s.Customer.PatchJsonAsync("/v1/customer/settings", new { receiveOffers = true })).ExpectAsync(HttpStatusCode.OK);
        var retried = await (await s.Partner.PostAsync($"/v1/offers/{id}/retry", null)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("sent", retried["status"]!.GetValue<string>());
    }

    [Fact]
    [Trait("rule", "OFF-11")]
    public async Task Accept_ByUserWithoutManageBilling_403_AndOtherOrg_404_OFF11()
    {
        var s = await OfferScenario.CreateAsync(app);
        var id = await s.SentAsync(start: "2030-02-01", validUntil: "2030-01-20");
        var op = app.Operator();
        await (await op.PostJsonAsync($"/v1/customer-orgs/{s.OrgId}/users", new { email = "viewer@globex.example", manageBilling = false })).ExpectAsync(HttpStatusCode.Created);
        var viewerKey = (await (await op.PostJsonAsync($"/v1/customer-orgs/{s.OrgId}/api-keys", new { email = "viewer@globex.example" })).ExpectAsync(HttpStatusCode.Created))["key"]!.GetValue<string>();
        await (await app.ClientWithKey(viewerKey).PostAsync($"/v1/customer/offers/{id}/accept", null)).ExpectAsync(HttpStatusCode.Forbidden);

        var other = await OfferScenario.CreateAsync(app, "Other");
        await (await other.Customer.PostAsync($"/v1/customer/offers/{id}/accept", null)).ExpectAsync(HttpStatusCode.NotFound);

        var orderId = await s.AcceptedOrderAsync(id);
        Assert.StartsWith("ord_", orderId, StringComparison.Ordinal);
        var again = await (await s.Customer.PostAsync($"/v1/customer/offers/{id}/accept", null)).ExpectAsync(HttpStatusCode.Conflict);
        Assert.Equal("offerNotSent", again.Code());
    }

    [Fact]
    [Trait("rule", "OFF-14")]
    public async Task Send_WritesAnEmailToRecipientWithTheLink_OFF14()
    {
        var s = await OfferScenario.CreateAsync(app);
        var id = await s.SentAsync(start: "2030-02-01", validUntil: "2030-01-20");
        await app.DeliverOutboxAsync();
        var mails = Directory.GetFiles(app.MailPickup, "*.eml").Select(File.ReadAllText).ToList();
        Assert.Contains(mails, m => m.Contains(OfferScenario.BillingEmail, StringComparison.Ordinal) && m.Contains(id, StringComparison.Ordinal));
    }
}

public class OfferExpiryTests(SwitchyardApp app) : IClassFixture<SwitchyardApp>
{
    [Fact]
    [Trait("rule", "OFF-13")]
    public async Task SentOffer_ExpiresAfterItsValidUntilDay_AndCannotBeAccepted_OFF13()
    {
        var s = await OfferScenario.CreateAsync(app);
        var id = await s.SentAsync(start: "2027-02-01", validUntil: "2027-01-10");
        await s.SetClockAsync("2027-01-10T23:59:59Z");
        Assert.Equal("sent", (await (await s.Partner.GetAsync($"/v1/offers/{id}")).ExpectAsync(HttpStatusCode.OK))["status"]!.GetValue<string>());
        await s.SetClockAsync("2027-01-11T00:00:00Z");
        Assert.Equal("expired", (await (await s.Partner.GetAsync($"/v1/offers/{id}")).ExpectAsync(HttpStatusCode.OK))["status"]!.GetValue<string>());
        await (await s.Customer.PostAsync($"/v1/customer/offers/{id}/accept", null)).ExpectAsync(HttpStatusCode.Conflict);
    }
}

public class ConcurrentAcceptTests(SwitchyardApp app) : IClassFixture<SwitchyardApp>
{
    [Fact]
    [Trait("rule", "SEC-4")]
    public async Task TwentyParallelAccepts_CreateExactlyOneOrder_SEC4()
    {
        var s = await OfferScenario.CreateAsync(app);
        var id = await s.SentAsync(start: "2030-02-01", validUntil: "2030-01-20");

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => s.Customer.PostAsync($"/v1/customer/offers/{id}/accept", null)));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        var orders = await (await s.Partner.GetAsync($"/v1/orders?customerId={s.CustomerId}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Single(orders["data"]!.AsArray());
    }
}
