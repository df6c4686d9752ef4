using Microsoft.EntityFrameworkCore;
using Switchyard.Data;
using Switchyard.Server.Clock;

namespace Switchyard.Server.Http;

/// <summary>
/// SEC-3: stored first responses are kept for a day, long enough for any client's retries, then
/// removed so the table does not grow without bound.
/// </summary>
public sealed class IdempotencyExpiry : IDueTransition
{
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    public string Name => "idempotency.expiry";

    public async Task<int> ApplyDueAsync(SwitchyardDb db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var cutoff = now - Retention;
        return await db.IdempotencyRecords.Where(r => r.CreatedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
    }
}
