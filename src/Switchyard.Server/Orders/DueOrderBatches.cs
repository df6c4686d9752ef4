using System.Globalization;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Switchyard.Data;
using Switchyard.Data.Auditing;
using Switchyard.Data.Conventions;
using Switchyard.Domain.Auditing;
using Switchyard.Domain.Orders;
using Switchyard.Server.Clock;

namespace Switchyard.Server.Orders;

/// <summary>
/// TIM-2: applies an order transition to every due order in batches, each in its own transaction, with a
/// cost per order that does not depend on the order's history. The domain still decides: each due order is
/// loaded narrowly (its own row, its items only when the transition needs them, never its transactions),
/// the order's own method moves it and records what it produced, and the batch writes the result in a few
/// set-based statements: one UPDATE of the moved orders (only where they still hold the state they were
/// loaded in), then the new transactions, grants and audit entries as multi-row inserts.
/// Several workers stay safe: on PostgreSQL a batch's rows are claimed with FOR UPDATE SKIP LOCKED; on every
/// provider the UPDATE's state check makes a late duplicate change nothing, and its batch rolls back.
/// </summary>
internal static class DueOrderBatches
{
    /// <param name="db">A context scoped to the system actor.</param>
    /// <param name="due">The orders due now (the same condition the domain method checks).</param>
    /// <param name="withItems">Whether the transition reads the order's items (activation grants them).</param>
    /// <param name="apply">Moves one order; returns the grants it produced, or null when the domain refused.</param>
    /// <param name="now">The instant of the run: audit entries are recorded at it.</param>
    /// <param name="batchSize">Orders claimed and written together.</param>
    /// <param name="ct">Stops between batches.</param>
    public static async Task<int> RunAsync(SwitchyardDb db, Expression<Func<Order, bool>> due, bool withItems,
        Func<Order, IReadOnlyList<LicenseGrant>?> apply, DateTimeOffset now, int batchSize, CancellationToken ct)
    {
        var audited = AuditedColumns(db);
        // Keyset over the id order: each pass looks at a row once, with one parameter however many rows are due.
        var after = "";
        var applied = 0;
        while (true)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var from = after;
            var candidates = await IdColumn<Order>.OrderBy(db.Orders.IgnoreAutoIncludes().Where(due).Where(IdColumn<Order>.IsAfter(from)))
                .Select(IdColumn<Order>.Text).Take(batchSize).ToListAsync(ct);
            if (candidates.Count == 0)
            {
                break;
            }
            after = candidates[^1];
            var claimed = db.Database.IsNpgsql() ? await DueBatches.LockAsync(db, "orders", candidates, ct) : candidates;
            if (claimed.Count == 0)
            {
                // Every candidate is being handled by another worker right now.
                continue;
            }
            var batch = Move(db, await LoadAsync(db, due, withItems, claimed, ct), apply, audited, now);
            if (await WriteAsync(db, batch, ct))
            {
                await transaction.CommitAsync(ct);
                applied += batch.Moved.Count;
            }
            else
            {
                // Another worker moved (some of) these first; what it did stands.
                await transaction.RollbackAsync(ct);
            }
        }
        return applied;
    }

    // The claimed orders that are still due (another worker may have moved some since the candidates were read),
    // untracked, without their history; the last stored sequence of each continues it.
    private static async Task<List<Order>> LoadAsync(SwitchyardDb db, Expression<Func<Order, bool>> due, bool withItems,
        List<string> claimed, CancellationToken ct)
    {
        var query = db.Orders.AsNoTracking().IgnoreAutoIncludes().Where(due).Where(IdColumn<Order>.IsIn(claimed));
        if (withItems)
        {
            query = query.Include(o => o.Items);
        }
        var orders = await query.ToListAsync(ct);
        var ids = orders.Select(o => o.Id).ToList();
        var lastSequence = await db.Set<OrderTransaction>().Where(t => ids.Contains(t.OrderId))
            .GroupBy(t => t.OrderId).Select(g => new { OrderId = g.Key, Last = g.Max(t => t.Sequence) })
            .ToDictionaryAsync(x => x.OrderId, x => x.Last, ct);
        foreach (var order in orders)
        {
            order.ContinueHistoryAfter(lastSequence.GetValueOrDefault(order.Id));
        }
        return orders;
    }

    private static Batch Move(SwitchyardDb db, List<Order> orders, Func<Order, IReadOnlyList<LicenseGrant>?> apply,
        List<IProperty> audited, DateTimeOffset now)
    {
        var batch = new Batch();
        var objectType = AuditChanges.ObjectType(typeof(Order));
        foreach (var order in orders)
        {
            var before = audited.Select(c => c.GetGetter().GetClrValue(order)).ToArray();
            var grants = apply(order);
            if (grants is null)
            {
                continue;
            }
            var changes = new List<(IProperty Column, object? Old, object? New)>();
            for (var i = 0; i < audited.Count; i++)
            {
                var value = audited[i].GetGetter().GetClrValue(order);
                if (!Equals(before[i], value))
                {
                    changes.Add((audited[i], before[i], value));
                }
            }
            batch.Moved.Add(new MovedOrder(order.Id.Value, changes));
            batch.Transactions.AddRange(order.Transactions);
            batch.Grants.AddRange(grants);
            // AUD-1: the entry a tracked save of the same change would have written.
            batch.Audit.Add(AuditEntry.Record(order.PartnerId, order.Id.Value, objectType, objectType + ".updated", db.Scope.Actor, now,
                AuditChanges.ToJson(changes.Select(c => (c.Column.Name, c.Old, c.New))), null));
        }
        return batch;
    }

    // Orders that changed the same columns from and to the same values are updated by one statement (usually the
    // whole batch). False when an order no longer held the state it was loaded in.
    private static async Task<bool> WriteAsync(SwitchyardDb db, Batch batch, CancellationToken ct)
    {
        foreach (var group in batch.Moved.GroupBy(m => m.Key, StringComparer.Ordinal))
        {
            var ids = group.Select(m => m.OrderId).ToList();
            var changed = await BulkRows.UpdateAsync<Order>(db, ids, group.First().Changes, ct);
            if (changed != ids.Count)
            {
                return false;
            }
        }
        await BulkRows.InsertAsync(db, batch.Transactions, ct);
        await BulkRows.InsertAsync(db, batch.Grants, ct);
        await BulkRows.InsertAsync(db, batch.Audit, ct);
        return true;
    }

    // The order's own columns an audit entry records: not its id, version or shadow columns (as AuditRecorder).
    private static List<IProperty> AuditedColumns(SwitchyardDb db) =>
        db.Model.FindEntityType(typeof(Order))!.GetProperties()
            .Where(p => !p.IsShadowProperty() && p.Name is not (nameof(Order.Id) or nameof(Order.Version)) && !AuditEntry.IsInternal(p.Name))
            .ToList();

    private sealed record MovedOrder(string OrderId, List<(IProperty Column, object? Old, object? New)> Changes)
    {
        public string Key { get; } = string.Join("|", Changes.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Column.Name}:{c.Old}>{c.New}")));
    }

    private sealed class Batch
    {
        public List<MovedOrder> Moved { get; } = [];
        public List<OrderTransaction> Transactions { get; } = [];
        public List<LicenseGrant> Grants { get; } = [];
        public List<AuditEntry> Audit { get; } = [];
    }
}
