using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using Switchyard.Data;
using Switchyard.Data.Outbox;
using Switchyard.Server.Auth;
using Switchyard.Server.Http;

namespace Switchyard.Server.Outbox;

/// <summary>An outbox message as the operator sees it (OPS-1); the payload stays inside.</summary>
public sealed record OutboxMessageDto(
    string Id, string MessageType, string Label, string DeduplicationKey, OutboxStatus Status, int Attempts, string? PartnerId,
    DateTimeOffset CreatedAt, DateTimeOffset NextAttemptAt, DateTimeOffset? LastAttemptAt, DateTimeOffset? DeliveredAt, string? LastError)
{
    public static Func<OutboxMessage, OutboxMessageDto> With(IEnumerable<IOutboxHandler> handlers)
    {
        var labels = handlers.ToDictionary(h => h.MessageType, h => h.Label, StringComparer.Ordinal);
        return m => new OutboxMessageDto(m.Id, m.MessageType, labels.GetValueOrDefault(m.MessageType, m.MessageType), m.DeduplicationKey,
            m.Status, m.Attempts, m.PartnerId, m.CreatedAt, m.NextAttemptAt, m.LastAttemptAt, m.DeliveredAt, m.LastError);
    }
}

/// <summary>The operator's view of the outbox (OPS-1): messages by status, the backlog, and a retry for failed ones.</summary>
public static class OutboxApi
{
    public static void MapOutboxApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/operator/outbox").WithTags("Outbox (operator)").RequireOperator()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("", ListAsync).WithName("listOutboxMessages")
            .WithSummary("Messages leaving the database (emails, provider calls); filter by status (failed ones are the error queue)")
            .WithDescription("Operators only. Lists outbox messages with their attempts, next try and last error, optionally by status or message type; the payload is never shown. An unknown status is 422.")
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/backlog", BacklogAsync).WithName("getOutboxBacklog").WithSummary("How many messages wait, are due and failed")
            .WithDescription("Operators only. Counts the outbox messages still waiting, those due to be tried now and those that failed for good.");
        group.MapPost("/{id}/retry", RetryAsync).WithName("retryOutboxMessage").WithSummary("Try a failed message again")
            .WithDescription("Operators only. Puts a failed message back in the queue to be tried again at once. An unknown message is 404; a message that is delivered or still being tried is 409.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<Results<Ok<Page<OutboxMessageDto>>, ProblemHttpResult>> ListAsync(
        SwitchyardDb db, IEnumerable<IOutboxHandler> handlers, [Description("pending, delivered or failed")] string? status, string? messageType,
        int? limit, string? after, CancellationToken ct)
    {
        var page = await db.OutboxMessages.List(limit, after)
            .WhereEnum(status, "status", (OutboxMessage m) => m.Status)
            .WhereIf(!string.IsNullOrEmpty(messageType), m => m.MessageType == messageType)
            .PageAsync(OutboxMessageDto.With(handlers), ct);
        return page.ToResult();
    }

    private static async Task<Ok<OutboxBacklog>> BacklogAsync(SwitchyardDb db, TimeProvider clock, CancellationToken ct) =>
        TypedResults.Ok(await OutboxBacklog.CountAsync(db, clock.GetUtcNow(), ct));

    private static async Task<Results<Ok<OutboxMessageDto>, ProblemHttpResult>> RetryAsync(
        string id, SwitchyardDb db, IEnumerable<IOutboxHandler> handlers, TimeProvider clock, CancellationToken ct)
    {
        var retried = await RetryOutboxMessage.RunAsync(db, id, clock.GetUtcNow(), ct);
        return retried.IsFailure ? Problems.From(retried.Errors) : TypedResults.Ok(OutboxMessageDto.With(handlers)(retried.Value));
    }
}
