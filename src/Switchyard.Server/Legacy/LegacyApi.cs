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

public sealed record ConsolidationFindingDto(long Row, string ExternalId, string Kind, string? ExistingExternalId, IReadOnlyList<string> Columns, string Message);

public sealed record ConsolidationResultDto(
    string? Id, string Status, string SourcePartner, long Rows, int Created, int Updated, int Unchanged,
    int DuplicateCount, IReadOnlyList<ConsolidationFindingDto> Duplicates, int ConflictCount, IReadOnlyList<ConsolidationFindingDto> Conflicts,
    IReadOnlyList<ImportErrorDto> Errors, bool ErrorsTruncated)
{
    public static ConsolidationResultDto From(ImportReport r, string source) =>
        new(r.Id, r.Status, source, r.Rows, r.Created, r.Updated, r.Unchanged, r.DuplicateCount, [.. r.Duplicates.Select(Finding)],
            r.ConflictCount, [.. r.Conflicts.Select(Finding)], [.. r.Errors.Select(e => new ImportErrorDto(e.Row, e.Column, e.Message))], r.ErrorsTruncated);

    private static ConsolidationFindingDto Finding(ConsolidationFinding f) => new(f.Row, f.ExternalId, f.Kind, f.ExistingExternalId, f.Columns, f.Message);
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
    public const string ConsolidationPath = "/v1/legacy/consolidations";
    private const int MaxMappings = 1000;

    public static void MapLegacyApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/legacy").WithTags("Legacy channel")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapPost("/imports", ImportAsync).WithName("importLegacyServiceOrders")
            .WithSummary("Import legacy service orders from CSV (text/csv) or JSON lines (application/x-ndjson); dryRun=true writes nothing")
            .WithDescription("Partners with `app.view`. Streams a file of legacy service orders, creating or updating each by its external id, and returns the counts. With dryRun=true it only checks the file. A file with bad rows imports nothing and is 422 listing the rows; a file over the size or row limit is 413. " +
                "With background=true the file is received, then imported as a background job: the answer is 202 with the job, whose progress and result GET /v1/legacy/imports/{id} gives.")
            .RequirePartner(Permissions.AppView)
            .Accepts<string>("text/csv", "application/x-ndjson")
            .Produces<ImportResultDto>().Produces<LegacyImportJobDto>(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/imports/{id}", ImportJobAsync).WithName("getLegacyImportJob")
            .WithSummary("A background import's progress (rows done of the file's rows) and, once finished, its result")
            .WithDescription("Partners with `app.view`. For an import started with background=true: status running, then completed, dryRun, invalid (result.errors lists the rows) or failed (problem says why). Another partner's job or an unknown id is 404.")
            .RequirePartner(Permissions.AppView)
            .Produces<LegacyImportJobDto>().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/consolidations", ConsolidateAsync).WithName("consolidateLegacyServiceOrders")
            .WithSummary("Merge another partner org's export of legacy service orders into this book, remapping apps and customers; dryRun=true previews duplicates and conflicts")
            .WithDescription("Partners with `app.view`. The body is the other org's export (text/csv or application/x-ndjson, the import's columns); `source` names that org. " +
                "`mapApp=FROM=TO` (repeatable) maps the export's app id or name to one of your apps (id or exact name); `mapCustomer=FROM=TO` maps a customer org id to another. " +
                "With dryRun=true nothing is written and the answer lists the duplicates (rows already in your book, under the same external id or as the same contract under another) " +
                "and the conflicts (external ids in your book with other values). The real run skips duplicates; with conflicts it is 409 and writes nothing unless " +
                "onConflict=replace takes the export's values. Bad rows are 422 as for an import; a file over the size or row limit is 413.")
            .RequirePartner(Permissions.AppView)
            .Accepts<string>("text/csv", "application/x-ndjson")
            .Produces<ConsolidationResultDto>().ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
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
        HttpContext http, Caller caller, LegacyImporter importer, LegacyImportJobs jobs, SwitchyardSettings settings, [FromQuery] bool? dryRun,
        [FromQuery] bool? background, CancellationToken ct)
    {
        var partnerId = caller.RequirePartnerId();
        var contentType = http.Request.ContentType ?? "text/csv";
        var json = contentType.Contains("json", StringComparison.OrdinalIgnoreCase);
        if (background == true)
        {
            var job = await jobs.StartAsync(partnerId, caller.Actor, http.Request.Body, json, dryRun ?? false, settings.MaxImportRows, ct);
            return TypedResults.Accepted($"{ImportPath}/{job.Id}", job);
        }
        var (report, refusal) = await importer.RunAsync(partnerId, http.Request.Body, json, dryRun ?? false, settings.MaxImportRows, null, ct);
        if (refusal is not null)
        {
            await ImportProblems.WriteRefusal(http, refusal);
            return Results.Empty;
        }
        var dto = ImportResultDto.From(report!);
        if (report!.Status == "invalid" && dryRun != true)
        {
            await ImportProblems.WriteInvalidRows(http, report.Rows, dto.Errors, dto.ErrorsTruncated);
            return Results.Empty;
        }
        return TypedResults.Ok(dto);
    }

    private static async Task<IResult> ConsolidateAsync(
        HttpContext http, Caller caller, LegacyImporter importer, SwitchyardSettings settings, SwitchyardDb db, [FromQuery] string? source, [FromQuery] string[]? mapApp,
        [FromQuery] string[]? mapCustomer, [FromQuery] string? onConflict, [FromQuery] bool? dryRun, CancellationToken ct)
    {
        var partnerId = caller.RequirePartnerId();
        var errors = new List<Domain.Common.Error>();
        source = source?.Trim();
        if (string.IsNullOrEmpty(source) || source.Length > 100 || source.Any(char.IsControl))
        {
            errors.Add(Domain.Common.Errors.Validation("invalidSource", "source", "source names the partner org whose export this is (1 to 100 characters)."));
        }
        var replace = string.Equals(onConflict, "replace", StringComparison.OrdinalIgnoreCase);
        if (!string.IsNullOrEmpty(onConflict) && !replace && !string.Equals(onConflict, "refuse", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add(Domain.Common.Errors.Validation("invalidOnConflict", "onConflict", "onConflict is refuse (the default) or replace."));
        }
        var entries = await db.CatalogEntries.AsNoTracking().Where(c => c.PartnerId == partnerId).Select(c => new { Id = c.Id.Value, c.Name }).ToListAsync(ct);
        var apps = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in mapApp ?? [])
        {
            var (from, to) = Split(pair);
            var target = entries.FirstOrDefault(e => e.Id == to) ?? entries.FirstOrDefault(e => e.Name == to);
            if (from is null || target is null || apps.Count >= MaxMappings)
            {
                errors.Add(Domain.Common.Errors.Validation("invalidAppMapping", "mapApp",
                    $"'{Clip(pair)}' is not FROM=TO with TO one of your apps (its catalog entry id or exact name)."));
                continue;
            }
            apps[from] = target.Id;
        }
        var customers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in mapCustomer ?? [])
        {
            var (from, to) = Split(pair);
            if (from is null || to is null || OrgIds.Validate(from).Count > 0 || OrgIds.Validate(to).Count > 0 || customers.Count >= MaxMappings)
            {
                errors.Add(Domain.Common.Errors.Validation("invalidCustomerMapping", "mapCustomer", $"'{Clip(pair)}' is not FROM=TO with two org ids."));
                continue;
            }
            customers[OrgIds.Canonical(from)] = OrgIds.Canonical(to);
        }
        if (errors.Count > 0)
        {
            return Problems.From(errors);
        }
        var json = (http.Request.ContentType ?? "text/csv").Contains("json", StringComparison.OrdinalIgnoreCase);
        var (report, refusal) = await importer.RunAsync(partnerId, http.Request.Body, json, dryRun ?? false, settings.MaxImportRows,
            new Consolidation(source!, apps, customers, replace), ct);
        if (refusal is not null)
        {
            await ImportProblems.WriteRefusal(http, refusal);
            return Results.Empty;
        }
        var dto = ConsolidationResultDto.From(report!, source!);
        if (report!.Status == "invalid" && dryRun != true)
        {
            await ImportProblems.WriteInvalidRows(http, report.Rows, dto.Errors, dto.ErrorsTruncated, ("merged", "merge"));
            return Results.Empty;
        }
        if (report.Status == "conflicts")
        {
            await Problems.Write(http, StatusCodes.Status409Conflict, "consolidationConflicts", "The export conflicts with your book",
                $"{report.ConflictCount} row(s) have an external id already in your book with other values; nothing was merged. " +
                "Correct them, or merge again with onConflict=replace to take the export's values.",
                new Dictionary<string, object?> { ["conflictCount"] = report.ConflictCount, ["conflicts"] = dto.Conflicts, ["duplicateCount"] = report.DuplicateCount });
            return Results.Empty;
        }
        return TypedResults.Ok(dto);
    }

    private static IResult ImportJobAsync(string id, Caller caller, LegacyImportJobs jobs) =>
        jobs.Find(id, caller.RequirePartnerId()) is { } job ? TypedResults.Ok(job) : Problems.NotFound("Import job");

    private static (string? From, string? To) Split(string? pair)
    {
        var at = pair?.LastIndexOf('=') ?? -1;
        if (pair is null || at <= 0 || at == pair.Length - 1 || pair.Length > 300 || pair.Any(char.IsControl))
        {
            return (null, null);
        }
        return (pair[..at].Trim(), pair[(at + 1)..].Trim());
    }

    private static string Clip(string? value) =>
        value is null ? "" : new string([.. value.Take(60).Select(c => char.IsControl(c) ? '?' : c)]);

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
        string id, SwitchyardDb db, TimeProvider clock, Caller caller, CancellationToken ct)
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
            caller.Actor, now, "{\"status\":{\"old\":\"submitted\",\"new\":\"activated\"}}", null));
        await MigrationSteps.CancellationActivatedAsync(db, order, now, ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(LegacyServiceOrderDto.From(order));
    }
}
