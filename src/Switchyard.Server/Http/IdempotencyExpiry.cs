using Microsoft.EntityFrameworkCore;
using Switchyard.Data;
using Switchyard.Server.Clock;
using Switchyard.Server.Outbox;

namespace Switchyard.Server.Http;

/// <summary>
/// SEC-3: stored first responses are kept for a day, long enough for any client's retries, then
/// removed so the table does not grow without bound. A claim still held by a running request is never
/// removed, however far the business clock moves: the request advancing the clock past the retention
/// would otherwise delete its own claim and its answer would be lost to its retries. Abandoned claims
/// (their lease passed in wall-clock time) go with the rest.
/// </summary>
public sealed class IdempotencyExpiry(WallClock wall) : IDueTransition
{
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    public string Name => "idempotency.expiry";

    public async Task<int> ApplyDueAsync(SwitchyardDb db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var cutoff = now - Retention;
        var wallNow = wall.Now;
        return await db.IdempotencyRecords
            .Where(r => r.CreatedAt < cutoff && (r.StatusCode != 0 || r.ClaimedUntil == null || r.ClaimedUntil <= wallNow))
            .ExecuteDeleteAsync(cancellationToken);
    }
}
