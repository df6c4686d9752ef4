using Microsoft.EntityFrameworkCore;
using Switchyard.Data;
using Switchyard.Domain.Common;
using Switchyard.Domain.Offers;
using Switchyard.Domain.Orders;
using Switchyard.Server.Hosting;

namespace Switchyard.Server.Clock;

/// <summary>OPS-2: objects a due transition should already have moved (the same conditions the transitions use).</summary>
public sealed class DueWorkBacklog(MarketplaceCalendar calendar) : IBacklogSource
{
    public string Queue => "due_work";

    public async Task<long> CountAsync(SwitchyardDb db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var today = calendar.DateOf(now);
        var orders = await db.Orders.IgnoreAutoIncludes().LongCountAsync(o =>
            (o.Status == OrderStatus.New && o.StartDate <= today) || o.Status == OrderStatus.Processing
            || (o.Status == OrderStatus.Activated && o.EndDate < today), cancellationToken);
        var offers = await db.Offers.IgnoreAutoIncludes().LongCountAsync(o => o.Status == OfferStatus.Sent && o.ValidUntil < today, cancellationToken);
        return orders + offers;
    }
}
