using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.Data;
using Switchyard.Server.Auth;
using Switchyard.Server.Http;

namespace Switchyard.Server.Clock;

public sealed record SetClockRequest(DateTimeOffset? Now);

public sealed record ClockDto(DateTimeOffset Now, DateOnly Today, string TimeZone, IReadOnlyDictionary<string, int> Applied);

/// <summary>
/// The manual clock (api.md "Time"): sets the server's clock and runs every transition due up to it
/// before answering. Exists only when SWITCHYARD_CLOCK=manual; the clock never moves backwards.
/// </summary>
public static class ClockApi
{
    public static void MapClockApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/operator/clock").WithTags("Operator clock").RequireOperator()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapGet("", (TimeProvider clock, Domain.Common.MarketplaceCalendar calendar) =>
            TypedResults.Ok(new ClockDto(clock.GetUtcNow(), calendar.DateOf(clock.GetUtcNow()), calendar.Zone.Id, new Dictionary<string, int>())))
            .WithName("getClock").WithSummary("Read the manual clock")
            .WithDescription("Operator key, on a server started with SWITCHYARD_CLOCK=manual (404 otherwise): the simulated time and the marketplace's date.");

        group.MapPost("", SetAsync)
            .WithName("setClock").WithSummary("Move the manual clock forward and run every transition due")
            .WithDescription("Operator key, on a server started with SWITCHYARD_CLOCK=manual (404 otherwise). Sets the time (it never moves backwards) and runs every transition due by then, such as offers expiring and orders activating, before answering with what was done. For demos and tests.")
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
    }

    private static async Task<Results<Ok<ClockDto>, ProblemHttpResult>> SetAsync(
        SetClockRequest request, ManualTimeProvider clock, TransitionRunner runner, SwitchyardDb db,
        Domain.Common.MarketplaceCalendar calendar, CancellationToken ct)
    {
        var moved = await MoveClock.RunAsync(request.Now, clock, runner, db, calendar, ct);
        return moved.IsFailure ? Problems.From(moved.Errors) : TypedResults.Ok(moved.Value);
    }
}

/// <summary>
/// TIM-2: moves the manual clock forward (never backwards), persists it and runs every transition due up to it.
/// Shared by POST /v1/operator/clock and the console's clock page.
/// </summary>
public static class MoveClock
{
    public static async Task<Domain.Common.Result<ClockDto>> RunAsync(
        DateTimeOffset? to, ManualTimeProvider clock, TransitionRunner runner, SwitchyardDb db, Domain.Common.MarketplaceCalendar calendar, CancellationToken ct)
    {
        if (to is not { } now)
        {
            return Domain.Common.Errors.Required("now");
        }
        if (!clock.TryAdvanceTo(now))
        {
            return Domain.Common.Errors.Conflict("clockBackwards",
                $"The clock is at {clock.GetUtcNow():O}; it only moves forward.");
        }
        var state = await db.ClockStates.SingleOrDefaultAsync(ct);
        if (state is null)
        {
            db.ClockStates.Add(new ClockState { Now = now.ToUniversalTime() });
        }
        else
        {
            state.Now = now.ToUniversalTime();
        }
        await db.SaveChangesAsync(ct);
        var applied = await runner.RunDueAsync(clock.GetUtcNow(), ct);
        return new ClockDto(clock.GetUtcNow(), calendar.DateOf(clock.GetUtcNow()), calendar.Zone.Id, applied);
    }
}
