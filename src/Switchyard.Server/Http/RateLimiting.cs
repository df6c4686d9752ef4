using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Switchyard.Server.Auth;
using Switchyard.Server.Hosting;

namespace Switchyard.Server.Http;

/// <summary>
/// SEC-7: requests are limited per authenticated caller (an API key, a console user). SEC-9: requests without a
/// valid key (none, a wrong or a revoked one) are limited per client address, however many different tokens they
/// carry, and console sign-ins (password or invitation forms) are limited per client address whatever else the
/// request carries. The limiter runs after authentication, so a guessed token counts against its sender's address,
/// never against a key of its own. 429 with Retry-After.
/// </summary>
public static class RateLimiting
{
    /// <summary>Console paths that check a password or an invitation token.</summary>
    public static readonly string[] SignInPaths = ["/console/sign-in", "/console/invitation"];

    public static IServiceCollection AddSwitchyardRateLimiting(this IServiceCollection services, SwitchyardSettings settings)
    {
        services.AddRateLimiter(options =>
        {
            var perCaller = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                IsExempt(context)
                    ? RateLimitPartition.GetNoLimiter("exempt")
                    : RateLimitPartition.GetFixedWindowLimiter(PartitionKey(context), _ => PerMinute(settings.RateLimitPerMinute)));
            var signIns = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                IsSignIn(context)
                    ? RateLimitPartition.GetFixedWindowLimiter("sign-in:" + ClientAddress(context), _ => PerMinute(settings.SignInLimitPerMinute))
                    : RateLimitPartition.GetNoLimiter("other"));
            options.GlobalLimiter = PartitionedRateLimiter.CreateChained(signIns, perCaller);
            options.OnRejected = async (rejected, token) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                var http = rejected.HttpContext;
                http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                var detail = IsSignIn(http)
                    ? $"Too many sign-in attempts from this address; retry in {seconds} s."
                    : IsAuthenticated(http)
                        ? $"This key may make {settings.RateLimitPerMinute} requests a minute; retry in {seconds} s."
                        : $"Too many requests without a valid key from this address; retry in {seconds} s.";
                await Problems.Write(http, StatusCodes.Status429TooManyRequests, "rateLimited", "Too many requests", detail);
            };
        });
        return services;
    }

    private static FixedWindowRateLimiterOptions PerMinute(int permits) => new()
    {
        PermitLimit = permits,
        Window = TimeSpan.FromMinutes(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    // Liveness and readiness probes come often from the same address and cost nothing worth guessing.
    private static bool IsExempt(HttpContext context) => context.Request.Path.StartsWithSegments("/health");

    private static bool IsSignIn(HttpContext context) =>
        HttpMethods.IsPost(context.Request.Method) && SignInPaths.Any(p => context.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase));

    private static bool IsAuthenticated(HttpContext context) => context.User.Identity?.IsAuthenticated == true;

    // A caller proved by authentication is limited by its id (the key's or the console user's); everyone else by address.
    private static string PartitionKey(HttpContext context) =>
        IsAuthenticated(context) && Caller.From(context.User) is { Id.Length: > 0 } caller
            ? "caller:" + caller.Id
            : "address:" + ClientAddress(context);

    /// <summary>The client's address (after trusted forwarded headers); IPv6 clients by their /64, which one host usually owns whole.</summary>
    public static string ClientAddress(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (address is null)
        {
            return "unknown";
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (address.AddressFamily == AddressFamily.InterNetworkV6 && !IPAddress.IsLoopback(address))
        {
            var bytes = address.GetAddressBytes();
            Array.Clear(bytes, 8, 8);
            return new IPAddress(bytes) + "/64";
        }
        return address.ToString();
    }
}
