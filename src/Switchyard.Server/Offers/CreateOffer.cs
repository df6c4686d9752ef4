using Microsoft.EntityFrameworkCore;
using Switchyard.Data;
using Switchyard.Domain.Common;
using Switchyard.Domain.Customers;
using Switchyard.Domain.Offers;
using Switchyard.Domain.Orders;

namespace Switchyard.Server.Offers;

/// <summary>
/// A partner creates a draft offer for one of its customers (OFF-1, OFF-2, OFF-3; ONB-1: approved partners only).
/// Shared by POST /v1/offers and the console's "new offer" page.
/// </summary>
public static class CreateOffer
{
    public static async Task<Result<Offer>> RunAsync(
        SwitchyardDb db, string partnerId, string? customerId, OfferDraft draft, DateTimeOffset now, MarketplaceCalendar calendar, CancellationToken ct)
    {
        var partner = await db.Partners.AsNoTracking().SingleAsync(p => p.Id == partnerId, ct);
        var approved = partner.EnsureApproved();
        if (approved.IsFailure)
        {
            return Result<Offer>.Failure(approved.Errors);
        }
        var customer = string.IsNullOrWhiteSpace(customerId) ? null : await db.Customers.AsNoTracking().SingleOrDefaultAsync(c => c.Id == CustomerId.From(customerId), ct);
        if (customer is null)
        {
            // UX-2: every problem at once: the customer's, and the draft's own checked as for a customer without orders.
            var customerError = string.IsNullOrWhiteSpace(customerId)
                ? Errors.Required("customerId")
                : Errors.Validation("unknownCustomer", "customerId", "No customer of yours has this id; list yours with GET /v1/customers.");
            var rest = Offer.Create(draft, new CustomerContext(partnerId, CustomerId.From(""), CustomerOrgId.From(""), null), calendar.DateOf(now), now);
            return Result<Offer>.Failure([customerError, .. rest.IsFailure ? rest.Errors.Where(e => e.Field != "customerId") : Enumerable.Empty<Error>()]);
        }
        // OFF-1: the type follows from the customer's orders. Only an order that can be a parent is read
        // (the one CustomerContext.For would pick), without its parts: one row however long the history.
        // The latest of each type (two probes of the org/partner/type/end-date index, one round trip); the domain picks.
        var active = db.Orders.AsNoTracking().IgnoreAutoIncludes()
            .Where(o => o.CustomerOrgId == customer.OrgId && o.PartnerId == customer.PartnerId
                && (o.Status == OrderStatus.New || o.Status == OrderStatus.Processing || o.Status == OrderStatus.Activated));
        var candidates = await active.Where(o => o.Type == OfferType.Initial).OrderByDescending(o => o.EndDate).Take(1)
            .Concat(active.Where(o => o.Type == OfferType.AddOn).OrderByDescending(o => o.EndDate).Take(1))
            .ToListAsync(ct);
        var offer = Offer.Create(draft, CustomerContext.For(customer, candidates), calendar.DateOf(now), now);
        if (offer.IsFailure)
        {
            return offer;
        }
        db.Offers.Add(offer.Value);
        await db.SaveChangesAsync(ct);
        return offer;
    }
}
