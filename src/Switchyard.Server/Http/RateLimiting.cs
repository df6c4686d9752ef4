using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Switchyard.Domain.Access;
using Switchyard.Server.Hosting;

namespace Switchyard.Server.Http;

/// <summary>SEC-7: requests are limited per API key (per client address without one); 429 with Retry-After.</summary>
public static class RateLimiting
{
    public static IServiceCollection AddSwitchyardRateLimiting(this IServiceCollection services, SwitchyardSettings settings)
    {
        services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                RateLimitPartition.GetFixedWindowLimiter(PartitionKey(context), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = settings.RateLimitPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                }));
            options.OnRejected = async (rejected, token) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                rejected.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await Problems.Write(rejected.HttpContext, StatusCodes.Status429TooManyRequests, "rateLimited", "Too many requests",
                    $"This key may make {settings.RateLimitPerMinute} requests a minute; retry in {seconds} s.");
            };
        });
        return services;
    }

    // The hash of the whole token identifies the key without keeping the secret in memory as a dictionary key.
    // Not the public prefix alone: anyone who has seen a key's prefix could then use up that key's quota.
    private static string PartitionKey(HttpContext context)
    {
        string? header = context.Request.Headers.Authorization;
        if (header is not null && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var token = header["Bearer ".Length..].Trim();
            return "key:" + Domain.Access.Secrets.Hash(token);
        }
        return "ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
    }
}
