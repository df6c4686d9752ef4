using Microsoft.EntityFrameworkCore;
using Switchyard.Data;
using Switchyard.Data.Outbox;
using Switchyard.Domain.Common;

namespace Switchyard.Server.Outbox;

/// <summary>OPS-1: how many messages wait, for metrics and the operator.</summary>
/// <param name="Pending">Not delivered yet (due now or waiting for a retry).</param>
/// <param name="Due">Pending and due now: the backlog the runner has to work through.</param>
/// <param name="Failed">Given up: in the operator's error queue.</param>
/// <param name="OldestDueSince">When the oldest due message became due, null when none is.</param>
public sealed record OutboxBacklog(int Pending, int Due, int Failed, DateTimeOffset? OldestDueSince)
{
    /// <summary>Counts by index; cheap enough for a metrics scrape.</summary>
    public static async Task<OutboxBacklog> CountAsync(SwitchyardDb db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var pending = db.OutboxMessages.AsNoTracking().Where(m => m.Status == OutboxStatus.Pending);
        var due = pending.Where(m => m.NextAttemptAt <= now);
        return new OutboxBacklog(
            await pending.CountAsync(cancellationToken),
            await due.CountAsync(cancellationToken),
            await db.OutboxMessages.CountAsync(m => m.Status == OutboxStatus.Failed, cancellationToken),
            await due.OrderBy(m => m.NextAttemptAt).Select(m => (DateTimeOffset?)m.NextAttemptAt).FirstOrDefaultAsync(cancellationToken));
    }
}

/// <summary>OPS-1: the operator retries a failed message: it is pending again, due now, with a fresh count of attempts.</summary>
public static class RetryOutboxMessage
{
    public static async Task<Result<OutboxMessage>> RunAsync(SwitchyardDb db, string id, DateTimeOffset now, CancellationToken ct)
    {
        var message = await db.OutboxMessages.SingleOrDefaultAsync(m => m.Id == id, ct);
        if (message is null)
        {
            return Errors.NotFound("Outbox message");
        }
        if (message.Status != OutboxStatus.Failed)
        {
            return Errors.Conflict("outboxMessageNotFailed", "Only a message that failed can be retried; this one is delivered or still being tried.");
        }
        message.Status = OutboxStatus.Pending;
        message.Attempts = 0;
        message.NextAttemptAt = now;
        message.ClaimedUntil = null;
        await db.SaveChangesAsync(ct);
        return message;
    }
}
