using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
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
        });

    /// <summary>
    /// Starts a console session carrying the same claims as an API key of the same user (<see cref="Caller.ToClaims"/>),
    /// so the CallerScopeMiddleware scopes the data and names the audit actor alike.
    /// </summary>
    public static Task SignInAsync(HttpContext http, ConsoleUser user)
    {
        var identity = new ClaimsIdentity(Caller.ForConsoleUser(user).ToClaims(), Scheme, ClaimTypes.Name, null);
        return http.SignInAsync(Scheme, new ClaimsPrincipal(identity), new AuthenticationProperties { IsPersistent = false });
    }

    /// <summary>Only local console paths are followed after sign-in (no open redirect).</summary>
    public static string SafeReturnUrl(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url.StartsWith("/console", StringComparison.Ordinal) && !url.StartsWith("//", StringComparison.Ordinal)
            && !url.Contains('\\', StringComparison.Ordinal)
            ? url
            : "/console";
}
