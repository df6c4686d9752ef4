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
        return DueOrderBatches.RunAsync(db, o => o.Status == OrderStatus.New && o.StartDate <= today, withItems: false,
            order => order.StartProcessing(today, now).IsSuccess ? [] : null, now, BatchSize, cancellationToken);
    }
}

/// <summary>ORD-1, ORD-3, ORD-4: a processing order is provisioned (each mapped license granted with the item's quantity) and activated.</summary>
public sealed class ActivateOrders : IDueTransition
{
    public string Name => "orders.activation";

    /// <summary>Orders claimed and saved per transaction (tests lower it to interleave workers).</summary>
    public int BatchSize { get; init; } = DueBatches.BatchSize;

    public Task<int> ApplyDueAsync(SwitchyardDb db, DateTimeOffset now, CancellationToken cancellationToken) =>
        DueOrderBatches.RunAsync(db, o => o.Status == OrderStatus.Processing, withItems: true, order =>
        {
            var grants = order.Activate(now);
            return grants.IsSuccess ? grants.Value : null;
        }, now, BatchSize, cancellationToken);
}

/// <summary>ORD-5: after its end date an activated order expires (its grants end on the end date).</summary>
public sealed class ExpireOrders(MarketplaceCalendar calendar) : IDueTransition
{
    public string Name => "orders.expiry";

    public Task<int> ApplyDueAsync(SwitchyardDb db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var today = calendar.DateOf(now);
        return DueOrderBatches.RunAsync(db, o => o.Status == OrderStatus.Activated && o.EndDate < today, withItems: false,
            order => order.Expire(today, now).IsSuccess ? [] : null, now, DueBatches.BatchSize, cancellationToken);
    }
}
