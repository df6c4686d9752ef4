using Microsoft.EntityFrameworkCore;
using Switchyard.Data;
using Switchyard.Domain.Catalog;
using Switchyard.Domain.Common;
using Switchyard.Domain.Customers;
using Switchyard.Domain.Offers;

namespace Switchyard.Bench;

/// <summary>
/// Accepted orders made by the same domain methods the API calls (create, add items, send, accept), saved
/// in chunks through the real DbContext (audit trail included); for N too large to go through HTTP here.
/// </summary>
internal static class DomainSeed
{
    public static async Task AcceptedOrdersAsync(IServiceProvider services, string customerId, IReadOnlyList<string> productIds, int count, int chunk = 500)
    {
        var clock = services.GetRequiredService<TimeProvider>();
        var calendar = services.GetRequiredService<MarketplaceCalendar>();
        var now = clock.GetUtcNow();
        var today = calendar.DateOf(now);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SwitchyardDb>();
        db.Scope.ForSystem("system:bench");
        // Only new rows are saved: the save's own change scan suffices (no scan per look at the tracker).
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var customer = await db.Customers.AsNoTracking().SingleAsync(c => c.Id == CustomerId.From(customerId));
        var ids = productIds.Select(ProductId.From).ToList();
        var products = await db.Products.AsNoTracking().Where(p => ids.Contains(p.Id)).ToListAsync();
        var user = await db.CustomerUsers.AsNoTracking().FirstAsync(u => u.OrgId == customer.OrgId);
        var context = CustomerContext.For(customer, []);
        for (var done = 0; done < count; done += chunk)
        {
            for (var i = done; i < Math.Min(count, done + chunk); i++)
            {
                var offer = Offer.Create(new OfferDraft
                {
                    TermSet = "net30UpfrontAnnual",
                    ContractTermMonths = 12,
                    ServiceStartDate = new DateOnly(2027, 2, 1),
                    ValidUntil = new DateOnly(2027, 1, 31),
                    Terms = "Standard terms",
                    RecipientEmail = user.Email,
                    Currency = "USD",
                }, context, today, now).Value;
                foreach (var product in products)
                {
                    _ = offer.AddItem(product, 10, 10m, null).Value;
                }
                _ = offer.Send(new SendContext
                {
                    Today = today,
                    Now = now,
                    PartnerApproved = true,
                    PaymentAccountConnected = true,
                    Products = products,
                    LegacyCatalogEntryIds = new HashSet<string>(StringComparer.Ordinal),
                    PortalBaseUrl = new Uri("http://localhost/console/customer/offers/"),
                }).Value;
                var order = offer.Accept(new AcceptContext { User = user, Today = today, Now = now, TaxExemptionOnFile = false, Products = products }).Value;
                db.Offers.Add(offer);
                db.Orders.Add(order);
            }
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }
    }
}
