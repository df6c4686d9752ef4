using Microsoft.EntityFrameworkCore;
using Switchyard.Data;
using Switchyard.Data.Outbox;
using Switchyard.Server.Clock;

namespace Switchyard.Server.Outbox;

/// <summary>
/// OPS-1: delivers due outbox messages, as one of the due-work runner's transitions (and from the
/// outbox worker, which runs it every second whatever the clock mode). Each batch is claimed in a short
/// transaction (FOR UPDATE SKIP LOCKED on PostgreSQL, the version column on every provider) with a
/// wall-clock lease, delivered outside any transaction, and each outcome saved on its own: a crash
/// loses nothing (the lease expires and the message is delivered again with the same deduplication key).
/// A failed attempt is retried with exponential backoff; after the last one, the message is failed and
/// shown in the operator's error queue.
/// </summary>
public sealed class OutboxRunner(IEnumerable<IOutboxHandler> handlers, OutboxSettings settings, WallClock wall, ILogger<OutboxRunner> logger)
    : IDueTransition
{
    /// <summary>Batches one run delivers at most, so a run ends even while messages keep arriving.</summary>
    private const int MaxBatchesPerRun = 50;

    private readonly Dictionary<string, IOutboxHandler> _handlers = handlers.ToDictionary(h => h.MessageType, StringComparer.Ordinal);

    public string Name => "outbox";

    /// <summary>Delivers what is due at <paramref name="now"/> (the server's clock); returns the attempts made.</summary>
    public async Task<int> ApplyDueAsync(SwitchyardDb db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var attempted = 0;
        for (var batch = 0; batch < MaxBatchesPerRun; batch++)
        {
            var claimed = await ClaimAsync(db, now, cancellationToken);
            if (claimed.Count == 0)
            {
                break;
            }
            attempted += claimed.Count;
            // Each outcome is saved the moment its delivery ends, not when the batch ends: a crash then repeats
            // only the deliveries in flight (at most the parallelism), not every message the batch had sent.
            // The context is not thread-safe, so the saves take turns.
            using var recording = new SemaphoreSlim(1, 1);
            await Parallel.ForEachAsync(
                claimed,
                new ParallelOptions { MaxDegreeOfParallelism = settings.Parallelism, CancellationToken = cancellationToken },
                async (message, ct) =>
                {
                    var outcome = await DeliverAsync(message, ct);
                    await recording.WaitAsync(cancellationToken);
                    try
                    {
                        await RecordAsync(db, message, outcome, now, cancellationToken);
                    }
                    finally
                    {
                        recording.Release();
                    }
                });
            db.ChangeTracker.Clear();
        }
        return attempted;
    }

    private async Task<List<OutboxMessage>> ClaimAsync(SwitchyardDb db, DateTimeOffset now, CancellationToken ct)
    {
        var wallNow = wall.Now;
        IQueryable<OutboxMessage> Due() => db.OutboxMessages.Where(m =>
            m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now && (m.ClaimedUntil == null || m.ClaimedUntil <= wallNow));

        // PostgreSQL: lock the candidates (skipping rows another worker holds) in a transaction. SQLite has a
        // single writer: the claim's UPDATE checks the version, so of two runners one claims and the other skips.
        await using var transaction = db.Database.IsNpgsql() ? await db.Database.BeginTransactionAsync(ct) : null;
        var ids = await Due().OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id).Select(m => m.Id).Take(settings.BatchSize).ToListAsync(ct);
        if (ids.Count > 0 && transaction is not null)
        {
            ids = await db.Database.SqlQueryRaw<string>(
                "SELECT \"Id\" AS \"Value\" FROM outbox_messages WHERE \"Id\" = ANY({0}) FOR UPDATE SKIP LOCKED", [ids.ToArray()])
                .ToListAsync(ct);
        }
        if (ids.Count == 0)
        {
            return [];
        }
        // Read again after the lock: a row claimed and committed by another worker meanwhile is no longer due.
        var rows = await Due().Where(m => ids.Contains(m.Id)).ToListAsync(ct);
        foreach (var message in rows)
        {
            message.ClaimedUntil = wallNow + settings.Lease;
            message.Attempts++;
            message.LastAttemptAt = now;
        }
        try
        {
            await db.SaveChangesAsync(ct);
            if (transaction is not null)
            {
                await transaction.CommitAsync(ct);
            }
            return rows;
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another runner claimed (some of) them first; it delivers them.
            db.ChangeTracker.Clear();
            return [];
        }
    }

    private async Task<Exception?> DeliverAsync(OutboxMessage message, CancellationToken ct)
    {
        if (!_handlers.TryGetValue(message.MessageType, out var handler))
        {
            return new InvalidOperationException($"No handler is registered for outbox messages of type '{message.MessageType}'.");
        }
        try
        {
            await handler.DeliverAsync(message, ct);
            return null;
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            return ex;
        }
    }

    private async Task RecordAsync(SwitchyardDb db, OutboxMessage message, Exception? error, DateTimeOffset now, CancellationToken ct)
    {
        message.ClaimedUntil = null;
        if (error is null)
        {
            message.Status = OutboxStatus.Delivered;
            message.DeliveredAt = now;
            message.LastError = null;
        }
        else
        {
            message.LastError = Truncate(error.Message);
            if (error is OutboxRefusedException || message.Attempts >= settings.MaxAttempts)
            {
                message.Status = OutboxStatus.Failed;
                logger.LogError("Outbox message {MessageId} ({MessageType} {DeduplicationKey}) failed after {Attempts} attempts and is in the error queue: {Error}",
                    message.Id, message.MessageType, message.DeduplicationKey, message.Attempts, message.LastError);
                if (_handlers.TryGetValue(message.MessageType, out var handler))
                {
                    await handler.OnFailedAsync(db, message, ct);
                }
            }
            else
            {
                message.NextAttemptAt = now + settings.RetryDelay(message.Attempts);
                logger.LogWarning("Outbox message {MessageId} ({MessageType}) attempt {Attempts} failed; next at {NextAttemptAt}: {Error}",
                    message.Id, message.MessageType, message.Attempts, message.NextAttemptAt, message.LastError);
            }
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Its lease ran out and another runner took it over: that runner records the outcome.
            foreach (var entry in db.ChangeTracker.Entries().Where(e => e.State != EntityState.Unchanged).ToList())
            {
                entry.State = EntityState.Detached;
            }
        }
    }

    private static string Truncate(string text) => text.Length <= OutboxMessage.MaxErrorLength ? text : text[..OutboxMessage.MaxErrorLength];
}

/// <summary>OPS-1: delivered messages are kept a week for the operator, then removed.</summary>
public sealed class OutboxRetention : IDueTransition
{
    public static readonly TimeSpan Retention = TimeSpan.FromDays(7);

    public string Name => "outbox.retention";

    public async Task<int> ApplyDueAsync(SwitchyardDb db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var cutoff = now - Retention;
        // A message is attempted at or after NextAttemptAt, so this finds messages delivered before the cutoff (by the index).
        return await db.OutboxMessages.Where(m => m.Status == OutboxStatus.Delivered && m.NextAttemptAt < cutoff && m.DeliveredAt < cutoff)
            .ExecuteDeleteAsync(cancellationToken);
    }
}

/// <summary>OPS-1: delivers due messages every second (wall time), in both clock modes.</summary>
public sealed class OutboxWorker(IServiceScopeFactory scopes, TimeProvider clock, OutboxSettings settings, ILogger<OutboxWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (settings.PollInterval <= TimeSpan.Zero)
        {
            return;
        }
        // Real time: the manual clock does not tick by itself.
        using var timer = new PeriodicTimer(settings.PollInterval);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Outbox delivery run failed; retrying on the next tick");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SwitchyardDb>();
        db.Scope.ForSystem("system:outbox");
        return await scope.ServiceProvider.GetRequiredService<OutboxRunner>().ApplyDueAsync(db, clock.GetUtcNow(), cancellationToken);
    }
}
