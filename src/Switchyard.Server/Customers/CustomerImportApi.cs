using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Switchyard.Data;
using Switchyard.Domain.Partners;
using Switchyard.Server.Auth;
using Switchyard.Server.Hosting;
using Switchyard.Server.Http;
using Switchyard.Server.Legacy;

namespace Switchyard.Server.Customers;

/// <summary>Bulk import of a partner's customers from a CSV file (one request for the whole file).</summary>
public static class CustomerImportApi
{
    public const string ImportPath = "/v1/customers/imports";

    public static void MapCustomerImportApi(this IEndpointRouteBuilder app)
    {
        app.MapPost(ImportPath, ImportAsync).WithTags("Customers").WithName("importCustomers")
            .WithSummary("Add or update customers in bulk from CSV (text/csv: name, orgId, contactEmail); dryRun=true writes nothing")
            .WithDescription("Partners with `app.view` (as for adding one customer). Streams a CSV file with the columns name, orgId and contactEmail " +
                "(org_id and contact_email also accepted), separated by commas, semicolons, tabs or pipes. Every row is checked with the rules of POST /v1/customers. " +
                "A customer whose org id you already have is unchanged, or updated to the file's name and contact, so the same file imported twice changes nothing. " +
                "With dryRun=true nothing is written and the answer gives the counts or the bad rows. A file with bad rows imports nothing and is 422 listing " +
                "each row's line, column and reason; a file over the size limit is 413, over the row limit 422.")
            .RequirePartner(Permissions.AppView)
            .Accepts<string>("text/csv")
            .Produces<CustomerImportResultDto>().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }

    private static async Task<IResult> ImportAsync(
        HttpContext http, Caller caller, CustomerImporter importer, SwitchyardDb db, SwitchyardSettings settings, [FromQuery] bool? dryRun, CancellationToken ct)
    {
        var partnerId = caller.RequirePartnerId();
        // ONB-1: customer orgs are marketplace-wide, so an applicant must not register them, not even in bulk.
        var partner = await db.Partners.IgnoreQueryFilters().AsNoTracking().SingleAsync(p => p.Id == partnerId, ct);
        if (partner.EnsureApproved() is { IsFailure: true } notApproved)
        {
            return Problems.From(notApproved.Errors);
        }
        var (result, refusal) = await importer.RunAsync(partnerId, caller.Actor, http.Request.Body, dryRun ?? false, settings.MaxImportRows, ct);
        if (refusal is not null)
        {
            await ImportProblems.WriteRefusal(http, refusal);
            return Results.Empty;
        }
        if (result!.Status == "invalid" && dryRun != true)
        {
            await ImportProblems.WriteInvalidRows(http, result.Rows, result.Errors, result.ErrorsTruncated);
            return Results.Empty;
        }
        return TypedResults.Ok(result);
    }
}
