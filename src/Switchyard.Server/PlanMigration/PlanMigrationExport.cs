using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Switchyard.Data;
using Switchyard.Domain.Access;
using Switchyard.Domain.Common;
using Switchyard.Domain.PlanMigration;
using Switchyard.Server.Auth;
using Switchyard.Server.ConsoleUi.Components.Shared;

using TaskStatus = Switchyard.Domain.PlanMigration.TaskStatus;

namespace Switchyard.Server.PlanMigration;

/// <summary>
/// UX-4, SEC-5: the plan-migration lists (venues, requests, team tasks) as CSV, with the lists' filters.
/// Cells a spreadsheet would run as a formula (starting with =, +, -, @) are neutralised; values are in
/// words as the console shows them. Served to API keys under /v1 and to the console under /console.
/// </summary>
public static class PlanMigrationExport
{
    public const int MaxRows = 100_000;

    /// <summary>The console's download links (the operator's session, not an API key).</summary>
    public static void MapPlanMigrationExport(this IEndpointRouteBuilder app)
    {
        app.MapGet("/console/accounts.csv", (Caller caller, SwitchyardDb db, string? plan, string? status, string? q, CancellationToken ct) =>
            Console(caller, () => AccountsAsync(db, plan, status, q, ct))).RequireAuthorization().ExcludeFromDescription();
        app.MapGet("/console/plan-migrations.csv", (Caller caller, SwitchyardDb db, string? state, string? kind, string? batchId, CancellationToken ct) =>
            Console(caller, () => RequestsAsync(db, state, kind, null, batchId, ct))).RequireAuthorization().ExcludeFromDescription();
        app.MapGet("/console/tasks.csv", (Caller caller, SwitchyardDb db, string? team, string? status, CancellationToken ct) =>
            Console(caller, () => TasksAsync(db, team, status, null, ct))).RequireAuthorization().ExcludeFromDescription();
    }

    /// <summary>A console download link carrying the list's filters (enum values in the API's camelCase spelling).</summary>
    public static string ConsoleLink(string path, params (string Name, string? Value)[] filters)
    {
        var given = filters.Where(f => !string.IsNullOrWhiteSpace(f.Value))
            .Select(f => f.Name + "=" + Uri.EscapeDataString(f.Name == "q" ? f.Value! : System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(f.Value!)))
            .ToList();
        return given.Count == 0 ? path : path + "?" + string.Join('&', given);
    }

    private static async Task<IResult> Console(Caller caller, Func<Task<Result<string>>> export)
    {
        if (caller.Kind != ActorKind.Operator)
        {
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }
        var csv = await export();
        return csv.IsFailure ? Results.BadRequest() : File(csv.Value, "export.csv");
    }

    /// <summary>The file with a UTF-8 byte order mark, so spreadsheets read accented names right.</summary>
    public static IResult File(string csv, string name) =>
        Results.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv)).ToArray(), "text/csv; charset=utf-8", name);

    public static async Task<Result<string>> AccountsAsync(SwitchyardDb db, string? plan, string? status, string? q, CancellationToken ct)
    {
        var errors = new List<Error>();
        var query = db.Accounts.AsNoTracking();
        if (Filter<Plan>(plan, "plan", errors) is { } p)
        {
            query = query.Where(a => a.Plan == p);
        }
        if (Filter<AccountStatus>(status, "status", errors) is { } s)
        {
            query = query.Where(a => a.Status == s);
        }
        if (q is not null && (q.Length > 200 || q.Any(char.IsControl)))
        {
            errors.Add(Errors.Validation("invalidSearch", "q", "Search text has at most 200 characters and no control characters."));
        }
        if (errors.Count > 0)
        {
            return Result<string>.Failure(errors);
        }
        if (!string.IsNullOrWhiteSpace(q))
        {
            var term = Show.Contains(q.Trim());
            query = query.Where(a => EF.Functions.Like(a.Name, term, "\\") || EF.Functions.Like(a.CompanyName, term, "\\"));
        }
        var accounts = await query.OrderBy(a => a.Name).ThenBy(a => a.Id).Take(MaxRows).ToListAsync(ct);
        var csv = new StringBuilder();
        Csv.Line(csv, "id", "name", "plan", "status", "outstanding_debt", "currency", "company_name", "vat_number", "marketplace_page",
            "reviews", "widgets", "appointments", "online_booking", "billing", "migrated", "opened_from", "created_at");
        foreach (var a in accounts)
        {
            Csv.Line(csv, a.Id, a.Name, PlanMigrationWords.Of(a.Plan), PlanMigrationWords.Of(a.Status), Amount(a.OutstandingDebt), a.CurrencyCode,
                a.CompanyName, a.VatNumber, a.MarketplacePage, Number(a.Reviews), Number(a.Widgets), Number(a.Appointments),
                a.OnlineBooking ? "On" : "Off", a.BillingActive ? "Active" : "Stopped", a.IsMarkedMigrated ? "Yes" : "No", a.SourceAccountId,
                Instant(a.CreatedAt));
        }
        return csv.ToString();
    }

    public static async Task<Result<string>> RequestsAsync(SwitchyardDb db, string? state, string? kind, string? accountId, string? batchId,
        CancellationToken ct)
    {
        var errors = new List<Error>();
        var query = db.PlanMigrationRequests.AsNoTracking();
        if (Filter<PlanMigrationState>(state, "state", errors) is { } s)
        {
            query = query.Where(r => r.State == s);
        }
        if (Filter<PlanMigrationKind>(kind, "kind", errors) is { } k)
        {
            query = query.Where(r => r.Kind == k);
        }
        if (errors.Count > 0)
        {
            return Result<string>.Failure(errors);
        }
        if (accountId is not null)
        {
            query = query.Where(r => r.AccountId == accountId);
        }
        if (batchId is not null)
        {
            query = query.Where(r => r.BatchId == batchId);
        }
        var requests = await query.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id).Take(MaxRows).ToListAsync(ct);
        var csv = new StringBuilder();
        Csv.Line(csv, "id", "title", "venue", "account_id", "kind", "from_plan", "to_plan", "state", "waits_on", "setup_fee", "currency",
            "training_date", "batch_id", "created_by", "created_at", "completed_at");
        foreach (var r in requests)
        {
            var waits = string.Join("; ", r.WaitsOn.Select(w => (w.Team is { } team ? PlanMigrationWords.Of(team) + ": " : "") + w.Description));
            Csv.Line(csv, r.Id, r.Title, r.AccountName, r.AccountId, PlanMigrationWords.Of(r.Kind), PlanMigrationWords.Of(r.SourcePlan),
                PlanMigrationWords.Of(r.TargetPlan), PlanMigrationWords.Of(r.State), waits, Amount(r.SetupFee), r.CurrencyCode,
                r.TrainingDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), r.BatchId, r.CreatedBy, Instant(r.CreatedAt),
                r.CompletedAt is { } done ? Instant(done) : null);
        }
        return csv.ToString();
    }

    public static async Task<Result<string>> TasksAsync(SwitchyardDb db, string? team, string? status, string? requestId, CancellationToken ct)
    {
        var errors = new List<Error>();
        var query = db.PlanMigrationTasks.AsNoTracking();
        if (Filter<Team>(team, "team", errors) is { } t)
        {
            query = query.Where(x => x.Team == t);
        }
        if (Filter<TaskStatus>(status, "status", errors) is { } s)
        {
            query = query.Where(x => x.Status == s);
        }
        if (errors.Count > 0)
        {
            return Result<string>.Failure(errors);
        }
        if (requestId is not null)
        {
            query = query.Where(x => x.RequestId == requestId);
        }
        var tasks = await query.OrderBy(x => x.CreatedAt).ThenBy(x => x.RequestId).ThenBy(x => x.Sequence).Take(MaxRows).ToListAsync(ct);
        var csv = new StringBuilder();
        Csv.Line(csv, "id", "request_id", "venue", "step", "team", "task", "status", "evidence", "completed_by", "completed_at");
        foreach (var x in tasks)
        {
            Csv.Line(csv, x.Id, x.RequestId, x.AccountName, Number(x.Sequence), PlanMigrationWords.Of(x.Team), x.Title, PlanMigrationWords.Of(x.Status),
                x.Evidence, x.CompletedBy, x.CompletedAt is { } done ? Instant(done) : null);
        }
        return csv.ToString();
    }

    private static TEnum? Filter<TEnum>(string? value, string field, List<Error> errors) where TEnum : struct, Enum
    {
        var parsed = Http.EnumFilter.Parse<TEnum>(value, field);
        if (parsed.IsFailure)
        {
            errors.AddRange(parsed.Errors);
            return null;
        }
        return parsed.Value;
    }

    private static string Amount(Money money) =>
        money.Amount.ToString("F" + money.Currency.Digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Instant(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
