using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Api.Tests.Infrastructure;
using Switchyard.Api.Tests.Offers;
using Switchyard.Domain.Catalog;
using Switchyard.Domain.Common;
using Switchyard.Domain.Customers;
using Switchyard.Domain.Offers;
using Switchyard.Domain.Orders;
using Switchyard.Server.Clock;

namespace Switchyard.Api.Tests.Workers;

/// <summary>
/// Many accepted orders at once, made through the domain methods (create, add items, send, accept)
/// and saved with one DbContext: the HTTP path is proven elsewhere (OfferLifecycleTests); here only
/// the volume matters.
/// </summary>
public static class DueOrders
{
    public static async Task<IReadOnlyList<OrderId>> SeedAsync(OfferScenario s, int count, DateOnly start, int itemsPerOrder = 2)
    {
        var clock = s.App.Services.GetRequiredService<ManualTimeProvider>();
        var calendar = s.App.Services.GetRequiredService<MarketplaceCalendar>();
        var now = clock.GetUtcNow();
        var today = calendar.DateOf(now);
        await using var scope = s.App.DbScope(out var db);
        var customer = await db.Customers.SingleAsync(c => c.Id == CustomerId.From(s.CustomerId));
        var product = await db.Products.AsNoTracking().SingleAsync(p => p.Id == ProductId.From(s.ProductId));
        var user = await db.CustomerUsers.AsNoTracking().SingleAsync(u => u.OrgId == customer.OrgId && u.Email == OfferScenario.BillingEmail);
        var context = CustomerContext.For(customer, []);
        var ids = new List<OrderId>(count);
        for (var i = 0; i < count; i++)
        {
            var offer = Offer.Create(new OfferDraft
            {
                TermSet = "net30UpfrontAnnual",
                ContractTermMonths = 12,
                ServiceStartDate = start,
                ValidUntil = today.AddDays(7),
                Terms = "Standard terms",
                RecipientEmail = OfferScenario.BillingEmail,
                Currency = "USD",
            }, context, today, now).Value;
            for (var item = 0; item < itemsPerOrder; item++)
            {
                _ = offer.AddItem(product, 10 + item, 10m, null).Value;
            }
            _ = offer.Send(new SendContext
            {
                Today = today,
                Now = now,
                PartnerApproved = true,
                PaymentAccountConnected = true,
                Products = [product],
                LegacyCatalogEntryIds = new HashSet<string>(StringComparer.Ordinal),
                PortalBaseUrl = new Uri("http://localhost/console/customer/offers/"),
            }).Value;
            var order = offer.Accept(new AcceptContext
            {
                User = user,
                Today = today,
                Now = now,
                TaxExemptionOnFile = false,
                Products = [product],
            }).Value;
            db.Offers.Add(offer);
            db.Orders.Add(order);
            ids.Add(order.Id);
        }
        await db.SaveChangesAsync();
        return ids;
    }
}
