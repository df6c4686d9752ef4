using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Api.Tests.Infrastructure;
using Switchyard.Api.Tests.Offers;
using Switchyard.Data;
using Switchyard.Domain.Common;
using Switchyard.Domain.Orders;
using Switchyard.Server.Clock;
using Switchyard.Server.Orders;

namespace Switchyard.Api.Tests.Workers;

/// <summary>
/// TIM-2: due transitions are applied exactly once even with several workers running. Two workers
/// (two scopes, two DbContexts, two connections) run at the same time over the same due orders; every
/// order is activated once: one grant per item and license, one activation transaction, one audit
/// entry per change. The clock only moves forward, so each scenario has its own class (and database).
/// </summary>
public abstract class ExactlyOnceTransitionTests(SwitchyardApp app)
{
    protected const int Orders = 300;
    protected const int ItemsPerOrder = 2;

    protected SwitchyardApp App => app;

    protected DateTimeOffset AdvanceTo(DateOnly date)
    {
        var clock = app.Services.GetRequiredService<ManualTimeProvider>();
        var now = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        Assert.True(clock.TryAdvanceTo(now));
        return now;
    }

    protected async Task AssertActivatedExactlyOnceAsync(IReadOnlyList<OrderId> ids)
    {
        await using var scope = app.DbScope(out var db);
        var orders = await db.Orders.AsNoTracking().AsSplitQuery().Where(o => ids.Contains(o.Id)).ToListAsync();
        Assert.Equal(ids.Count, orders.Count);
        Assert.All(orders, o => Assert.Equal(OrderStatus.Activated, o.Status));

        // ORD-3: one grant per item and mapped license, never two.
        var grants = await db.LicenseGrants.AsNoTracking().Where(g => ids.Contains(g.OrderId)).ToListAsync();
        var expected = orders.SelectMany(o => o.Items.SelectMany(i => i.Licenses.Select(l => (i.Id, l.ExternalId)))).ToList();
        Assert.Equal(ids.Count * ItemsPerOrder, expected.Count);
        Assert.Equal(expected.Count, grants.Count);
        Assert.All(grants.GroupBy(g => (g.OrderItemId, g.LicenseExternalId)), g => Assert.Single(g));
        Assert.Equal(expected.ToHashSet(), grants.Select(g => (g.OrderItemId, g.LicenseExternalId)).ToHashSet());

        // ORD-2: created → processing → activated, one transaction each, and one provisioning line per grant.
        Assert.All(orders, o =>
        {
            Assert.Single(o.Transactions, t => t.Kind == TransactionKind.StatusChanged && t.Description.Contains("→ processing", StringComparison.Ordinal));
            Assert.Single(o.Transactions, t => t.Kind == TransactionKind.StatusChanged && t.Description.Contains("→ activated", StringComparison.Ordinal));
            Assert.Equal(ItemsPerOrder, o.Transactions.Count(t => t.Kind == TransactionKind.Provisioned));
            Assert.Equal(o.Transactions.Count, o.Transactions.Select(t => t.Sequence).Distinct().Count());
        });

        // AUD-1 written once per change: created, → processing, → activated.
        var objectIds = ids.Select(id => id.Value).ToList();
        var audit = await db.AuditEntries.AsNoTracking().Where(a => a.ObjectType == "order" && objectIds.Contains(a.ObjectId)).ToListAsync();
        Assert.All(audit.GroupBy(a => a.ObjectId), perOrder =>
        {
            Assert.Equal(3, perOrder.Count());
            Assert.Equal(3, perOrder.Select(a => a.Changes).Distinct(StringComparer.Ordinal).Count());
        });
        Assert.Equal(ids.Count * 3, audit.Count);
    }
}

public class TwoRunnersTests(SwitchyardApp app) : ExactlyOnceTransitionTests(app), IClassFixture<SwitchyardApp>
{
    [Fact]
    [Trait("rule", "TIM-2")]
    [Trait("rule", "ORD-1")]
    [Trait("rule", "ORD-3")]
    public async Task TwoRunnersAtOnce_ActivateEachOrderExactlyOnce_TIM2()
    {
        var s = await OfferScenario.CreateAsync(App);
        var start = new DateOnly(2027, 2, 1);
        var ids = await DueOrders.SeedAsync(s, Orders, start, ItemsPerOrder);
        var now = AdvanceTo(start);
        var runner = App.Services.GetRequiredService<TransitionRunner>();

        using var gate = new Barrier(2);
        var runs = await Task.WhenAll(
            Task.Run(() => { gate.SignalAndWait(); return runner.RunDueAsync(now, CancellationToken.None); }),
            Task.Run(() => { gate.SignalAndWait(); return runner.RunDueAsync(now, CancellationToken.None); }));

        Assert.Equal(Orders, runs.Sum(r => r.GetValueOrDefault("orders.processing")));
        Assert.Equal(Orders, runs.Sum(r => r.GetValueOrDefault("orders.activation")));
        await AssertActivatedExactlyOnceAsync(ids);
    }
}

public class TwoWorkersSmallBatchTests(SwitchyardApp app) : ExactlyOnceTransitionTests(app), IClassFixture<SwitchyardApp>
{
    [Fact]
    [Trait("rule", "TIM-2")]
    [Trait("rule", "ORD-3")]
    public async Task TwoWorkersInSmallBatches_InterleaveWithoutDuplicates_TIM2()
    {
        var s = await OfferScenario.CreateAsync(App);
        var start = new DateOnly(2027, 3, 1);
        var ids = await DueOrders.SeedAsync(s, Orders, start, ItemsPerOrder);
        var now = AdvanceTo(start);
        var calendar = App.Services.GetRequiredService<MarketplaceCalendar>();

        // Batches of 10: the two workers claim and commit many times each, over the same rows.
        async Task<(int Processing, int Activated)> WorkerAsync()
        {
            await using var scope = App.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SwitchyardDb>();
            db.Scope.ForSystem("system:test-worker");
            var processing = await new StartOrderProcessing(calendar) { BatchSize = 10 }.ApplyDueAsync(db, now, CancellationToken.None);
            db.ChangeTracker.Clear();
            var activated = await new ActivateOrders { BatchSize = 10 }.ApplyDueAsync(db, now, CancellationToken.None);
            return (processing, activated);
        }

        using var gate = new Barrier(2);
        var workers = await Task.WhenAll(
            Task.Run(() => { gate.SignalAndWait(); return WorkerAsync(); }),
            Task.Run(() => { gate.SignalAndWait(); return WorkerAsync(); }));
        // A worker may finish processing before the other's last batch commits: one more pass picks up
        // what neither activated yet (the runner does this with its rounds).
        var (_, late) = await WorkerAsync();

        Assert.Equal(Orders, workers.Sum(w => w.Processing));
        Assert.Equal(Orders, workers.Sum(w => w.Activated) + late);
        await AssertActivatedExactlyOnceAsync(ids);
    }
}
