using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Switchyard.Data;
using Switchyard.Domain.Access;
using Switchyard.Domain.Customers;
using Switchyard.Server.Auth;

namespace Switchyard.Server.ConsoleUi;

/// <summary>The answer to a sign-in attempt: the user when the password is right, or when the email is locked out.</summary>
public sealed record SignInAttempt(ConsoleUser? User, bool NeedsRehash, DateTimeOffset? LockedUntil)
{
    public bool Succeeded => User is not null;
}

/// <summary>
/// Checks console sign-in attempts with brute-force protection (<see cref="SignInThrottle"/>): an email with too many
/// recent failures is refused until its lock ends, whether or not an account has that email.
/// </summary>
/// <remarks>
/// An email without an active account still costs one password verification (against a dummy hash), so neither
/// the answer nor its timing tells an attacker whether the account exists. Times come from the app's
/// <see cref="TimeProvider"/>, so tests with the manual clock can move past a lock.
/// </remarks>
public sealed class ConsoleSignIn(SwitchyardDb db, IPasswordHasher<ConsoleUser> hasher, TimeProvider clock)
{
    private static readonly ConsoleUser DummyUser = ConsoleUser.Operator("nobody@invalid", "none", DateTimeOffset.UnixEpoch);
    private static string? s_dummyHash;

    public async Task<SignInAttempt> AttemptAsync(string? email, string? password, CancellationToken ct = default)
    {
        var normalized = CustomerUser.NormalizeEmail(email ?? "");
        var now = clock.GetUtcNow();
        var throttle = await db.SignInThrottles.AsNoTracking().SingleOrDefaultAsync(t => t.Email == normalized, ct);
        if (throttle is not null && throttle.IsLocked(now))
        {
            return new SignInAttempt(null, false, throttle.LockedUntil);
        }
        var user = await db.ConsoleUsers.SingleOrDefaultAsync(u => u.Email == normalized, ct);
        var verified = Verify(user, password);
        if (user is null || verified == PasswordVerificationResult.Failed)
        {
            if (normalized.Length > 0)
            {
                await RecordFailureAsync(normalized, now, ct);
            }
            return new SignInAttempt(null, false, null);
        }
        if (throttle is not null)
        {
            await db.SignInThrottles.Where(t => t.Email == normalized).ExecuteDeleteAsync(ct);
        }
        return new SignInAttempt(user, verified == PasswordVerificationResult.SuccessRehashNeeded, null);
    }

    /// <summary>Scopes the request's data and audit actor to a user who has just proved who they are.</summary>
    public static void ScopeTo(DataScope scope, ConsoleUser user)
    {
        var actor = Caller.ForConsoleUser(user).Actor;
        if (user.PartnerId is { } partnerId)
        {
            scope.ForPartner(partnerId, actor);
        }
        else if (user.Kind == ActorKind.CustomerUser)
        {
            scope.ForCustomer(actor);
        }
        else
        {
            scope.ForOperator(actor);
        }
    }

    private PasswordVerificationResult Verify(ConsoleUser? user, string? password)
    {
        if (user is { IsActive: true, PasswordHash: { } hash } && !string.IsNullOrEmpty(password))
        {
            return hasher.VerifyHashedPassword(user, hash, password);
        }
        s_dummyHash ??= hasher.HashPassword(DummyUser, "no account has this password");
        hasher.VerifyHashedPassword(DummyUser, s_dummyHash, password ?? "");
        return PasswordVerificationResult.Failed;
    }

    // Optimistic concurrency (the row's version) makes simultaneous failures on several instances each count.
    private async Task RecordFailureAsync(string email, DateTimeOffset now, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var throttle = await db.SignInThrottles.SingleOrDefaultAsync(t => t.Email == email, ct);
            if (throttle is null)
            {
                throttle = SignInThrottle.For(email);
                db.SignInThrottles.Add(throttle);
            }
            throttle.RecordFailedSignIn(now);
            try
            {
                await db.SaveChangesAsync(ct);
                return;
            }
            catch (DbUpdateException) when (attempt < 5)
            {
                db.ChangeTracker.Clear();
            }
        }
    }
}
