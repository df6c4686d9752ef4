using Switchyard.Domain.Common;

namespace Switchyard.Domain.Access;

/// <summary>
/// Brute-force protection for console sign-in, per email: after <see cref="MaxFailures"/> failed attempts within
/// <see cref="Window"/>, further attempts are refused for <see cref="LockoutDuration"/>.
/// A successful sign-in resets the count: the server deletes the email's row.
/// </summary>
/// <remarks>
/// Kept per email rather than on <see cref="ConsoleUser"/> so an email without an account is throttled exactly like
/// one with an account: the lockout itself must not reveal whether an account exists. Stored in the database so
/// several server instances share the count; the version token makes concurrent failures each count.
/// </remarks>
public sealed class SignInThrottle : Entity<string>
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    private SignInThrottle() { }

    /// <summary>The normalised email the attempts were made with (whether or not an account has it).</summary>
    public string Email { get; private set; } = "";

    /// <summary>Failed attempts since <see cref="FirstFailureAt"/>.</summary>
    public int FailedSignInCount { get; private set; }

    public DateTimeOffset? FirstFailureAt { get; private set; }

    public DateTimeOffset? LockedUntil { get; private set; }

    public static SignInThrottle For(string normalizedEmail) => new()
    {
        Id = Ids.New(Ids.SignInThrottle),
        Email = normalizedEmail,
    };

    public bool IsLocked(DateTimeOffset now) => LockedUntil is { } until && now < until;

    /// <summary>Counts a failed attempt; the fifth within the window locks the email until <see cref="LockedUntil"/>.</summary>
    public void RecordFailedSignIn(DateTimeOffset now)
    {
        if (IsLocked(now))
        {
            return;
        }
        if (FirstFailureAt is not { } first || now - first >= Window)
        {
            FailedSignInCount = 0;
            FirstFailureAt = now;
        }
        FailedSignInCount++;
        if (FailedSignInCount >= MaxFailures)
        {
            LockedUntil = now + LockoutDuration;
            FailedSignInCount = 0;
            FirstFailureAt = null;
        }
    }

    /// <summary>True when nothing is left to remember: the row may be deleted.</summary>
    public bool IsSpent(DateTimeOffset now) =>
        !IsLocked(now) && (FirstFailureAt is not { } first || now - first >= Window);
}
