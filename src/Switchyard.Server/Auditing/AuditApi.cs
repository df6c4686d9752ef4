using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.Data;
using Switchyard.Domain.Auditing;
using Switchyard.Domain.Common;
using Switchyard.Domain.Partners;
using Switchyard.Server.Auth;
using Switchyard.Server.Http;

namespace Switchyard.Server.Auditing;

public sealed record AuditEntryDto(string ObjectId, string ObjectType, string Actor, DateTimeOffset At, string Action, JsonElement Changes, string? Reason)
{
    public static AuditEntryDto From(AuditEntry a) =>
        new(a.ObjectId, a.ObjectType, a.Actor, a.At, a.Action, JsonDocument.Parse(a.VisibleChanges).RootElement.Clone(), a.Reason);
}

/// <summary>AUD-1: an object's change history, oldest first; read-only by construction (no write endpoint exists).</summary>
public static class AuditApi
{
    public static void MapAuditApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/audit", PartnerHistoryAsync).WithTags("Audit").WithName("getAuditTrail")
            .WithSummary("The change history of one of your objects")
            .WithDescription("Who changed what and when on one of your objects (an offer, order, product or your account), with the fields before and after. Pass the object's id as `objectId`.")
            .RequirePartner(Permissions.AppView)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        app.MapGet("/v1/operator/audit", OperatorHistoryAsync).WithTags("Audit").WithName("getOperatorAuditTrail")
            .WithSummary("The change history of any object")
            .WithDescription("Operator key. The change history of any object of any partner, with the same entries partners see for their own objects.").RequireOperator()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
    }

    private static Task<Results<Ok<IReadOnlyList<AuditEntryDto>>, ProblemHttpResult>> PartnerHistoryAsync(string? objectId, SwitchyardDb db, CancellationToken ct) =>
        HistoryAsync(objectId, db, ct);

    private static Task<Results<Ok<IReadOnlyList<AuditEntryDto>>, ProblemHttpResult>> OperatorHistoryAsync(string? objectId, SwitchyardDb db, CancellationToken ct) =>
        HistoryAsync(objectId, db, ct);

    private static async Task<Results<Ok<IReadOnlyList<AuditEntryDto>>, ProblemHttpResult>> HistoryAsync(string? objectId, SwitchyardDb db, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(objectId))
        {
            return Problems.From(Errors.Required("objectId"));
        }
        // Ordered in memory: instants are stored as integers on SQLite but the order is the same everywhere.
        var entries = await db.AuditEntries.AsNoTracking().Where(a => a.ObjectId == objectId).OrderBy(a => a.At).ThenBy(a => a.Id).ToListAsync(ct);
        return TypedResults.Ok<IReadOnlyList<AuditEntryDto>>(entries.Select(AuditEntryDto.From).ToList());
    }
}
