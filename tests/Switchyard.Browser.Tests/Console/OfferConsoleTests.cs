using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Switchyard.Browser.Tests.Infrastructure;
using Switchyard.Data;

namespace Switchyard.Browser.Tests.Console;

/// <summary>
/// Private offers to provisioned licenses in the console: the partner drafts and sends, the customer accepts in
/// the portal, the clock moves, the order activates. The collection's server (and its manual clock) is shared, so
/// every date here is computed from the clock's current day.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed partial class OfferConsoleTests(ConsoleServer server)
{
    private const string Password = "a long enough password";
    private const string ProductName = "Insights Team";
    private static int _orgCounter = 500;

    private sealed record Seller(string PartnerId, HttpClient Partner, string ProductId, string CustomerId, string OrgId, string BillingEmail,
        string BillingUserId);

    /// <summary>An approved partner with a sellable product and a customer whose org has a billing user (manage billing).</summary>
    private async Task<Seller> SellerAsync(string name, bool connectPayments = true)
    {
        using var api = server.OperatorApi();
        var partnerId = (await ConsoleServer.ReadAsync<JsonElement>(await api.PostAsJsonAsync("/v1/partners", new { name }))).GetProperty("id").GetString()!;
        await ConsoleServer.ReadAsync<JsonElement>(await api.PostAsync($"/v1/partners/{partnerId}/approve", null));
        var entry = await ConsoleServer.ReadAsync<JsonElement>(await api.PostAsJsonAsync($"/v1/partners/{partnerId}/catalog-entries", new { name = $"{name} Insights", contracted = true }));
        var key = await ConsoleServer.ReadAsync<JsonElement>(await api.PostAsJsonAsync($"/v1/partners/{partnerId}/api-keys",
            new { permissions = new[] { "app.view", "offers.manage" } }));
        var partner = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        partner.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key.GetProperty("key").GetString());
        if (connectPayments)
        {
            await ConsoleServer.ReadAsync<JsonElement>(await partner.PostAsync("/v1/account/payment-connection", null));
        }
        var product = await ConsoleServer.ReadAsync<JsonElement>(await partner.PostAsJsonAsync("/v1/products",
            new { name = ProductName, catalogEntryId = entry.GetProperty("id").GetString() }));
        var productId = product.GetProperty("id").GetString()!;
        await ConsoleServer.ReadAsync<JsonElement>(await partner.PostAsJsonAsync($"/v1/products/{productId}/licenses",
            new { kind = "packageLicense", externalId = "050000000000001" }));
        var orgId = "00D" + Interlocked.Increment(ref _orgCounter).ToString("D12", CultureInfo.InvariantCulture);
        var billingEmail = $"billing-{partnerId}@customer.test";
        var customer = await ConsoleServer.ReadAsync<JsonElement>(await partner.PostAsJsonAsync("/v1/customers",
            new { name = $"Globex for {name}", orgId, contactEmail = billingEmail }));
        var user = await ConsoleServer.ReadAsync<JsonElement>(await api.PostAsJsonAsync($"/v1/customer-orgs/{orgId}/users",
            new { email = billingEmail, manageBilling = true }));
        return new Seller(partnerId, partner, productId, customer.GetProperty("id").GetString()!, orgId, billingEmail, user.GetProperty("id").GetString()!);
    }

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

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A partner user signed in to the console through an operator's invitation.</summary>
    private async Task<IPage> PartnerPageAsync(Seller seller)
    {
        using var api = server.OperatorApi();
        var invitation = await ConsoleServer.ReadAsync<JsonElement>(await api.PostAsJsonAsync($"/v1/partners/{seller.PartnerId}/users",
            new { email = $"{seller.PartnerId}@partner.test", permissions = new[] { "app.view", "offers.manage" } }));
        return await AcceptInvitationAsync(invitation, "**/console/overview");
    }

    /// <summary>The customer's billing user invited to the console (POST …/users/{userId}/invitation) and signed in.</summary>
    private async Task<IPage> CustomerPageAsync(Seller seller)
    {
        using var api = server.OperatorApi();
        var invitation = await ConsoleServer.ReadAsync<JsonElement>(
            await api.PostAsync($"/v1/customer-orgs/{seller.OrgId}/users/{seller.BillingUserId}/invitation", null));
        return await AcceptInvitationAsync(invitation, "**/console/customer/offers");
    }

    private async Task<IPage> AcceptInvitationAsync(JsonElement invitation, string landing)
    {
        var link = new Uri(invitation.GetProperty("invitationUrl").GetString()!);
        var page = await server.NewPageAsync();
        await page.GotoAsync(link.PathAndQuery);
        await page.FillAsync("#password", Password);
        await page.FillAsync("#confirm", Password);
        await page.ClickAsync("button[type=submit]:has-text('Set password')");
        try
        {
            await page.WaitForURLAsync(landing);
        }
        catch (TimeoutException)
        {
            // Say where the browser ended up instead of only "timeout": the page names the problem.
            throw new InvalidOperationException($"After the invitation the browser is at {page.Url}, not {landing}: {await page.InnerTextAsync("body")}");
        }
        return page;
    }

    private static async Task<string> SentOfferViaApiAsync(Seller seller, DateOnly start, DateOnly validUntil)
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
        await ConsoleServer.ReadAsync<JsonElement>(await seller.Partner.PostAsJsonAsync($"/v1/offers/{id}/items",
            new { productId = seller.ProductId, quantity = 3, unitPriceMonthly = 20m }));
        var sent = await ConsoleServer.ReadAsync<JsonElement>(await seller.Partner.PostAsync($"/v1/offers/{id}/send", null));
        Assert.Equal("sent", sent.GetProperty("status").GetString());
        return id;
    }

    [Fact]
    [Trait("rule", "OFF-1")]
    [Trait("rule", "OFF-11")]
    [Trait("rule", "ORD-1")]
    [Trait("rule", "ORD-3")]
    [Trait("rule", "ORD-6")]
    [Trait("rule", "TIM-2")]
    public async Task PartnerSendsOffer_CustomerAcceptsInPortal_OrderActivatesWithEntitlements()
    {
        var seller = await SellerAsync("Wingtip");
        var today = await TodayAsync();
        var start = today.AddDays(14);
        var partner = await PartnerPageAsync(seller);

        // The partner drafts an offer: the term set is fixed and shown read-only (OFF-2), the type derived (OFF-1).
        await partner.GotoAsync("/console/offers/new");
        Assert.Equal("Net 30, paid upfront annually", await partner.InputValueAsync("#termSet"));
        await partner.SelectOptionAsync("#customerId", seller.CustomerId);
        await partner.FillAsync("#serviceStartDate", Iso(start));
        await partner.FillAsync("#validUntil", Iso(today.AddDays(7)));
        await partner.FillAsync("#recipientEmail", seller.BillingEmail);
        await partner.FillAsync("#partnerPo", "WT-1");
        await partner.FillAsync("#terms", "Wingtip subscription terms");
        await partner.ClickAsync("#create-offer");
        await partner.WaitForURLAsync("**/console/offers/off_*");
        var offerId = partner.Url.Split('/')[^1].Split('?')[0];
        await Assertions.Expect(partner.Locator("h1 + p")).ToContainTextAsync("initial");

        // Items: the subtotal is recomputed on each post, as it will be invoiced (OFF-7).
        await partner.SelectOptionAsync("#item-product", seller.ProductId);
        await partner.FillAsync("#item-quantity", "10");
        await partner.FillAsync("#item-price", "12.50");
        await partner.ClickAsync("#add-item");
        await Assertions.Expect(partner.Locator("#subtotal")).ToHaveTextAsync("1,500.00 USD");
        await partner.Locator("#item-table input.qty").FillAsync("12");
        await partner.ClickAsync("#save-items");
        await Assertions.Expect(partner.Locator("#subtotal")).ToHaveTextAsync("1,800.00 USD");
        await partner.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ConsoleServer.ArtifactsDir, "offer-editor.png"), FullPage = true });

        await partner.ClickAsync("#send-offer-ask");
        await partner.ClickAsync("#send-offer");
        await Assertions.Expect(partner.Locator("#offer-status")).ToHaveTextAsync("sent");
        await Assertions.Expect(partner.Locator("#history")).ToContainTextAsync("sent the offer");

        // The customer accepts the offer it signed in for; an unauthenticated visit goes through sign-in and back.
        var invited = await CustomerPageAsync(seller);
        await Assertions.Expect(invited.Locator($"#offers a[href=\"/console/customer/offers/{offerId}\"]")).ToHaveTextAsync("OFF-" + offerId[^6..].ToUpperInvariant());
        var customer = await server.NewPageAsync();
        await customer.GotoAsync($"/console/customer/offers/{offerId}");
        await customer.WaitForURLAsync("**/console/sign-in?returnUrl=*");
        await customer.FillAsync("#email", seller.BillingEmail);
        await customer.FillAsync("#password", Password);
        await customer.ClickAsync("button[type=submit]:has-text('Sign in')");
        await customer.WaitForURLAsync($"**/console/customer/offers/{offerId}");
        await Assertions.Expect(customer.Locator("#total")).ToHaveTextAsync("1,800.00 USD");
        await customer.ClickAsync("#accept");
        await Assertions.Expect(customer.Locator("#confirm-accept")).ToContainTextAsync("Are you sure?");
        await Assertions.Expect(customer.Locator("#confirm-accept")).ToContainTextAsync("1,800.00 USD");
        await customer.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ConsoleServer.ArtifactsDir, "portal-offer-confirm.png"), FullPage = true });
        await customer.ClickAsync("#confirm-accept-button");
        await Assertions.Expect(customer.Locator("#accepted")).ToContainTextAsync("ord_");
        await Assertions.Expect(customer.Locator("#offer-status")).ToHaveTextAsync("accepted");

        // On the start date the order is processed, provisioned and activated (ORD-1, ORD-3, TIM-2).
        await MoveClockAsync(start);
        // Console sessions last 8 hours by the server's clock: two weeks later the partner signs in again.
        await ConsoleServer.SignInAsync(partner, $"{seller.PartnerId}@partner.test", Password);
        await partner.GotoAsync($"/console/offers/{offerId}");
        await partner.ClickAsync("#order-link");
        await Assertions.Expect(partner.Locator("#order-status")).ToHaveTextAsync("activated");
        var entitlements = partner.Locator("#entitlement-table");
        await Assertions.Expect(entitlements).ToContainTextAsync(ProductName);
        await Assertions.Expect(entitlements.Locator("tbody tr td").Nth(1)).ToHaveTextAsync("12");
        await Assertions.Expect(partner.Locator("#timeline")).ToContainTextAsync("provisioned");

        // ORD-6: the day before the start date nothing was licensed.
        await partner.FillAsync("#on", Iso(start.AddDays(-1)));
        await partner.ClickAsync("#entitlements button:has-text('Show')");
        await Assertions.Expect(entitlements).ToContainTextAsync("No licenses");
    }

    [Fact]
    [Trait("rule", "OFF-4")]
    public async Task EditingDraft_EmptiedDates_AreReportedRequired_AndNothingChanges()
    {
        var seller = await SellerAsync("Clearwater", connectPayments: false);
        var today = await TodayAsync();
        var offer = await ConsoleServer.ReadAsync<JsonElement>(await seller.Partner.PostAsJsonAsync("/v1/offers", new
        {
            customerId = seller.CustomerId,
            termSet = "net30UpfrontAnnual",
            contractTermMonths = 12,
            serviceStartDate = Iso(today.AddDays(10)),
            validUntil = Iso(today.AddDays(5)),
            terms = "Clearwater terms",
            recipientEmail = seller.BillingEmail,
            currency = "USD",
        }));
        var id = offer.GetProperty("id").GetString()!;
        var partner = await PartnerPageAsync(seller);

        await partner.GotoAsync($"/console/offers/{id}");
        await partner.FillAsync("#serviceStartDate", "");
        await partner.FillAsync("#validUntil", "");
        await partner.FillAsync("#terms", "Changed terms");
        await partner.ClickAsync("#save-fields");
        await Assertions.Expect(partner.Locator(".error[data-field=serviceStartDate]")).ToContainTextAsync("is required");
        await Assertions.Expect(partner.Locator(".error[data-field=validUntil]")).ToContainTextAsync("is required");

        var read = await ConsoleServer.ReadAsync<JsonElement>(await seller.Partner.GetAsync($"/v1/offers/{id}"));
        Assert.Equal(Iso(today.AddDays(10)), read.GetProperty("serviceStartDate").GetString());
        Assert.Equal(Iso(today.AddDays(5)), read.GetProperty("validUntil").GetString());
        Assert.Equal("Clearwater terms", read.GetProperty("terms").GetString());
    }

    [Fact]
    [Trait("rule", "OFF-8")]
    public async Task SendingInvalidOffer_ShowsEveryProblemAtOnce()
    {
        var seller = await SellerAsync("Proseware", connectPayments: false);
        var today = await TodayAsync();
        var partner = await PartnerPageAsync(seller);

        await partner.GotoAsync("/console/offers/new");
        await partner.SelectOptionAsync("#customerId", seller.CustomerId);
        await partner.FillAsync("#serviceStartDate", Iso(today.AddDays(10)));
        await partner.FillAsync("#validUntil", Iso(today.AddDays(1)));
        await partner.FillAsync("#recipientEmail", seller.BillingEmail);
        await partner.FillAsync("#terms", "Proseware terms");
        await partner.ClickAsync("#create-offer");
        await partner.WaitForURLAsync("**/console/offers/off_*");

        // Two days later the valid-until date has passed; the offer still has no item and payments are not connected.
        await MoveClockAsync(today.AddDays(2));
        var editor = partner.Url;
        await ConsoleServer.SignInAsync(partner, $"{seller.PartnerId}@partner.test", Password);
        await partner.GotoAsync(editor);
        await partner.ClickAsync("#send-offer-ask");
        await partner.ClickAsync("#send-offer");
        await Assertions.Expect(partner.Locator("#send-errors")).ToContainTextAsync("3 problems");
        await Assertions.Expect(partner.Locator(".error[data-field=validUntil]")).ToContainTextAsync("is in the past");
        await Assertions.Expect(partner.Locator("#item-errors")).ToContainTextAsync("Add at least one item");
        await Assertions.Expect(partner.Locator("#fields .alert.bad")).ToContainTextAsync("Connect your payment account");
        await Assertions.Expect(partner.Locator("#offer-status")).ToHaveTextAsync("draft");
        await partner.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ConsoleServer.ArtifactsDir, "offer-send-errors.png"), FullPage = true });
    }

    [Fact]
    [Trait("rule", "OFF-11")]
    public async Task CustomerWithoutManageBilling_SeesAcceptRefused()
    {
        var seller = await SellerAsync("Litware");
        var today = await TodayAsync();
        var offerId = await SentOfferViaApiAsync(seller, today.AddDays(20), today.AddDays(5));
        var customer = await CustomerPageAsync(seller);

        // The org takes the right away from the recipient after the offer was sent.
        await using (var scope = server.App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SwitchyardDb>();
            db.Scope.ForSystem("test");
            var user = await db.CustomerUsers.SingleAsync(u => u.Id == Domain.Customers.CustomerUserId.From(seller.BillingUserId));
            user.SetManageBilling(false);
            await db.SaveChangesAsync();
        }

        await customer.GotoAsync($"/console/customer/offers/{offerId}");
        await customer.ClickAsync("#accept");
        await customer.ClickAsync("#confirm-accept-button");
        await Assertions.Expect(customer.Locator("#decision-error")).ToContainTextAsync("could not be accepted");
        await Assertions.Expect(customer.Locator("#decision-error")).ToContainTextAsync("needs the 'manage billing' right");
        await Assertions.Expect(customer.Locator("#offer-status")).ToHaveTextAsync("sent");
    }
}
