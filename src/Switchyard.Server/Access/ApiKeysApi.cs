using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.Data;
using Switchyard.Domain.Access;
using Switchyard.Domain.Partners;
using Switchyard.Server.Auth;
using Switchyard.Server.Hosting;
using Switchyard.Server.Http;

namespace Switchyard.Server.Access;

/// <summary>SEC-2: issuing, listing and revoking API keys; partner-user invitations to the console.</summary>
public static class ApiKeysApi
{
    public static void MapApiKeysApi(this IEndpointRouteBuilder app)
    {
        var operatorGroup = app.MapGroup("/v1").WithTags("API keys (operator)").RequireOperator()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        operatorGroup.MapPost("/partners/{partnerId}/api-keys", IssuePartnerKeyAsync).WithName("createPartnerApiKey")
            .WithSummary("Issue a partner user's API key with permissions (shown once)")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        operatorGroup.MapGet("/partners/{partnerId}/api-keys", ListPartnerKeysAsync).WithName("listPartnerApiKeys")
            .WithSummary("A partner's keys: prefix, permissions, last use").ProducesProblem(StatusCodes.Status404NotFound);
        operatorGroup.MapPost("/partners/{partnerId}/users", InviteAsync).WithName("invitePartnerUser")
            .WithSummary("Invite a partner user to the console; the link is shown once")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        operatorGroup.MapPost("/operator/api-keys", IssueOperatorKeyAsync).WithName("createOperatorApiKey")
            .WithSummary("Issue another operator key (shown once)");

        var own = app.MapGroup("/v1/api-keys").WithTags("API keys")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        own.MapGet("", ListOwnKeysAsync).WithName("listApiKeys").WithSummary("The calling partner's keys")
            .RequirePartner(Permissions.AppView);
        own.MapPost("/{id}/revoke", RevokePartnerKeyAsync).WithName("revokeApiKey").WithSummary("Revoke one of the partner's keys")
            .RequirePartner(Permissions.AppView).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        app.MapPost("/v1/operator/api-keys/{id}/revoke", RevokeAnyKeyAsync).WithTags("API keys (operator)").WithName("revokeAnyApiKey")
            .WithSummary("Revoke any key").RequireOperator()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<Results<Created<IssuedKeyDto>, ProblemHttpResult>> IssuePartnerKeyAsync(
        string partnerId, IssuePartnerKeyRequest request, SwitchyardDb db, Caller caller, TimeProvider clock, CancellationToken ct)
    {
        var partner = await db.Partners.AsNoTracking().SingleOrDefaultAsync(p => p.Id == partnerId, ct);
        if (partner is null)
        {
            return Problems.NotFound("Partner");
        }
        var issued = await ApiKeys.IssueForPartnerAsync(db, partner, request.Permissions, request.Name, caller.Actor, clock.GetUtcNow(), ct);
        if (issued.IsFailure)
        {
            return Problems.From(issued.Errors);
        }
        return TypedResults.Created($"/v1/api-keys/{issued.Value.Key.Id}", IssuedKeyDto.From(issued.Value));
    }

    private static async Task<Results<Ok<IReadOnlyList<ApiKeyDto>>, ProblemHttpResult>> ListPartnerKeysAsync(
        string partnerId, SwitchyardDb db, CancellationToken ct)
    {
        if (!await db.Partners.AnyAsync(p => p.Id == partnerId, ct))
        {
            return Problems.NotFound("Partner");
        }
        return TypedResults.Ok(await KeysOfAsync(db.ApiKeys.Where(k => k.PartnerId == partnerId), ct));
    }

    private static async Task<Ok<IReadOnlyList<ApiKeyDto>>> ListOwnKeysAsync(SwitchyardDb db, CancellationToken ct) =>
        TypedResults.Ok(await KeysOfAsync(db.ApiKeys.Where(k => k.PartnerId != null), ct));

    private static async Task<IReadOnlyList<ApiKeyDto>> KeysOfAsync(IQueryable<ApiKey> query, CancellationToken ct)
    {
        var keys = await query.AsNoTracking().OrderBy(k => k.Id).ToListAsync(ct);
        return keys.Select(ApiKeyDto.From).ToList();
    }

    private static async Task<Results<Created<IssuedKeyDto>, ProblemHttpResult>> IssueOperatorKeyAsync(
        IssueOperatorKeyRequest request, SwitchyardDb db, Caller caller, TimeProvider clock, CancellationToken ct)
    {
        var issued = ApiKey.ForOperator(request.Name, caller.Actor, clock.GetUtcNow());
        db.ApiKeys.Add(issued.Key);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/v1/api-keys/{issued.Key.Id}", IssuedKeyDto.From(issued));
    }

    private static Task<Results<Ok<ApiKeyDto>, ProblemHttpResult>> RevokePartnerKeyAsync(string id, SwitchyardDb db, TimeProvider clock, CancellationToken ct) =>
        RevokeAsync(db.ApiKeys.Where(k => k.PartnerId != null && k.Id == id), db, clock, ct);

    private static Task<Results<Ok<ApiKeyDto>, ProblemHttpResult>> RevokeAnyKeyAsync(string id, SwitchyardDb db, TimeProvider clock, CancellationToken ct) =>
        RevokeAsync(db.ApiKeys.Where(k => k.Id == id), db, clock, ct);

    private static async Task<Results<Ok<ApiKeyDto>, ProblemHttpResult>> RevokeAsync(IQueryable<ApiKey> query, SwitchyardDb db, TimeProvider clock, CancellationToken ct)
    {
        var key = await query.SingleOrDefaultAsync(ct);
        if (key is null)
        {
            return Problems.NotFound("API key");
        }
        var revoked = await ApiKeys.RevokeAsync(db, key, clock.GetUtcNow(), ct);
        if (revoked.IsFailure)
        {
            return Problems.From(revoked.Errors);
        }
        return TypedResults.Ok(ApiKeyDto.From(key));
    }

    private static async Task<Results<Created<InvitationDto>, ProblemHttpResult>> InviteAsync(
        string partnerId, InvitePartnerUserRequest request, SwitchyardDb db, PublicAddress address, TimeProvider clock, CancellationToken ct)
    {
        var partner = await db.Partners.AsNoTracking().SingleOrDefaultAsync(p => p.Id == partnerId, ct);
        if (partner is null)
        {
            return Problems.NotFound("Partner");
        }
        var invited = await InvitePartnerUser.RunAsync(db, partner, request.Email, request.Permissions,
            address.Url, clock.GetUtcNow(), ct);
        if (invited.IsFailure)
        {
            return Problems.From(invited.Errors);
        }
        return TypedResults.Created($"/v1/partners/{partnerId}/users/{invited.Value.UserId}", invited.Value);
    }
}
