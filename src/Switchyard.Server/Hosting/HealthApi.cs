using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Switchyard.Data;
using Switchyard.Server.Http;

namespace Switchyard.Server.Hosting;

public sealed record HealthDto(string Status, string Database);

public sealed record ReadinessDto(string Status, string Database, string? Problem);

/// <summary>
/// OPS-4: GET /health is liveness (the process answers; no database work, so a slow database never gets a
/// healthy process restarted). GET /health/ready is readiness: the database answers a read and accepts a write,
/// and no request met an outage in the last seconds; 503 with Retry-After otherwise.
/// </summary>
public static class HealthApi
{
    public static void MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", (SwitchyardSettings settings) => TypedResults.Ok(new HealthDto("healthy", settings.DbProvider)))
            .WithTags("Health").WithName("getHealth").WithSummary("Liveness: whether the server process answers (no database work)").AllowAnonymous();

        app.MapGet("/health/ready", async Task<Results<Ok<ReadinessDto>, JsonHttpResult<ReadinessDto>>> (
                HttpContext http, SwitchyardDb db, DbHealth health, SwitchyardSettings settings, CancellationToken ct) =>
            {
                var problem = await ProbeAsync(db, ct);
                if (problem is null && health.RecentOutage is { } recent)
                {
                    problem = recent;
                }
                if (problem is null)
                {
                    health.RecordRecovery();
                    return TypedResults.Ok(new ReadinessDto("ready", settings.DbProvider, null));
                }
                http.Response.Headers.RetryAfter = ProblemExceptionHandler.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                return TypedResults.Json(new ReadinessDto("unavailable", settings.DbProvider, problem), statusCode: StatusCodes.Status503ServiceUnavailable);
            })
            .WithTags("Health").WithName("getReadiness").WithSummary("Readiness: whether the database can be read and written")
            .AllowAnonymous()
            .Produces<ReadinessDto>(StatusCodes.Status503ServiceUnavailable);
    }

    /// <summary>Null when the database answers a read and would accept a write, else what is wrong.</summary>
    private static async Task<string?> ProbeAsync(SwitchyardDb db, CancellationToken ct)
    {
        try
        {
            await db.Database.OpenConnectionAsync(ct);
            try
            {
                var connection = db.Database.GetDbConnection();
                await using var command = connection.CreateCommand();
                command.CommandTimeout = 3;
                if (connection is SqliteConnection)
                {
                    // Taking the write lock fails on a read-only file; nothing is written.
                    // A short wait: a database busy for seconds is not ready (the next open restores the usual timeout).
                    command.CommandText = "PRAGMA busy_timeout = 2000; SELECT count(*) FROM \"__EFMigrationsHistory\"; BEGIN IMMEDIATE; ROLLBACK;";
                    await command.ExecuteNonQueryAsync(ct);
                    return null;
                }
                command.CommandText = "SELECT NOT pg_is_in_recovery() AND current_setting('transaction_read_only') = 'off' FROM \"__EFMigrationsHistory\" LIMIT 1";
                return await command.ExecuteScalarAsync(ct) is true ? null : "the database is read-only";
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return DbOutage.Describe(ex) ?? "the database cannot be reached";
        }
    }
}
