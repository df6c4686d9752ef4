using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.Data;
using Switchyard.Domain.Partners;
using Switchyard.Server.Auth;
using Switchyard.Server.Http;

namespace Switchyard.Server.Partners;

/// <summary>Operator endpoints for partner onboarding (ONB-1).</summary>
public static class PartnersApi
{
    public static void MapPartnersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/partners").WithTags("Partners (operator)").RequireOperator()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapPost("", ApplyAsync).WithName("createPartner").WithSummary("Register a partner's application")
            .WithDescription("Operator key. Records a partner that applied to sell through the marketplace; it starts as `applied` until an operator approves or rejects it.")
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("", ListAsync).WithName("listPartners").WithSummary("List partners, optionally by status")
            .WithDescription("Operator key. Every partner, optionally only those with the given status (applied, approved or rejected).")
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/{id}", GetAsync).WithName("getPartner").WithSummary("Read a partner")
            .WithDescription("Operator key. One partner with its status and business details.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id}/approve", ApproveAsync).WithName("approvePartner").WithSummary("Approve an applied partner")
            .WithDescription("Operator key. An applied partner becomes approved and may then create products and send offers. Only applied partners can be approved (409 otherwise). Unlike the console, which waits for the business details, the API approves without them: an operator calling it vouches for checks made elsewhere (read `GET /v1/partners/{id}` first to see what the partner filled in).")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id}/reject", RejectAsync).WithName("rejectPartner").WithSummary("Reject an applied partner, with a reason")
            .WithDescription("Operator key. An applied partner becomes rejected; the reason is kept in its history. Only applied partners can be rejected (409 otherwise).")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
    }

    private static async Task<Results<Created<PartnerDto>, ProblemHttpResult>> ApplyAsync(
        ApplyPartnerRequest request, SwitchyardDb db, TimeProvider clock, CancellationToken ct)
    {
        var partner = await PartnerOnboarding.ApplyAsync(db, request.Name, clock.GetUtcNow(), ct);
        if (partner.IsFailure)
        {
            return Problems.From(partner.Errors);
        }
        return TypedResults.Created($"/v1/partners/{partner.Value.Id}", PartnerDto.From(partner.Value));
    }

    private static async Task<Results<Ok<Page<PartnerDto>>, ProblemHttpResult>> ListAsync(
        SwitchyardDb db, [Description("applied, approved or rejected")] string? status, int? limit, string? after, CancellationToken ct)
    {
        var page = await db.Partners.AsNoTracking().List(limit, after)
            .WhereEnum(status, "status", (Partner p) => p.Status)
            .PageAsync(PartnerDto.From, ct);
        return page.ToResult();
    }

    private static async Task<Results<Ok<PartnerDto>, ProblemHttpResult>> GetAsync(string id, SwitchyardDb db, CancellationToken ct) =>
        await db.Partners.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct) is { } partner
            ? TypedResults.Ok(PartnerDto.From(partner))
            : Problems.NotFound("Partner");

    private static async Task<Results<Ok<PartnerDto>, ProblemHttpResult>> ApproveAsync(string id, SwitchyardDb db, TimeProvider clock, CancellationToken ct)
    {
        var partner = await db.Partners.SingleOrDefaultAsync(p => p.Id == id, ct);
        if (partner is null)
        {
            return Problems.NotFound("Partner");
        }
        var approved = await PartnerOnboarding.ApproveAsync(db, partner, clock.GetUtcNow(), ct);
        if (approved.IsFailure)
        {
            return Problems.From(approved.Errors);
        }
        return TypedResults.Ok(PartnerDto.From(partner));
    }

    private static async Task<Results<Ok<PartnerDto>, ProblemHttpResult>> RejectAsync(
        string id, RejectPartnerRequest request, SwitchyardDb db, TimeProvider clock, CancellationToken ct)
    {
        var partner = await db.Partners.SingleOrDefaultAsync(p => p.Id == id, ct);
        if (partner is null)
        {
            return Problems.NotFound("Partner");
        }
        var rejected = await PartnerOnboarding.RejectAsync(db, partner, request.Reason, clock.GetUtcNow(), ct);
        if (rejected.IsFailure)
        {
            return Problems.From(rejected.Errors);
        }
        return TypedResults.Ok(PartnerDto.From(partner));
    }
}
