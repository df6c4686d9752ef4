using Microsoft.EntityFrameworkCore;
using Switchyard.Data;
using Switchyard.Data.Conventions;
using Switchyard.Domain.Common;

namespace Switchyard.Server.Clock;

/// <summary>
/// TIM-2: applies a due transition in batches, each in its own transaction, so that several workers
/// never apply one twice. On PostgreSQL the batch's rows are claimed with FOR UPDATE SKIP LOCKED (a
/// second worker takes other rows); on every provider the version column makes a late duplicate lose.
/// </summary>
public static class DueBatches
{
    public const int BatchSize = 500;

    /// <param name="db">A context scoped to the system actor.</param>
    /// <param name="due">The rows due now (the same condition the domain method checks).</param>
    /// <param name="apply">Applies the transition to one loaded row; false when the domain refused it.</param>
    /// <param name="ct">Stops between batches.</param>
    /// <param name="batchSize">Rows claimed and saved together.</param>
    public static async Task<int> RunAsync<T>(SwitchyardDb db, IQueryable<T> due, Func<T, bool> apply, CancellationToken ct, int batchSize = BatchSize)
        where T : Entity
    {
        var table = db.Model.FindEntityType(typeof(T))?.GetTableName() ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        // Keyset over the id order: each pass looks at a row once, with one parameter however many rows are due.
        var after = "";
        var applied = 0;
        while (true)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var from = after;
            var candidates = await IdColumn<T>.OrderBy(due.Where(IdColumn<T>.IsAfter(from))).Take(batchSize).Select(IdColumn<T>.Text).ToListAsync(ct);
            if (candidates.Count == 0)
            {
                break;
            }
            after = candidates[^1];
            var claimed = db.Database.IsNpgsql() ? await LockAsync(db, table, candidates, ct) : candidates;
            if (claimed.Count == 0)
            {
                // Every candidate is being handled by another worker right now.
                continue;
            }
            var rows = await due.Where(IdColumn<T>.IsIn(claimed)).AsSplitQuery().ToListAsync(ct);
            var changed = rows.Count(apply);
            try
            {
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                applied += changed;
            }
            catch (DbUpdateConcurrencyException)
            {
                // Another worker applied (some of) these first; what it did stands.
                await transaction.RollbackAsync(ct);
            }
            db.ChangeTracker.Clear();
        }
        return applied;
    }

    // The table name comes from the EF model or a constant, never from input; the ids are a parameter.
#pragma warning disable EF1002
    internal static Task<List<string>> LockAsync(SwitchyardDb db, string table, List<string> ids, CancellationToken ct) =>
        db.Database.SqlQueryRaw<string>(
            $"SELECT \"Id\" AS \"Value\" FROM \"{table}\" WHERE \"Id\" = ANY({{0}}) FOR UPDATE SKIP LOCKED", [ids.ToArray()])
            .ToListAsync(ct);
#pragma warning restore EF1002
}
