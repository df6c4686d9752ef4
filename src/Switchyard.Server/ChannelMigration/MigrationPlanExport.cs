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
    public static IEnumerable<PlanRow> Filter(IEnumerable<PlanRow> rows, string? q, string? app, string? path, string? blocked)
    {
        if (!string.IsNullOrWhiteSpace(q))
        {
            var text = q.Trim();
            rows = rows.Where(r => r.CustomerName.Contains(text, StringComparison.OrdinalIgnoreCase) || r.CustomerOrgId.Contains(text, StringComparison.OrdinalIgnoreCase));
        }
        if (!string.IsNullOrEmpty(app))
        {
            rows = rows.Where(r => r.CatalogEntryId == app);
        }
        if (path == "none")
        {
            rows = rows.Where(r => r.RecommendedPath is null);
        }
        else if (!string.IsNullOrEmpty(path))
        {
            rows = rows.Where(r => r.RecommendedPath == path);
        }
        rows = blocked switch
        {
            "yes" => rows.Where(r => r.Blockers.Count > 0),
            "no" => rows.Where(r => r.Blockers.Count == 0),
            _ => rows,
        };
        return rows;
    }

    public static void MapMigrationPlanExport(this IEndpointRouteBuilder app) =>
        app.MapGet("/console/migrations/plan.csv", ExportAsync).RequireAuthorization().ExcludeFromDescription();

    /// <summary>MIG-8, UX-4, SEC-5: the plan as the page shows it (same filters), for a spreadsheet; formulas neutralised.</summary>
    private static async Task<IResult> ExportAsync(Caller caller, SwitchyardDb db, TimeProvider clock, MarketplaceCalendar calendar,
        string? asOf, string? q, string? app, string? path, string? blocked, CancellationToken ct)
    {
        if (caller.Kind != ActorKind.PartnerUser || !(caller.Has(Domain.Partners.Permissions.AppView) || caller.Has(Domain.Partners.Permissions.OffersManage)))
        {
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }
        var date = DateOnly.TryParseExact(asOf, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : calendar.DateOf(clock.GetUtcNow());
        var plan = await MigrationPlan.BuildAsync(db, caller.RequirePartnerId(), date, ct);
        var csv = new StringBuilder();
        Csv.Line(csv, "Customer", "Customer org", "App", "Contract end", "Allowed paths", "Recommended", "Cancel by", "Platform start from", "Blockers");
        foreach (var r in Filter(plan.Rows, q, app, path, blocked))
        {
            Csv.Line(csv, r.CustomerName, r.CustomerOrgId, r.App, Show.Date(r.ContractEnd), string.Join("; ", r.AllowedPaths.Select(PathLabel)),
                PathLabel(r.RecommendedPath), Show.Date(r.CancelBy), Show.Date(r.EarliestPlatformStart), string.Join("; ", r.Blockers.Select(b => b.Message)));
        }
        return Results.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray(), "text/csv; charset=utf-8",
            $"migration-plan-{date:yyyy-MM-dd}.csv");
    }
}
