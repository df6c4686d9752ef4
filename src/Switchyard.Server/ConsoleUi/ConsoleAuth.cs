using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;
using Switchyard.Domain.Access;
using Switchyard.Server.Auth;

namespace Switchyard.Server.ConsoleUi;

/// <summary>SEC-2: console sessions are HttpOnly cookies (Secure over HTTPS), SameSite=Lax, with antiforgery on every form.</summary>
public static class ConsoleAuth
{
    public const string Scheme = "Console";

    public static AuthenticationBuilder AddConsoleCookie(this AuthenticationBuilder builder) =>
        builder.AddCookie(Scheme, o =>
        {
            o.LoginPath = "/console/sign-in";
            o.LogoutPath = "/console/sign-out";
            o.AccessDeniedPath = "/console/denied";
            o.ReturnUrlParameter = "returnUrl";
            o.Cookie.Name = "switchyard.session";
            o.Cookie.HttpOnly = true;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            // A session's lifetime is wall-clock security, not business time: moving the manual clock
            // forward by months in a demo must not sign everyone out.
            o.TimeProvider = TimeProvider.System;
            o.Events.OnValidatePrincipal = ValidateStampAsync;
        });

    public const string StampClaim = "sy:stamp";

    /// <summary>
    /// A session lives only while its user is active and has the security stamp it was issued with: a
    /// password change or a disabled account ends every older session on its next request.
    /// </summary>
    private static async Task ValidateStampAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var userId = principal?.FindFirstValue(Caller.IdClaim);
        var stamp = principal?.FindFirstValue(StampClaim) ?? "";
        var db = context.HttpContext.RequestServices.GetRequiredService<Data.SwitchyardDb>();
        var current = userId is null
            ? null
            : await db.ConsoleUsers.IgnoreQueryFilters().AsNoTracking().Where(u => u.Id == userId)
                .Select(u => new { u.SecurityStamp, u.Disabled, HasPassword = u.PasswordHash != null })
                .SingleOrDefaultAsync(context.HttpContext.RequestAborted);
        if (current is null || current.Disabled || !current.HasPassword || current.SecurityStamp != stamp)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(Scheme);
        }
    }

    /// <summary>
    /// SEC-10: sign-out ends the session on the server, not only in the browser: the user's security stamp changes,
    /// so a copy of the cookie (and every other session of the user) is refused from its next request.
    /// </summary>
    public static async Task EndSessionsAsync(HttpContext http)
    {
        if (http.User.Identity?.IsAuthenticated != true || http.User.Identity.AuthenticationType != Scheme
            || http.User.FindFirstValue(Caller.IdClaim) is not { } userId)
        {
            return;
        }
        var db = http.RequestServices.GetRequiredService<Data.SwitchyardDb>();
        // Not an edit of the user: no audit entry, and the stamp itself never leaves the server.
        await db.ConsoleUsers.IgnoreQueryFilters().Where(u => u.Id == userId)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.SecurityStamp, Secrets.Random(24)), http.RequestAborted);
    }

    /// <summary>
    /// Starts a console session carrying the same claims as an API key of the same user (<see cref="Caller.ToClaims"/>),
    /// so the CallerScopeMiddleware scopes the data and names the audit actor alike.
    /// </summary>
    public static Task SignInAsync(HttpContext http, ConsoleUser user)
    {
        var claims = Caller.ForConsoleUser(user).ToClaims().Append(new Claim(StampClaim, user.SecurityStamp));
        var identity = new ClaimsIdentity(claims, Scheme, ClaimTypes.Name, null);
        return http.SignInAsync(Scheme, new ClaimsPrincipal(identity), new AuthenticationProperties { IsPersistent = false });
    }

    /// <summary>Only local console paths are followed after sign-in (no open redirect).</summary>
    public static string SafeReturnUrl(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url.StartsWith("/console", StringComparison.Ordinal) && !url.StartsWith("//", StringComparison.Ordinal)
            && !url.Contains('\\', StringComparison.Ordinal)
            ? url
            : "/console";
}
