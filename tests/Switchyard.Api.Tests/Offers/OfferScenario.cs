using System.Net;
using Switchyard.Api.Tests.Infrastructure;

namespace Switchyard.Api.Tests.Offers;

/// <summary>A partner ready to sell (approved, payments connected, a product with a license) and a customer with a billing user.</summary>
public sealed record OfferScenario(SwitchyardApp App, string PartnerId, HttpClient Partner, string ProductId, string CustomerId, string OrgId, HttpClient Customer)
{
    public const string BillingEmail = "billing@globex.example";

    private static int _orgCounter;

    public static async Task<OfferScenario> CreateAsync(SwitchyardApp app, string name = "Seller")
    {
        var (partnerId, partner) = await app.PartnerAsync(name + Guid.NewGuid().ToString("N")[..6]);
        await (await partner.PostAsync("/v1/account/payment-connection", null)).ExpectAsync(HttpStatusCode.OK);
        var entry = await app.CreateCatalogEntryAsync(partnerId);
        var product = await partner.CreateProductAsync(entry);
        var orgId = "00D" + Interlocked.Increment(ref _orgCounter).ToString("D12", System.Globalization.CultureInfo.InvariantCulture) + "ZZ0"[..0];
        orgId = orgId.PadRight(15, '0')[..15];
        var customerId = await partner.CreateCustomerAsync(orgId, "Globex", BillingEmail);
        var op = app.Operator();
        await (await op.PostJsonAsync($"/v1/customer-orgs/{orgId}/users", new { email = BillingEmail, manageBilling = true })).ExpectAsync(HttpStatusCode.Created);
        var key = await (await op.PostJsonAsync($"/v1/customer-orgs/{orgId}/api-keys", new { email = BillingEmail })).ExpectAsync(HttpStatusCode.Created);
        return new OfferScenario(app, partnerId, partner, product, customerId, orgId, app.ClientWithKey(key["key"]!.GetValue<string>()));
    }

    public async Task<string> DraftAsync(string start = "2027-02-01", string validUntil = "2027-01-20", int quantity = 10, decimal price = 10m)
    {
        var offer = await (await Partner.PostJsonAsync("/v1/offers", new
        {
            customerId = CustomerId,
            termSet = "net30UpfrontAnnual",
            contractTermMonths = 12,
            serviceStartDate = start,
            validUntil,
            terms = "Standard terms",
            recipientEmail = BillingEmail,
            currency = "USD",
        })).ExpectAsync(HttpStatusCode.Created);
        var id = offer["id"]!.GetValue<string>();
        await (await Partner.PostJsonAsync($"/v1/offers/{id}/items", new { productId = ProductId, quantity, unitPriceMonthly = price }))
            .ExpectAsync(HttpStatusCode.Created);
        return id;
    }

    public async Task<string> SentAsync(string start = "2027-02-01", string validUntil = "2027-01-20", int quantity = 10, decimal price = 10m)
    {
        var id = await DraftAsync(start, validUntil, quantity, price);
        var sent = await (await Partner.PostAsync($"/v1/offers/{id}/send", null)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("sent", sent["status"]!.GetValue<string>());
        return id;
    }

    public async Task<string> AcceptedOrderAsync(string offerId)
    {
        var accepted = await (await Customer.PostAsync($"/v1/customer/offers/{offerId}/accept", null)).ExpectAsync(HttpStatusCode.OK);
        return accepted["orderId"]!.GetValue<string>();
    }

    public async Task SetClockAsync(string instant) =>
        await (await App.Operator().PostJsonAsync("/v1/operator/clock", new { now = instant })).ExpectAsync(HttpStatusCode.OK);
}
