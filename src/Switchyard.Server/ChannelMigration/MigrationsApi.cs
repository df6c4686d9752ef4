using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Switchyard.Data;
using Switchyard.Domain.Auditing;
using Switchyard.Domain.Catalog;
using Switchyard.Domain.ChannelMigration;
using Switchyard.Domain.Common;
using Switchyard.Domain.Customers;
using Switchyard.Domain.Legacy;
using Switchyard.Domain.Partners;
using Switchyard.Server.Auth;
using Switchyard.Server.Http;

namespace Switchyard.Server.ChannelMigration;

public sealed record StartMigrationRequest(string? CustomerId, string? CatalogEntryId, string? Path);

public sealed record MigrationDto(
    string Id, string CustomerId, string CustomerOrgId, string CatalogEntryId, string Path, string State, DateOnly ContractEnd,
    DateOnly? CancelBy, DateOnly PlatformStart, string LegacyOrderId, string? CancellationOrderId, string? OfferId, string? OrderId,
    string? FailureCode, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static MigrationDto From(Migration m) => new(m.Id, m.CustomerId.Value, m.CustomerOrgId.Value, m.CatalogEntryId.Value, MigrationPaths.Name(m.Path),
        MigrationStates.Name(m.State), m.ContractEnd, m.CancelBy, m.PlatformStart, m.LegacyOrderId, m.CancellationOrderId, m.OfferId?.Value, m.OrderId?.Value,
        m.FailureCode, m.CreatedAt, m.UpdatedAt);
}

/// <summary>Channel migration: the plan for the whole book (MIG-8), starting migrations (MIG-1..7) and following them (MIG-9).</summary>
public static class MigrationsApi
{
    public static void MapMigrationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/migrations").WithTags("Channel migration")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("/plan", PlanAsync).WithName("getMigrationPlan")
            .WithSummary("The migration plan for the whole book as of a date (format=json or csv); writes nothing")
            .WithDescription("Partners with `app.view` or `offers.manage`. For every customer × app with a legacy contract, the allowed and recommended migration paths, the cancel-by date, the earliest platform start and what blocks it, as of a date (today by default), with totals; JSON, or a CSV file with format=csv. A date not written YYYY-MM-DD or another format is 422.")
            .RequirePartnerAny(Permissions.AppView, Permissions.OffersManage)
            .Produces<PlanDto>().ProducesContent(StatusCodes.Status200OK, "text/csv").ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapPost("", StartAsync).WithName("startMigration")
            .WithSummary("Start moving one customer × app along an allowed path (cancelAndMove, atRenewal); 422 names the reason it is refused")
            .WithDescription("Partners with `offers.manage`. Starts migrating one customer's app from the legacy channel along a path the decision table allows today. An unknown customer or app is 404; a migration already under way for them is 409; a path that is not allowed is 422 with the reason.")
            .RequirePartner(Permissions.OffersManage)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("", ListAsync).WithName("listMigrations").WithSummary("List migrations; filter by state")
            .WithDescription("Partners with `app.view` or `offers.manage`. The calling partner's migrations page by page, optionally by state or customer organisation. An unknown state is 422.")
            .RequirePartnerAny(Permissions.AppView, Permissions.OffersManage).ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/{id}", GetAsync).WithName("getMigration").WithSummary("A migration: state, dates, links to legacy orders and the platform offer/order")
            .WithDescription("Partners with `app.view` or `offers.manage`. One migration with its state, contract dates and the legacy orders, offer and order it links. An unknown id is 404.")
            .RequirePartnerAny(Permissions.AppView, Permissions.OffersManage).ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> PlanAsync(HttpContext http, Caller caller, SwitchyardDb db, TimeProvider clock, MarketplaceCalendar calendar,
        IOptions<JsonOptions> json, string? asOf, string? format, CancellationToken ct)
    {
        var errors = new List<Error>();
        var date = calendar.DateOf(clock.GetUtcNow());
        if (!string.IsNullOrEmpty(asOf) && !DateOnly.TryParseExact(asOf, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            errors.Add(Errors.Validation("invalidDate", "asOf", "asOf is a date as YYYY-MM-DD."));
        }
        var csv = string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase);
        if (!string.IsNullOrEmpty(format) && !csv && !string.Equals(format, "json", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add(Errors.Validation("invalidFormat", "format", "format is json or csv."));
        }
        if (errors.Count > 0)
        {
            return Problems.From(errors);
        }
        // The plan streams: rows are written as the book is read, so neither the server's memory nor the time to the
        // first byte grows with the book.
        var rows = MigrationPlan.RowsAsync(db, caller.RequirePartnerId(), date, ct);
        if (!csv)
        {
            http.Response.ContentType = "application/json; charset=utf-8";
            await PlanJsonStream.WriteAsync(http.Response.BodyWriter, date, rows, json.Value.SerializerOptions, ct);
            return Results.Empty;
        }
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"migration-plan-{date:yyyy-MM-dd}.csv\"";
        await using var writer = new StreamWriter(http.Response.Body, new System.Text.UTF8Encoding(false), 64 * 1024);
        await MigrationPlan.WriteCsvAsync(rows, writer);
        return Results.Empty;
    }

    private static async Task<Results<Created<MigrationDto>, ProblemHttpResult>> StartAsync(
        StartMigrationRequest request, SwitchyardDb db, Caller caller, TimeProvider clock, MarketplaceCalendar calendar, CancellationToken ct)
    {
        var partnerId = caller.RequirePartnerId();
        var now = clock.GetUtcNow();
        var started = await StartMigration.RunAsync(db, partnerId, request, calendar.DateOf(now), now, ct);
        if (started.IsFailure)
        {
            return Problems.From(started.Errors);
        }
        return TypedResults.Created($"/v1/migrations/{started.Value.Id}", MigrationDto.From(started.Value));
    }

    private static async Task<Results<Ok<Page<MigrationDto>>, ProblemHttpResult>> ListAsync(
        SwitchyardDb db, string? state, string? customerOrgId, int? limit, string? after, CancellationToken ct)
    {
        var page = await db.Migrations.AsNoTracking().List(limit, after)
            .WhereEnum(state, "state", (Migration m) => m.State)
            .WhereIf(!string.IsNullOrEmpty(customerOrgId), m => m.CustomerOrgId == CustomerOrgId.From(customerOrgId!))
            .PageAsync(MigrationDto.From, ct);
        return page.ToResult();
    }

    private static async Task<Results<Ok<MigrationDto>, ProblemHttpResult>> GetAsync(string id, SwitchyardDb db, CancellationToken ct) =>
        await db.Migrations.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, ct) is { } m
            ? TypedResults.Ok(MigrationDto.From(m))
            : Problems.NotFound("Migration");
}

/// <summary>MIG-1..7, MIG-9: starts a migration along a path the decision table allows for this customer × app today.</summary>
public static class StartMigration
{
    public static async Task<Result<Migration>> RunAsync(
        SwitchyardDb db, string partnerId, StartMigrationRequest request, DateOnly today, DateTimeOffset now, CancellationToken ct)
    {
        var errors = new List<Error>();
        Validate.Required(errors, "customerId", request.CustomerId, 40);
        Validate.Required(errors, "catalogEntryId", request.CatalogEntryId, 40);
        if (!MigrationPaths.TryParse(request.Path, out var path))
        {
            errors.Add(Errors.Validation("invalidPath", "path", "path is cancelAndMove, atRenewal or keepAndAdd."));
        }
        if (errors.Count > 0)
        {
            return Result<Migration>.Failure(errors);
        }
        var customer = await db.Customers.AsNoTracking().SingleOrDefaultAsync(c => c.Id == CustomerId.From(request.CustomerId!), ct);
        if (customer is null)
        {
            return Errors.NotFound("Customer");
        }
        var entry = await db.CatalogEntries.AsNoTracking().SingleOrDefaultAsync(c => c.Id == CatalogEntryId.From(request.CatalogEntryId!), ct);
        if (entry is null)
        {
            return Errors.NotFound("App");
        }
        var running = await db.Migrations.AnyAsync(m => m.CustomerOrgId == customer.OrgId && m.CatalogEntryId == entry.Id
            && m.State != MigrationState.Completed && m.State != MigrationState.Failed && m.State != MigrationState.Abandoned, ct);
        if (running)
        {
            return Errors.Conflict("migrationInProgress", "A migration of this app for this customer is already under way.");
        }
        var lines = await db.LegacyServiceOrders.AsNoTracking().Where(o => o.CustomerOrgId == customer.OrgId.Value)
            .Select(o => new LegacyLine(o.Id, o.CatalogEntryId, o.Type, o.Status, o.ContractStart, o.ContractEnd, o.Quantity)).ToListAsync(ct);
        var holdings = await MigrationSteps.PlatformHoldingsAsync(db, customer.OrgId, ct);
        var decision = MigrationDecisions.Decide(new DecisionInput(entry.Id.Value, entry.Contracted, LegacyContracts.Of(lines), holdings, today));
        var started = Migration.Start(partnerId, customer.Id, customer.OrgId, entry.Id, path, decision, now);
        if (started.IsFailure)
        {
            return started;
        }
        db.Migrations.Add(started.Value);
        db.Audit.Describe(started.Value, AuditActions.MigrationStarted);
        await db.SaveChangesAsync(ct);
        return started;
    }
}
