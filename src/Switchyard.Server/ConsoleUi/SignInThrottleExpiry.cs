using Microsoft.EntityFrameworkCore;
using Switchyard.Data;
using Switchyard.Domain.Access;
using Switchyard.Server.Clock;

namespace Switchyard.Server.ConsoleUi;

/// <summary>
/// Removes sign-in throttles with nothing left to remember (no lock in force, failure window over), so attempts with
/// many different emails do not grow the table without bound.
/// </summary>
public sealed class SignInThrottleExpiry : IDueTransition
{
    public string Name => "signInThrottle.expiry";

    public async Task<int> ApplyDueAsync(SwitchyardDb db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var windowStart = now - SignInThrottle.Window;
        return await db.SignInThrottles
            .Where(t => (t.LockedUntil == null || t.LockedUntil <= now) && (t.FirstFailureAt == null || t.FirstFailureAt <= windowStart))
            .ExecuteDeleteAsync(cancellationToken);
    }
}
