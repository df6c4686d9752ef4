using Switchyard.Data;
using Switchyard.Domain.Common;
using Switchyard.Domain.Orders;
using Switchyard.Server.Clock;

namespace Switchyard.Server.Orders;

/// <summary>ORD-1: on its start date a new order starts processing.</summary>
public sealed class StartOrderProcessing(MarketplaceCalendar calendar) : IDueTransition
{
    public string Name => "orders.processing";

    /// <summary>Orders claimed and saved per transaction (tests lower it to interleave workers).</summary>
    public int BatchSize { get; init; } = DueBatches.BatchSize;

    public Task<int> ApplyDueAsync(SwitchyardDb db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var today = calendar.DateOf(now);
        return DueBatches.RunAsync(db, db.Orders.Where(o => o.Status == OrderStatus.New && o.StartDate <= today),
            order => order.StartProcessing(today, now).IsSuccess, cancellationToken, BatchSize);
    }
}

/// <summary>ORD-1, ORD-3, ORD-4: a processing order is provisioned (each mapped license granted with the item's quantity) and activated.</summary>
public sealed class ActivateOrders : IDueTransition
{
    public string Name => "orders.activation";

    /// <summary>Orders claimed and saved per transaction (tests lower it to interleave workers).</summary>
    public int BatchSize { get; init; } = DueBatches.BatchSize;

    public Task<int> ApplyDueAsync(SwitchyardDb db, DateTimeOffset now, CancellationToken cancellationToken) =>
        DueBatches.RunAsync(db, db.Orders.Where(o => o.Status == OrderStatus.Processing), order =>
        {
            var grants = order.Activate(now);
            if (grants.IsFailure)
            {
                return false;
            }
            db.LicenseGrants.AddRange(grants.Value);
            return true;
        }, cancellationToken, BatchSize);
}

/// <summary>ORD-5: after its end date an activated order expires (its grants end on the end date).</summary>
public sealed class ExpireOrders(MarketplaceCalendar calendar) : IDueTransition
{
    public string Name => "orders.expiry";

    public Task<int> ApplyDueAsync(SwitchyardDb db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var today = calendar.DateOf(now);
        return DueBatches.RunAsync(db, db.Orders.Where(o => o.Status == OrderStatus.Activated && o.EndDate < today),
            order => order.Expire(today, now).IsSuccess, cancellationToken);
    }
}
