using Microsoft.EntityFrameworkCore;
using Switchyard.Data;
using Switchyard.Domain.Auditing;
using Switchyard.Domain.Common;
using Switchyard.Domain.Customers;
using Switchyard.Domain.Offers;
using Switchyard.Domain.Orders;

namespace Switchyard.Server.Offers;

/// <summary>
/// The customer's decision on an offer (OFF-11, OFF-12): accept (creates the order, status New) or reject.
/// Shared by the customer API and the console's customer portal.
/// </summary>
public static class DecideOffer
{
    /// <summary>SEC-1: offers of one org that its users may see (anything past draft), across partners.</summary>
    public static IQueryable<Offer> VisibleTo(SwitchyardDb db, string? orgId)
    {
        // No org (a caller of another kind) matches no offer, as the null comparison did.
        var org = CustomerOrgId.From(orgId ?? "");
        return db.Offers.IgnoreQueryFilters().Where(o => o.CustomerOrgId == org && o.Status != OfferStatus.Draft);
    }

    /// <summary>The customer user a console user acts as: same org, same email.</summary>
    public static Task<CustomerUser?> CustomerUserAsync(SwitchyardDb db, string? orgId, string email, CancellationToken ct)
    {
        var normalized = CustomerUser.NormalizeEmail(email);
        var org = CustomerOrgId.From(orgId ?? "");
        return db.CustomerUsers.AsNoTracking().SingleOrDefaultAsync(u => u.OrgId == org && u.Email == normalized, ct);
    }

    /// <summary>OFF-11, OFF-12: only the recipient holding manage billing; the tax exemption on file is captured.</summary>
    public static async Task<Result<Order>> AcceptAsync(
        SwitchyardDb db, Offer offer, CustomerUser user, DateTimeOffset now, MarketplaceCalendar calendar, CancellationToken ct)
    {
        var org = await db.CustomerOrgs.AsNoTracking().SingleAsync(o => o.Id == offer.CustomerOrgId, ct);
        var productIds = offer.Items.Select(i => i.ProductId).Distinct().ToList();
        var products = await db.Products.IgnoreQueryFilters().AsNoTracking()
            .Where(p => p.PartnerId == offer.PartnerId && productIds.Contains(p.Id)).ToListAsync(ct);
        var accepted = offer.Accept(new AcceptContext
        {
            User = user,
            Today = calendar.DateOf(now),
            Now = now,
            TaxExemptionOnFile = org.TaxExemptionOnFile,
            Products = products,
        });
        if (accepted.IsFailure)
        {
            return accepted;
        }
        db.Orders.Add(accepted.Value);
        db.Audit.Describe(offer, AuditActions.OfferAccepted);
        // SEC-4: the offer's version makes N simultaneous accepts create exactly one order; the losers get 409.
        await db.SaveChangesAsync(ct);
        return accepted;
    }

    /// <summary>OFF-11: the recipient rejects, with an optional reason.</summary>
    public static async Task<Result<Unit>> RejectAsync(
        SwitchyardDb db, Offer offer, CustomerUser user, string? reason, DateTimeOffset now, MarketplaceCalendar calendar, CancellationToken ct)
    {
        var rejected = offer.Reject(new DecisionContext(user, calendar.DateOf(now), now), reason);
        if (rejected.IsFailure)
        {
            return rejected;
        }
        db.Audit.Describe(offer, AuditActions.OfferRejected, reason);
        await db.SaveChangesAsync(ct);
        return rejected;
    }
}
