using Microsoft.EntityFrameworkCore;
using Switchyard.Data;
using Switchyard.Domain.Auditing;
using Switchyard.Domain.Common;
using Switchyard.Domain.Offers;

namespace Switchyard.Server.Offers;

/// <summary>
/// OFF-10: Error → Sent once the cause is fixed, then the offer is emailed again; operator-only codes refuse a
/// partner. Shared by the partner's and the operator's retry endpoints and console buttons.
/// </summary>
public static class RetryOffer
{
    public static async Task<Result<Offer>> RunAsync(
        SwitchyardDb db, Offer offer, bool byOperator, DateTimeOffset now, MarketplaceCalendar calendar, OfferDelivery delivery, CancellationToken ct)
    {
        var (receives, emails) = await OfferDelivery.CustomerSideAsync(db, offer.CustomerOrgId, ct);
        var retried = offer.Retry(new RetryContext
        {
            Today = calendar.DateOf(now),
            Now = now,
            ByOperator = byOperator,
            CustomerReceivesOffers = receives,
            ManageBillingEmails = emails,
            PortalBaseUrl = delivery.PortalBaseUrl,
        });
        if (retried.IsFailure)
        {
            return Result<Offer>.Failure(retried.Errors);
        }
        db.Audit.Describe(offer, AuditActions.OfferRetried);
        var partnerName = await db.Partners.IgnoreQueryFilters().Where(p => p.Id == offer.PartnerId).Select(p => p.Name).SingleAsync(ct);
        // OPS-1: emailed again after the commit, by the outbox.
        OfferDelivery.Enqueue(db, offer, retried.Value, partnerName);
        await db.SaveChangesAsync(ct);
        return offer;
    }
}
