using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Switchyard.Data;
using Switchyard.Domain.Auditing;
using Switchyard.Domain.Customers;
using Switchyard.Domain.Legacy;
using Switchyard.Domain.Partners;
using Switchyard.Server.Auth;
using Switchyard.Server.ChannelMigration;
using Switchyard.Server.Hosting;
using Switchyard.Server.Http;

namespace Switchyard.Server.Legacy;

public sealed record LegacyServiceOrderDto(
    string Id, string ExternalId, string CustomerOrgId, string CustomerName, string CatalogEntryId, string Type, int Quantity,
    decimal UnitPrice, string Currency, DateOnly ContractStart, DateOnly ContractEnd, string Status, DateTimeOffset ReceivedAt,
    DateTimeOffset? ActivatedAt, string? MigrationId)
{
    public static LegacyServiceOrderDto From(LegacyServiceOrder o) => new(o.Id, o.ExternalId, o.CustomerOrgId, o.CustomerName, o.CatalogEntryId,
        LegacySpellings.Name(o.Type), o.Quantity, new Domain.Common.Money(o.UnitPriceMinor, Domain.Common.Currency.From(o.CurrencyCode)).Amount,
        o.CurrencyCode, o.ContractStart, o.ContractEnd, LegacySpellings.Name(o.Status), o.ReceivedAt, o.ActivatedAt, o.MigrationId);
}

public sealed record ImportErrorDto(long Row, string? Column, string Message);

public sealed record ImportResultDto(string? Id, string Status, long Rows, int Created, int Updated, int Unchanged, IReadOnlyList<ImportErrorDto> Errors, bool ErrorsTruncated)
{
    public static ImportResultDto From(ImportReport r) =>
        new(r.Id, r.Status, r.Rows, r.Created, r.Updated, r.Unchanged, [.. r.Errors.Select(e => new ImportErrorDto(e.Row, e.Column, e.Message))], r.ErrorsTruncated);
}

/// <summary>The legacy channel: import of service orders (LEG-2, LEG-3), their list, and activation by an operator (LEG-5).</summary>
public static class LegacyApi
{
    public const string ImportPath = "/v1/legacy/imports";

    public static void MapLegacyApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/legacy").WithTags("Legacy channel")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapPost("/imports", ImportAsync).WithName("importLegacyServiceOrders")
            .WithSummary("Import legacy service orders from CSV (text/csv) or JSON lines (application/x-ndjson); dryRun=true writes nothing")
            .WithDescription("Partners with `app.view`. Streams a file of legacy service orders, creating or updating each by its external id, and returns the counts. With dryRun=true it only checks the file. A file with bad rows imports nothing and is 422 listing the rows; a file over the size or row limit is 413.")
            .RequirePartner(Permissions.AppView)
            .Accepts<string>("text/csv", "application/x-ndjson")
            .Produces<ImportResultDto>().ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/service-orders", ListAsync).WithName("listLegacyServiceOrders")
            .WithSummary("List legacy service orders; filter by customer org id or app (catalog entry id)")
            .WithDescription("Partners with `app.view` or `offers.manage`. The calling partner's legacy service orders page by page, optionally by customer organisation, app or status. An unknown status is 422.")
            .RequirePartnerAny(Permissions.AppView, Permissions.OffersManage)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/service-orders/{id}/activate", ActivateAsync).WithName("activateLegacyServiceOrder")
            .WithSummary("Operator: mark a submitted legacy order (e.g. a cancellation) activated")
            .WithDescription("Operators only. Marks a submitted legacy service order activated and records it in the audit trail; an activated cancellation moves the migration waiting on it forward. An unknown order is 404; one that is not submitted is 409.")
            .RequireOperator().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<IResult> ImportAsync(
        HttpContext http, LegacyImporter importer, SwitchyardSettings settings, [FromQuery] bool? dryRun, CancellationToken ct)
    {
        var partnerId = Caller.From(http.User)!.RequirePartnerId();
        var contentType = http.Request.ContentType ?? "text/csv";
        var json = contentType.Contains("json", StringComparison.OrdinalIgnoreCase);
        var (report, refusal) = await importer.RunAsync(partnerId, http.Request.Body, json, dryRun ?? false, settings.MaxImportRows, null, null, ct);
        if (refusal is not null)
        {
            var ext = new Dictionary<string, object?>();
            if (refusal.Line is { } line)
            {
                ext["line"] = line;
                ext["errors"] = new[] { new ImportErrorDto(line, null, refusal.Message) };
            }
            await Problems.Write(http, refusal.Status, refusal.Code, "The file was refused", refusal.Message, ext);
            return Results.Empty;
        }
        var dto = ImportResultDto.From(report!);
        if (report!.Status == "invalid" && dryRun != true)
        {
            await Problems.Write(http, StatusCodes.Status422UnprocessableEntity, "invalidRows", "The file has bad rows",
                $"{report.Errors.Count}{(report.ErrorsTruncated ? "+" : "")} problem(s) found; nothing was imported. Fix the rows listed and import the file again.",
                new Dictionary<string, object?> { ["rows"] = report.Rows, ["errors"] = dto.Errors, ["errorsTruncated"] = dto.ErrorsTruncated });
            return Results.Empty;
        }
        return TypedResults.Ok(dto);
    }

    private static async Task<Results<Ok<Page<LegacyServiceOrderDto>>, ProblemHttpResult>> ListAsync(
        SwitchyardDb db, string? customerOrgId, string? app, string? status, int? limit, string? after, CancellationToken ct)
    {
        var canonical = !string.IsNullOrEmpty(customerOrgId) && OrgIds.Validate(customerOrgId).Count == 0 ? OrgIds.Canonical(customerOrgId) : customerOrgId;
        var page = await db.LegacyServiceOrders.AsNoTracking().List(limit, after)
            .WhereIf(!string.IsNullOrEmpty(customerOrgId), o => o.CustomerOrgId == canonical)
            .WhereIf(!string.IsNullOrEmpty(app), o => o.CatalogEntryId == app)
            .WhereEnum(status, "status", (LegacyServiceOrder o) => o.Status)
            .PageAsync(LegacyServiceOrderDto.From, ct);
        return page.ToResult();
    }

    private static async Task<Results<Ok<LegacyServiceOrderDto>, ProblemHttpResult>> ActivateAsync(
        string id, SwitchyardDb db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var order = await db.LegacyServiceOrders.SingleOrDefaultAsync(o => o.Id == id, ct);
        if (order is null)
        {
            return Problems.NotFound("Legacy service order");
        }
        var now = clock.GetUtcNow();
        var activated = order.Activate(now);
        if (activated.IsFailure)
        {
            return Problems.From(activated.Errors);
        }
        db.AuditEntries.Add(AuditEntry.Record(order.PartnerId, order.Id, "legacyServiceOrder", "legacyServiceOrder.activated",
            Caller.From(http.User)?.Actor ?? "operator", now, "{\"status\":{\"old\":\"submitted\",\"new\":\"activated\"}}", null));
        await MigrationSteps.CancellationActivatedAsync(db, order, now, ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(LegacyServiceOrderDto.From(order));
    }
}
