using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.Data;
using Switchyard.Domain.Catalog;
using Switchyard.Domain.Partners;
using Switchyard.Server.Auth;
using Switchyard.Server.Http;

namespace Switchyard.Server.Catalog;

/// <summary>CAT-1: operators contract apps; partners read their entries.</summary>
public static class CatalogApi
{
    public static void MapCatalogApi(this IEndpointRouteBuilder app)
    {
        var operatorGroup = app.MapGroup("/v1/partners/{partnerId}/catalog-entries").WithTags("Catalog (operator)").RequireOperator()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        operatorGroup.MapPost("", CreateAsync).WithName("createCatalogEntry").WithSummary("Add an app to a partner's catalog")
            .WithDescription("Operator key. A catalog entry is an app the partner may sell through the platform once it is contracted; only an operator adds or contracts entries.")
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        operatorGroup.MapGet("", ListForPartnerAsync).WithName("listPartnerCatalogEntries").WithSummary("A partner's catalog entries")
            .WithDescription("Operator key. A partner's catalog entries, contracted or not.");
        operatorGroup.MapPatch("/{entryId}", UpdateAsync).WithName("updateCatalogEntry").WithSummary("Contract, un-contract or rename a catalog entry")
            .WithDescription("Operator key. Changes whether the partner is contracted to sell this app, or its name. Omitted fields are kept.")
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        app.MapGet("/v1/catalog-entries", ListOwnAsync).WithTags("Catalog").WithName("listCatalogEntries")
            .WithSummary("The calling partner's catalog entries")
            .WithDescription("The apps the calling partner may sell through the platform. Products can be created only for contracted entries.").RequirePartnerAny(Permissions.AppView, Permissions.OffersManage)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
    }

    private static async Task<Results<Created<CatalogEntryDto>, ProblemHttpResult>> CreateAsync(
        string partnerId, CreateCatalogEntryRequest request, SwitchyardDb db, CancellationToken ct)
    {
        if (!await db.Partners.AnyAsync(p => p.Id == partnerId, ct))
        {
            return Problems.NotFound("Partner");
        }
        var entry = await CatalogEntries.AddAsync(db, partnerId, request.Name, request.Contracted ?? false, ct);
        if (entry.IsFailure)
        {
            return Problems.From(entry.Errors);
        }
        return TypedResults.Created($"/v1/partners/{partnerId}/catalog-entries/{entry.Value.Id}", CatalogEntryDto.From(entry.Value));
    }

    private static async Task<Results<Ok<Page<CatalogEntryDto>>, ProblemHttpResult>> ListForPartnerAsync(
        string partnerId, SwitchyardDb db, int? limit, string? after, CancellationToken ct)
    {
        if (!await db.Partners.AnyAsync(p => p.Id == partnerId, ct))
        {
            return Problems.NotFound("Partner");
        }
        return await ListAsync(db.CatalogEntries.Where(e => e.PartnerId == partnerId), null, limit, after, ct);
    }

    private static async Task<Results<Ok<CatalogEntryDto>, ProblemHttpResult>> UpdateAsync(
        string partnerId, string entryId, UpdateCatalogEntryRequest request, SwitchyardDb db, CancellationToken ct)
    {
        var entry = await db.CatalogEntries.SingleOrDefaultAsync(e => e.Id == CatalogEntryId.From(entryId) && e.PartnerId == partnerId, ct);
        if (entry is null)
        {
            return Problems.NotFound("Catalog entry");
        }
        var updated = await CatalogEntries.UpdateAsync(db, entry, request.Name, request.Contracted, request.Reason, ct);
        if (updated.IsFailure)
        {
            return Problems.From(updated.Errors);
        }
        return TypedResults.Ok(CatalogEntryDto.From(entry));
    }

    private static Task<Results<Ok<Page<CatalogEntryDto>>, ProblemHttpResult>> ListOwnAsync(
        SwitchyardDb db, bool? contracted, int? limit, string? after, CancellationToken ct) =>
        ListAsync(db.CatalogEntries, contracted, limit, after, ct);

    private static async Task<Results<Ok<Page<CatalogEntryDto>>, ProblemHttpResult>> ListAsync(
        IQueryable<CatalogEntry> query, bool? contracted, int? limit, string? after, CancellationToken ct)
    {
        var page = await query.AsNoTracking().List(limit, after)
            .WhereIf(contracted is not null, e => e.Contracted == contracted)
            .PageAsync(CatalogEntryDto.From, ct);
        return page.ToResult();
    }
}
