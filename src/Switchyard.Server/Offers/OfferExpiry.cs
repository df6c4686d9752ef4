using Switchyard.Data;
using Switchyard.Domain.Common;
using Switchyard.Domain.Offers;
using Switchyard.Server.Clock;

namespace Switchyard.Server.Offers;

/// <summary>OFF-13: a sent offer not acted on expires at the end of its valid-until day (marketplace time zone).</summary>
public sealed class ExpireOffers(MarketplaceCalendar calendar) : IDueTransition
{
    public string Name => "offers.expiry";

    public Task<int> ApplyDueAsync(SwitchyardDb db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var today = calendar.DateOf(now);
        return DueBatches.RunAsync(db, db.Offers.Where(o => o.Status == OfferStatus.Sent && o.ValidUntil < today),
            offer => offer.Expire(today, now).IsSuccess, cancellationToken);
    }
}
