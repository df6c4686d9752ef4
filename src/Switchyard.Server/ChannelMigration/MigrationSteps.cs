using Microsoft.EntityFrameworkCore;
using Switchyard.Data;
using Switchyard.Domain.Auditing;
using Switchyard.Domain.ChannelMigration;
using Switchyard.Domain.Common;
using Switchyard.Domain.Customers;
using Switchyard.Domain.Legacy;
using Switchyard.Domain.Offers;
using Switchyard.Domain.Orders;
using Switchyard.Server.Clock;

namespace Switchyard.Server.ChannelMigration;

/// <summary>
/// MIG-9, TIM-2: moves each unfinished migration one step when its condition holds — submits the legacy
/// cancellation when due (at once for cancel-and-move, on the cancel-by day for at-renewal), activates it
/// (the legacy channel takes a day; an operator may activate it earlier), links the platform offer once
/// sent and the order once accepted, and completes on the platform start day (the renewal cutover).
/// Each step stores the id of what it produced, so a run resumes where it stopped; a step saved by
/// another worker first wins (version column), so none is applied twice.
/// </summary>
public sealed class AdvanceMigrations(MarketplaceCalendar calendar) : IDueTransition
{
    /// <summary>Days the legacy channel takes to activate a submitted cancellation.</summary>
    public const int LegacyActivationDays = 1;

    public string Name => "migrations";

    public async Task<int> ApplyDueAsync(SwitchyardDb db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var today = calendar.DateOf(now);
        var moved = 0;
        var after = "";
        while (true)
        {
            var from = after;
            var batch = await db.Migrations.AsNoTracking()
                .Where(m => m.State != MigrationState.Completed && m.State != MigrationState.Failed && m.State != MigrationState.Abandoned)
                .Where(m => string.Compare(m.Id, from) > 0).OrderBy(m => m.Id).Select(m => m.Id).Take(200).ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }
            after = batch[^1];
            foreach (var id in batch)
            {
                db.ChangeTracker.Clear();
                var migration = await db.Migrations.SingleAsync(m => m.Id == id, cancellationToken);
                if (!await StepAsync(db, migration, today, now, cancellationToken))
                {
                    continue;
                }
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                    moved++;
                }
                catch (DbUpdateConcurrencyException)
                {
                    // Another worker moved it first; its step stands.
                }
            }
        }
        db.ChangeTracker.Clear();
        return moved;
    }

    private static async Task<bool> StepAsync(SwitchyardDb db, Migration m, DateOnly today, DateTimeOffset now, CancellationToken ct)
    {
        switch (m.State)
        {
            case MigrationState.Planned:
                if (!m.CancellationDue(today))
                {
                    return false;
                }
                var contract = await db.LegacyServiceOrders.SingleOrDefaultAsync(o => o.Id == m.LegacyOrderId, ct);
                if (contract is null)
                {
                    return m.Fail("legacyContractMissing", now).IsSuccess;
                }
                var cancellation = LegacyServiceOrder.CancellationFor(contract, m.Id, now);
                if (m.CancellationSubmitted(cancellation.Id, today, now).IsFailure)
                {
                    return m.Fail("cancelByPassed", now).IsSuccess;
                }
                db.LegacyServiceOrders.Add(cancellation);
                // OPS-1: the legacy channel is reached through the outbox, in this same save.
                LegacyCancellationHandler.Enqueue(db, m, contract, cancellation);
                db.Audit.Describe(m, AuditActions.MigrationCancellationSubmitted);
                return true;
            case MigrationState.CancellationSubmitted:
                var submitted = await db.LegacyServiceOrders.SingleOrDefaultAsync(o => o.Id == m.CancellationOrderId, ct);
                if (submitted is null)
                {
                    return false;
                }
                if (submitted.Status == LegacyOrderStatus.Activated)
                {
                    return m.CancellationActivated(now).IsSuccess;
                }
                // TIM-2: legacy cancellation activation, a day after the legacy channel received it (OPS-1: once delivered).
                if (today < DateOnly.FromDateTime(submitted.ReceivedAt.UtcDateTime).AddDays(LegacyActivationDays)
                    || !await LegacyCancellationHandler.DeliveredAsync(db, submitted.Id, ct) || submitted.Activate(now).IsFailure)
                {
                    return false;
                }
                db.Audit.Describe(m, AuditActions.MigrationCancellationActivated);
                return m.CancellationActivated(now).IsSuccess;
            case MigrationState.CancellationActivated:
                var productIds = await db.Products.AsNoTracking().Where(p => p.CatalogEntryId == m.CatalogEntryId).Select(p => p.Id).ToListAsync(ct);
                var offer = await db.Offers.AsNoTracking()
                    .Where(o => o.CustomerOrgId == m.CustomerOrgId && o.Type == OfferType.Initial && o.ServiceStartDate >= m.PlatformStart
                        && (o.Status == OfferStatus.Sent || o.Status == OfferStatus.Accepted))
                    .Where(o => o.Items.Any(i => productIds.Contains(i.ProductId)))
                    .OrderBy(o => o.Id).FirstOrDefaultAsync(ct);
                return offer is not null && m.OfferWasSent(offer.Id, offer.ServiceStartDate, now).IsSuccess;
            case MigrationState.OfferSent:
                var sent = await db.Offers.AsNoTracking().Where(o => o.Id == m.OfferId).Select(o => new { o.Status }).SingleOrDefaultAsync(ct);
                if (sent is null)
                {
                    return false;
                }
                if (sent.Status is OfferStatus.Rejected or OfferStatus.Expired)
                {
                    return m.Fail(sent.Status == OfferStatus.Rejected ? "offerRejected" : "offerExpired", now).IsSuccess;
                }
                var order = await db.Orders.AsNoTracking().Where(o => o.OfferId == m.OfferId).Select(o => (OrderId?)o.Id).SingleOrDefaultAsync(ct);
                return order is { } placed && m.OfferWasAccepted(placed, now).IsSuccess;
            case MigrationState.OfferAccepted:
                // TIM-2: the renewal cutover: the platform contract takes over on its start day.
                return today >= m.PlatformStart && m.Complete(today, now).IsSuccess;
            case MigrationState.Completed or MigrationState.Failed or MigrationState.Abandoned:
                return false;
        }
        return false;
    }
}

/// <summary>Steps of a migration triggered by a request rather than by the clock.</summary>
public static class MigrationSteps
{
    /// <summary>An operator activated a legacy cancellation a migration submitted: the migration moves on.</summary>
    public static async Task CancellationActivatedAsync(SwitchyardDb db, LegacyServiceOrder order, DateTimeOffset now, CancellationToken ct)
    {
        if (order.MigrationId is null || order.Type != LegacyOrderType.Cancellation)
        {
            return;
        }
        var migration = await db.Migrations.SingleOrDefaultAsync(m => m.Id == order.MigrationId, ct);
        if (migration is { State: MigrationState.CancellationSubmitted })
        {
            migration.CancellationActivated(now);
            db.Audit.Describe(migration, AuditActions.MigrationCancellationActivated);
        }
    }

    /// <summary>MIG-7: the apps the customer org holds on the legacy channel on a day (LEG-5).</summary>
    public static async Task<IReadOnlySet<string>> LegacyAppsOnAsync(SwitchyardDb db, string customerOrgId, DateOnly day, CancellationToken ct)
    {
        var lines = await db.LegacyServiceOrders.AsNoTracking().Where(o => o.CustomerOrgId == customerOrgId)
            .Select(o => new LegacyLine(o.Id, o.CatalogEntryId, o.Type, o.Status, o.ContractStart, o.ContractEnd, o.Quantity))
            .ToListAsync(ct);
        return LegacyContracts.ActiveAppsOn(lines, day);
    }

    /// <summary>The platform orders of a customer org as the decision table reads them.</summary>
    public static async Task<List<PlatformHolding>> PlatformHoldingsAsync(SwitchyardDb db, CustomerOrgId customerOrgId, CancellationToken ct)
    {
        var rows = await (
            from o in db.Orders.AsNoTracking()
            where o.CustomerOrgId == customerOrgId && (o.Status == OrderStatus.New || o.Status == OrderStatus.Processing || o.Status == OrderStatus.Activated)
            join i in db.Set<OrderItem>().AsNoTracking() on o.Id equals i.OrderId
            select new { o.Id, o.StartDate, o.EndDate, i.ProductId }).ToListAsync(ct);
        var productIds = rows.Select(r => r.ProductId).Distinct().ToList();
        var apps = await db.Products.AsNoTracking().Where(p => productIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.CatalogEntryId.Value, ct);
        return [.. rows.GroupBy(r => r.Id).Select(g => new PlatformHolding(g.Key.Value,
            g.Select(r => apps.GetValueOrDefault(r.ProductId, "")).ToHashSet(StringComparer.Ordinal), g.First().StartDate, g.First().EndDate, true))];
    }
}
