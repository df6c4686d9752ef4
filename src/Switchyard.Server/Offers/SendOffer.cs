using Microsoft.EntityFrameworkCore;
using Switchyard.Data;
using Switchyard.Domain.Auditing;
using Switchyard.Domain.Common;
using Switchyard.Domain.Offers;

namespace Switchyard.Server.Offers;

/// <summary>
/// OFF-8: sends a draft, listing every problem at once; OFF-10: a customer-side problem moves it to Error
/// instead; OFF-14: otherwise the recipient and billing address are emailed. Shared by POST /v1/offers/{id}/send
/// and the console's Send button.
/// </summary>
public static class SendOffer
{
    public static async Task<Result<Offer>> RunAsync(
        SwitchyardDb db, Offer offer, DateTimeOffset now, MarketplaceCalendar calendar, OfferDelivery delivery, CancellationToken ct)
    {
        var partner = await db.Partners.AsNoTracking().SingleAsync(p => p.Id == offer.PartnerId, ct);
        var productIds = offer.Items.Select(i => i.ProductId).Distinct().ToList();
        var products = await db.Products.AsNoTracking().Where(p => productIds.Contains(p.Id)).ToListAsync(ct);
        var sent = offer.Send(new SendContext
        {
            Today = calendar.DateOf(now),
            Now = now,
            PartnerApproved = partner.IsApproved,
            PaymentAccountConnected = partner.CanSendOffers,
            Products = products,
            // MIG-7: the apps the customer still holds on the legacy channel on the service start date (LEG-5).
            LegacyCatalogEntryIds = await ChannelMigration.MigrationSteps.LegacyAppsOnAsync(db, offer.CustomerOrgId.Value, offer.ServiceStartDate, ct),
            PortalBaseUrl = delivery.PortalBaseUrl,
        });
        if (sent.IsFailure)
        {
            return Result<Offer>.Failure(sent.Errors);
        }
        db.Audit.Describe(offer, AuditActions.OfferSent);
        if (await OfferDelivery.CheckCustomerSideAsync(db, offer, ct))
        {
            // OPS-1: the email is written with the send and delivered after the commit; nothing is called from here.
            OfferDelivery.Enqueue(db, offer, sent.Value, partner.Name);
        }
        await db.SaveChangesAsync(ct);
        return offer;
    }
}
