using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Switchyard.Browser.Tests.Infrastructure;

namespace Switchyard.Browser.Tests.Console;

/// <summary>UX-6: each role sees its whole world — the operator a customer org's offers, orders and licenses; the partner its customers, home, keys and team; the customer its orders and licenses under its org's name.</summary>
public sealed partial class OfferConsoleTests
{
    private static string Reference(string id) => id[..id.IndexOf('_', StringComparison.Ordinal)].ToUpperInvariant() + "-" + id[^6..].ToUpperInvariant();

    /// <summary>A sent offer accepted by the customer's billing user through the API, and its order activated on its start date.</summary>
    private async Task<(string OfferId, string OrderId)> ActivatedOrderAsync(Seller seller)
    {
        var today = await TodayAsync();
        var offerId = await SentOfferViaApiAsync(seller, today.AddDays(1), today.AddDays(1));
        using var api = server.OperatorApi();
        var key = await ConsoleServer.ReadAsync<JsonElement>(await api.PostAsJsonAsync($"/v1/customer-orgs/{seller.OrgId}/api-keys", new { email = seller.BillingEmail }));
        using var customer = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        customer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key.GetProperty("key").GetString());
        var accepted = await ConsoleServer.ReadAsync<JsonElement>(await customer.PostAsync($"/v1/customer/offers/{offerId}/accept", null));
        var orderId = accepted.GetProperty("orderId").GetString()!;
        await MoveClockAsync(today.AddDays(1));
        for (var i = 0; i < 60; i++)
        {
            var order = await ConsoleServer.ReadAsync<JsonElement>(await seller.Partner.GetAsync($"/v1/orders/{orderId}"));
            if (order.GetProperty("status").GetString() == "activated")
            {
                return (offerId, orderId);
            }
            await Task.Delay(500);
        }
        throw new InvalidOperationException($"Order {orderId} did not activate.");
    }

    /// <summary>Invoicing runs as its own due transition just after activation: waits until the order's invoice is issued.</summary>
    private static async Task WaitForInvoiceAsync(Seller seller)
    {
        for (var i = 0; i < 60; i++)
        {
            var invoices = await ConsoleServer.ReadAsync<JsonElement>(await seller.Partner.GetAsync("/v1/invoices"));
            if (invoices.GetProperty("data").GetArrayLength() > 0)
            {
                return;
            }
            await Task.Delay(500);
        }
        throw new InvalidOperationException("No invoice was issued for the activated order.");
    }

    [Fact]
    [Trait("rule", "UX-6")]
    public async Task EachRole_SeesTheCustomersWorld_OrgPage_PortalByName_PartnerCustomerDetail()
    {
        var seller = await SellerAsync("Litware");
        var (offerId, orderId) = await ActivatedOrderAsync(seller);
        var orgName = $"Globex for Litware";

        // Operator: the customer org's page shows its offers, orders and what it is licensed for today.
        var op = await server.NewPageAsync();
        await ConsoleServer.SignInAsync(op, ConsoleServer.OperatorEmail, ConsoleServer.OperatorPassword);
        await op.WaitForURLAsync("**/console/home");
        await op.GotoAsync($"/console/customer-orgs/{seller.OrgId}");
        var offers = op.Locator("#org-offers");
        await Assertions.Expect(offers.Locator($"a[href='/console/offers/{offerId}']")).ToHaveTextAsync(Reference(offerId));
        await Assertions.Expect(offers).ToContainTextAsync(ProductName);
        await Assertions.Expect(offers).ToContainTextAsync("accepted");
        await Assertions.Expect(offers).ToContainTextAsync("Litware");
        await Assertions.Expect(op.Locator("#org-orders")).ToContainTextAsync(Reference(orderId));
        await Assertions.Expect(op.Locator("#org-orders")).ToContainTextAsync("activated");
        await Assertions.Expect(op.Locator("#org-orders")).ToContainTextAsync("720.00 USD");
        var licensed = op.Locator("#org-entitlements tbody tr");
        await Assertions.Expect(licensed).ToHaveCountAsync(1);
        await Assertions.Expect(licensed).ToContainTextAsync(ProductName);
        await Assertions.Expect(licensed.Locator("td").Nth(1)).ToHaveTextAsync("3");
        await ShootAsync(op, "operator-customer-org");

        // Customer: its orders and licenses, under the org's name, never its id.
        var customer = await CustomerPageAsync(seller);
        await Assertions.Expect(customer.Locator("h1")).ToHaveTextAsync($"Offers for {orgName}");
        await Assertions.Expect(customer.Locator("header .who")).ToContainTextAsync(orgName);
        await customer.ClickAsync("header nav a:has-text('Orders')");
        await customer.WaitForURLAsync("**/console/customer/orders");
        await Assertions.Expect(customer.Locator("h1")).ToHaveTextAsync($"Orders of {orgName}");
        await Assertions.Expect(customer.Locator("#orders")).ToContainTextAsync(Reference(orderId));
        await Assertions.Expect(customer.Locator("#orders")).ToContainTextAsync("activated");
        await Assertions.Expect(customer.Locator("#orders")).ToContainTextAsync("Litware");
        Assert.DoesNotContain(seller.OrgId, await customer.InnerTextAsync("body"), StringComparison.OrdinalIgnoreCase);
        await ShootAsync(customer, "portal-orders");

        // The order's own page: who sold it, what it licenses, and the invoice issued when it activated.
        await WaitForInvoiceAsync(seller);
        await customer.ClickAsync($"#orders a:has-text('{Reference(orderId)}')");
        await customer.WaitForURLAsync($"**/console/customer/orders/{orderId}");
        await Assertions.Expect(customer.Locator("h1")).ToContainTextAsync("from Litware");
        await Assertions.Expect(customer.Locator("#items")).ToContainTextAsync(ProductName);
        await Assertions.Expect(customer.Locator("#order-subtotal")).ToHaveTextAsync("720.00 USD");
        await Assertions.Expect(customer.Locator("#invoices tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(customer.Locator("#invoices")).ToContainTextAsync("INV-");
        Assert.DoesNotContain(seller.OrgId, await customer.InnerTextAsync("body"), StringComparison.OrdinalIgnoreCase);
        await ShootAsync(customer, "portal-order");
        // Another org's order, or a made-up id, is simply not there.
        var missing = await customer.GotoAsync("/console/customer/orders/ord_unknown");
        Assert.Equal((int)HttpStatusCode.NotFound, missing!.Status);
        await customer.GotoAsync("/console/customer/orders");
        await customer.ClickAsync("header nav a:has-text('Licenses')");
        await customer.WaitForURLAsync("**/console/customer/entitlements");
        await Assertions.Expect(customer.Locator("h1")).ToHaveTextAsync($"Licenses of {orgName}");
        await Assertions.Expect(customer.Locator("#entitlements tbody tr")).ToContainTextAsync(ProductName);
        Assert.DoesNotContain(seller.OrgId, await customer.InnerTextAsync("body"), StringComparison.OrdinalIgnoreCase);

        // Partner: a customer row leads to the customer's page, with its offers, orders and licenses, and it can be edited.
        var partner = await PartnerPageAsync(seller);
        await partner.GotoAsync("/console/customers");
        await partner.ClickAsync($"#customers a:has-text('{orgName}')");
        await partner.WaitForURLAsync($"**/console/customers/{seller.CustomerId}");
        await Assertions.Expect(partner.Locator("#customer-offers")).ToContainTextAsync(Reference(offerId));
        await Assertions.Expect(partner.Locator("#customer-orders")).ToContainTextAsync("activated");
        await Assertions.Expect(partner.Locator("#customer-entitlements")).ToContainTextAsync(ProductName);
        await partner.FillAsync("#edit-name", "");
        await partner.FillAsync("#edit-email", "buyer@globex.test");
        await partner.ClickAsync("#save-customer");
        await Assertions.Expect(partner.Locator(".error[data-field=name]")).ToContainTextAsync("Name");
        Assert.Equal("buyer@globex.test", await partner.InputValueAsync("#edit-email"));
        await partner.FillAsync("#edit-name", "Globex Industries");
        await partner.FillAsync("#edit-reason", "renamed after the merger");
        await partner.ClickAsync("#save-customer");
        await partner.WaitForURLAsync(url => url.Contains("saved=1", StringComparison.Ordinal));
        await Assertions.Expect(partner.Locator("h1")).ToHaveTextAsync("Globex Industries");
        await Assertions.Expect(partner.Locator("#history")).ToContainTextAsync("renamed after the merger");
        await ShootAsync(partner, "partner-customer");
        var read = await ConsoleServer.ReadAsync<JsonElement>(await seller.Partner.GetAsync($"/v1/customers/{seller.CustomerId}"));
        Assert.Equal("buyer@globex.test", read.GetProperty("contactEmail").GetString());
    }

    [Fact]
    [Trait("rule", "UX-6")]
    [Trait("rule", "SEC-2")]
    public async Task Partner_HomeShowsWhatNeedsAttention_ManagesOwnKeysAndTeam()
    {
        var seller = await SellerAsync("Proseware");
        var today = await TodayAsync();
        var offerId = await SentOfferViaApiAsync(seller, today.AddDays(20), today.AddDays(10));
        var partner = await PartnerPageAsync(seller);

        // Home: the sent offer waits for the customer; recent activity says who did what.
        await partner.ClickAsync("header nav a:has-text('Home')");
        await partner.WaitForURLAsync("**/console/overview");
        await Assertions.Expect(partner.Locator("#awaiting-acceptance")).ToContainTextAsync(Reference(offerId));
        await Assertions.Expect(partner.Locator("#awaiting-acceptance")).ToContainTextAsync("Globex for Proseware");
        await Assertions.Expect(partner.Locator("#count-awaiting")).ToHaveTextAsync("1");
        await Assertions.Expect(partner.Locator("#recent-activity")).ToContainTextAsync("sent the offer");
        await ShootAsync(partner, "partner-home");

        // API keys: created with a name and permissions, the secret shown once; revoking asks first and the key stops working.
        await partner.ClickAsync("header nav a:has-text('API keys')");
        await partner.FillAsync("#key-name", "CRM sync");
        await partner.CheckAsync("#create-key input[value='offers.manage']");
        await partner.ClickAsync("#create-key-button");
        var secret = (await partner.InnerTextAsync("#new-key-secret")).Trim();
        using var client = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/offers")).StatusCode);
        var row = partner.Locator("#keys tr", new PageLocatorOptions { HasText = "CRM sync" });
        await Assertions.Expect(row).ToContainTextAsync("Manage offers");
        await ShootAsync(partner, "partner-api-keys");
        await partner.GotoAsync("/console/api-keys");
        await Assertions.Expect(partner.Locator("#new-key")).ToHaveCountAsync(0);
        Assert.DoesNotContain(secret, await partner.ContentAsync(), StringComparison.Ordinal);
        await row.Locator("summary:has-text('Revoke')").ClickAsync();
        await Assertions.Expect(row.Locator(".confirm-box")).ToContainTextAsync("cannot be undone");
        await row.Locator(".confirm-box button").ClickAsync();
        await partner.WaitForURLAsync(url => url.Contains("revoked=1", StringComparison.Ordinal));
        await Assertions.Expect(partner.Locator("#keys tr", new PageLocatorOptions { HasText = "CRM sync" })).ToContainTextAsync("revoked");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/v1/offers")).StatusCode);

        // Team: an invitation with permissions; the link is shown once and lets the new member in with just those rights.
        await partner.ClickAsync("header nav a:has-text('Team')");
        var email = $"sales-{seller.PartnerId}@partner.test";
        await partner.FillAsync("#invite-email", email);
        await partner.CheckAsync("#invite input[value='offers.manage']");
        await partner.ClickAsync("#invite-button");
        var link = new Uri((await partner.InnerTextAsync("#invitation-link")).Trim());
        var member = partner.Locator("#team tr", new PageLocatorOptions { HasText = email });
        await Assertions.Expect(member).ToContainTextAsync("Manage offers");
        await Assertions.Expect(member).ToContainTextAsync("invited");
        await ShootAsync(partner, "partner-team");
        var invited = await AcceptInvitationAsync(JsonSerializer.SerializeToElement(new { invitationUrl = link.ToString() }), "**/console/overview");
        var denied = await invited.GotoAsync("/console/api-keys");
        Assert.Equal((int)HttpStatusCode.Forbidden, denied!.Status);
    }
}
