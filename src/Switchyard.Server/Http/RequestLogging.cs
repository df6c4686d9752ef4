using System.Diagnostics;

namespace Switchyard.Server.Http;

/// <summary>
/// SEC-10: one line per request (at Debug) with the method, the path and the status, never the query string,
/// where secrets travel (invitation tokens in links). ASP.NET Core's own request lines, which print the whole URL,
/// are switched off at every level (<see cref="HostingCategory"/>).
/// </summary>
public sealed class RequestLogging(RequestDelegate next, ILogger<RequestLogging> logger)
{
    /// <summary>The category of ASP.NET Core's "Request starting … ?token=…" lines.</summary>
    public const string HostingCategory = "Microsoft.AspNetCore.Hosting.Diagnostics";

    public async Task InvokeAsync(HttpContext context)
    {
        if (!logger.IsEnabled(LogLevel.Debug))
        {
            await next(context);
            return;
        }
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            logger.LogDebug("{Method} {Path} answered {Status} in {Elapsed:0.0} ms", context.Request.Method, context.Request.Path,
                context.Response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }
}
