using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Switchyard.Data;
using Switchyard.Server.Hosting;

namespace Switchyard.Server.Http;

/// <summary>
/// Unexpected exceptions become problem details without a stack trace; the known ones get their
/// proper status (malformed input 400, too large 413, lost concurrency race 409, database unavailable
/// or full 503 with Retry-After). Only the unexpected ones are logged as errors, with the trace id the
/// problem returns (OPS-2).
/// </summary>
public sealed class ProblemExceptionHandler(ILogger<ProblemExceptionHandler> logger, DbHealth health, SwitchyardMetrics metrics) : IExceptionHandler
{
    /// <summary>What a client is asked to wait before retrying when the database is unavailable.</summary>
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
        {
            return true;
        }
        if (DbOutage.Describe(exception) is { } outage)
        {
            health.RecordOutage(outage);
            metrics.DatabaseUnavailable.Add(1);
            logger.LogWarning("Database unavailable on {Method} {Path}: {Outage} (trace {TraceId})", httpContext.Request.Method,
                httpContext.Request.Path, outage, TraceId(httpContext));
            await WriteUnavailableAsync(httpContext, outage);
            return true;
        }
        switch (exception)
        {
            case BadHttpRequestException bad:
                var status = bad.StatusCode;
                var code = status == StatusCodes.Status413PayloadTooLarge ? "payloadTooLarge" : "malformedRequest";
                var detail = status == StatusCodes.Status413PayloadTooLarge
                    ? "The request body is larger than the server accepts; send less data at once."
                    : Describe(bad);
                await Problems.Write(httpContext, status, code, status == 413 ? "Payload too large" : "Malformed request", detail);
                return true;
            case DbUpdateConcurrencyException:
            case DbUpdateException unique when DbErrors.IsUniqueViolation(unique):
                await Problems.Write(httpContext, StatusCodes.Status409Conflict, "concurrencyConflict", "Changed by someone else",
                    "The object was changed by another request at the same time; read it again and retry.");
                return true;
            default:
                metrics.UnhandledErrors.Add(1);
                logger.LogError(exception, "Unhandled error on {Method} {Path} (trace {TraceId})", httpContext.Request.Method,
                    httpContext.Request.Path, TraceId(httpContext));
                await Problems.Write(httpContext, StatusCodes.Status500InternalServerError, "internalError", "Internal error",
                    "Something went wrong on our side; nothing was changed. Quote the trace id when you report it.");
                return true;
        }
    }

    /// <summary>503 with Retry-After and a problem document naming what is wrong (OPS-4).</summary>
    public static Task WriteUnavailableAsync(HttpContext httpContext, string outage)
    {
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return Problems.Write(httpContext, StatusCodes.Status503ServiceUnavailable, "databaseUnavailable", "Service unavailable",
            $"The request could not be completed because {outage}; nothing was changed. Retry in {RetryAfterSeconds} s.");
    }

    private static string TraceId(HttpContext httpContext) => Activity.Current?.TraceId.ToHexString() ?? httpContext.TraceIdentifier;

    private static string Describe(BadHttpRequestException bad) =>
        bad.InnerException is System.Text.Json.JsonException json
            ? $"The body is not valid JSON: {json.Message}"
            : bad.Message;
}
