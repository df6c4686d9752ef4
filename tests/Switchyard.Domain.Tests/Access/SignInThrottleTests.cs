using Switchyard.Domain.Access;

namespace Switchyard.Domain.Tests.Access;

/// <summary>Console sign-in lockout: five failures within 15 minutes lock the email for 15 minutes.</summary>
public class SignInThrottleTests
{
    private static readonly DateTimeOffset Start = new(2027, 1, 4, 9, 0, 0, TimeSpan.Zero);

    private static SignInThrottle FailedTimes(int times, TimeSpan apart)
    {
        var throttle = SignInThrottle.For("someone@example.test");
        for (var i = 0; i < times; i++)
        {
            throttle.RecordFailedSignIn(Start + (apart * i));
        }
        return throttle;
    }

    [Fact]
    public void RecordFailedSignIn_FourFailures_DoesNotLock()
    {
        var throttle = FailedTimes(4, TimeSpan.FromMinutes(1));
        Assert.False(throttle.IsLocked(Start + TimeSpan.FromMinutes(4)));
        Assert.Equal(4, throttle.FailedSignInCount);
    }

    [Fact]
    public void RecordFailedSignIn_FifthFailureWithinWindow_LocksForFifteenMinutes()
    {
        var throttle = FailedTimes(5, TimeSpan.FromMinutes(3));
        var fifth = Start + TimeSpan.FromMinutes(12);
        Assert.Equal(fifth + TimeSpan.FromMinutes(15), throttle.LockedUntil);
        Assert.True(throttle.IsLocked(fifth + TimeSpan.FromMinutes(14)));
        Assert.False(throttle.IsLocked(fifth + TimeSpan.FromMinutes(15)));
    }

    [Fact]
    public void RecordFailedSignIn_FailuresSpreadBeyondWindow_DoNotLock()
    {
        var throttle = FailedTimes(5, TimeSpan.FromMinutes(4));
        Assert.Null(throttle.LockedUntil);
        Assert.Equal(1, throttle.FailedSignInCount);
    }

    [Fact]
    public void RecordFailedSignIn_WhileLocked_DoesNotExtendLock()
    {
        var throttle = FailedTimes(5, TimeSpan.Zero);
        var until = throttle.LockedUntil;
        throttle.RecordFailedSignIn(Start + TimeSpan.FromMinutes(10));
        Assert.Equal(until, throttle.LockedUntil);
    }

    [Fact]
    public void RecordFailedSignIn_AfterLockExpires_StartsCountingAfresh()
    {
        var throttle = FailedTimes(5, TimeSpan.Zero);
        throttle.RecordFailedSignIn(Start + TimeSpan.FromMinutes(16));
        Assert.False(throttle.IsLocked(Start + TimeSpan.FromMinutes(16)));
        Assert.Equal(1, throttle.FailedSignInCount);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(14, false)]
    [InlineData(15, true)]
    public void IsSpent_AfterOneFailure_OnlyOnceWindowHasPassed(int minutesLater, bool spent)
    {
        var throttle = FailedTimes(1, TimeSpan.Zero);
        Assert.Equal(spent, throttle.IsSpent(Start + TimeSpan.FromMinutes(minutesLater)));
    }
}
