using Microsoft.EntityFrameworkCore;
using Switchyard.Api.Tests.Infrastructure;
using Switchyard.Domain.Access;
using Switchyard.Server.ConsoleUi;

namespace Switchyard.Api.Tests.Access;

/// <summary>Spent sign-in throttles are removed by the due-transition run; a lock in force or a recent failure is kept.</summary>
public class SignInThrottleExpiryTests(SwitchyardApp app) : IClassFixture<SwitchyardApp>
{
    [Fact]
    public async Task ApplyDue_RemovesOnlyThrottlesWithNothingLeftToRemember()
    {
        var now = SwitchyardApp.ClockStart.AddDays(30);
        var locked = SignInThrottle.For("locked@expiry.test");
        for (var i = 0; i < SignInThrottle.MaxFailures; i++)
        {
            locked.RecordFailedSignIn(now.AddMinutes(-1));
        }
        var recent = SignInThrottle.For("recent@expiry.test");
        recent.RecordFailedSignIn(now.AddMinutes(-5));
        var spent = SignInThrottle.For("spent@expiry.test");
        spent.RecordFailedSignIn(now.AddMinutes(-20));
        var lockOver = SignInThrottle.For("lock-over@expiry.test");
        for (var i = 0; i < SignInThrottle.MaxFailures; i++)
        {
            lockOver.RecordFailedSignIn(now.AddMinutes(-40));
        }
        await using (var scope = app.DbScope(out var db))
        {
            db.SignInThrottles.AddRange(locked, recent, spent, lockOver);
            await db.SaveChangesAsync();
        }

        await using (var scope = app.DbScope(out var db))
        {
            Assert.Equal(2, await new SignInThrottleExpiry().ApplyDueAsync(db, now, CancellationToken.None));
            var left = await db.SignInThrottles.Where(t => t.Email.EndsWith("@expiry.test")).Select(t => t.Email).OrderBy(e => e).ToListAsync();
            Assert.Equal(["locked@expiry.test", "recent@expiry.test"], left);
        }
    }
}
