using Microsoft.AspNetCore.Http.HttpResults;
using Switchyard.Data;

namespace Switchyard.Server.Hosting;

public sealed record HealthDto(string Status, string Database);

/// <summary>GET /health: 200 when the database answers, 503 otherwise.</summary>
public static class HealthApi
{
    public static void MapHealth(this IEndpointRouteBuilder app) =>
        app.MapGet("/health", async Task<Results<Ok<HealthDto>, JsonHttpResult<HealthDto>>> (SwitchyardDb db, SwitchyardSettings settings, CancellationToken ct) =>
            {
                bool reachable;
                try
                {
                    reachable = await db.Database.CanConnectAsync(ct);
                }
                catch (Exception)
                {
                    reachable = false;
                }
                return reachable
                    ? TypedResults.Ok(new HealthDto("healthy", settings.DbProvider))
                    : TypedResults.Json(new HealthDto("unhealthy", settings.DbProvider), statusCode: StatusCodes.Status503ServiceUnavailable);
            })
            .WithTags("Health").WithName("getHealth").WithSummary("Whether the server and its database are up")
            .WithDescription("Answers 200 when the server and its database respond, 503 otherwise. Needs no key; use it for load-balancer and uptime checks.").AllowAnonymous()
            .Produces<HealthDto>(StatusCodes.Status503ServiceUnavailable);
}
