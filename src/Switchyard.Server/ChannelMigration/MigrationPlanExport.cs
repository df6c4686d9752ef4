using System.Globalization;
using System.Text;
using Switchyard.Data;
using Switchyard.Domain.Access;
using Switchyard.Domain.Common;
using Switchyard.Server.Auth;
using Switchyard.Server.ConsoleUi.Components.Shared;

namespace Switchyard.Server.ChannelMigration;

/// <summary>The console's view of the plan: filters shared by the page and its CSV export, and words for paths.</summary>
public static class PlanView
{
    public static readonly string[] StartablePaths = ["cancelAndMove", "atRenewal"];

    public static string PathLabel(string? path) => path switch
    {
        "cancelAndMove" => "Cancel and move",
        "atRenewal" => "At renewal",
        "keepAndAdd" => "Keep and add licenses",
        "netNew" => "New on the platform",
        null or "" => "—",
        var other => Show.Words(other),
    };

    /// <summary>The rows matching the page's filters: customer text, app, recommended path ("none": no path), blocked or not.</summary>
    public static IEnumerable<PlanRow> Filter(IEnumerable<PlanRow> rows, string? q, string? app, string? path, string? blocked) =>
        rows.Where(r => Matches(r, q, app, path, blocked));

    /// <summary>Whether a row passes the page's filters (one row at a time, so a streamed plan can be filtered).</summary>
    public static bool Matches(PlanRow r, string? q, string? app, string? path, string? blocked)
    {
        if (!string.IsNullOrWhiteSpace(q))
        {
            var text = q.Trim();
            if (!r.CustomerName.Contains(text, StringComparison.OrdinalIgnoreCase) && !r.CustomerOrgId.Contains(text, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }
        if (!string.IsNullOrEmpty(app) && r.CatalogEntryId != app)
        {
            return false;
        }
        if (path == "none" ? r.RecommendedPath is not null : !string.IsNullOrEmpty(path) && r.RecommendedPath != path)
        {
            return false;
        }
        return blocked switch
        {
            "yes" => r.Blockers.Count > 0,
            "no" => r.Blockers.Count == 0,
            _ => true,
        };
    }

    public static void MapMigrationPlanExport(this IEndpointRouteBuilder app) =>
        app.MapGet("/console/migrations/plan.csv", ExportAsync).RequireAuthorization().ExcludeFromDescription();

    /// <summary>MIG-8, UX-4, SEC-5: the plan as the page shows it (same filters), for a spreadsheet; formulas neutralised.</summary>
    private static async Task<IResult> ExportAsync(HttpContext http, Caller caller, SwitchyardDb db, TimeProvider clock, MarketplaceCalendar calendar,
        string? asOf, string? q, string? app, string? path, string? blocked, CancellationToken ct)
    {
        if (caller.Kind != ActorKind.PartnerUser || !(caller.Has(Domain.Partners.Permissions.AppView) || caller.Has(Domain.Partners.Permissions.OffersManage)))
        {
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }
        var date = DateOnly.TryParseExact(asOf, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : calendar.DateOf(clock.GetUtcNow());
        // Streamed as the plan is produced (a book of a million rows is not held in memory).
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=migration-plan-{date:yyyy-MM-dd}.csv";
        await using var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(true), 64 * 1024);
        var csv = new StringBuilder();
        Csv.Line(csv, "Customer", "Customer org", "App", "Contract end", "Allowed paths", "Recommended", "Cancel by", "Platform start from", "Blockers");
        await foreach (var r in MigrationPlan.RowsAsync(db, caller.RequirePartnerId(), date, ct))
        {
            if (!Matches(r, q, app, path, blocked))
            {
                continue;
            }
            Csv.Line(csv, r.CustomerName, r.CustomerOrgId, r.App, Show.Date(r.ContractEnd), string.Join("; ", r.AllowedPaths.Select(PathLabel)),
                PathLabel(r.RecommendedPath), Show.Date(r.CancelBy), Show.Date(r.EarliestPlatformStart), string.Join("; ", r.Blockers.Select(b => b.Message)));
            if (csv.Length > 32 * 1024)
            {
                await writer.WriteAsync(csv, ct);
                csv.Clear();
            }
        }
        await writer.WriteAsync(csv, ct);
        return Results.Empty;
    }
}
