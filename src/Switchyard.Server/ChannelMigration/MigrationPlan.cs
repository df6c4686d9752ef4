using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Switchyard.Data;
using Switchyard.Domain.ChannelMigration;
using Switchyard.Domain.Legacy;
using Switchyard.Domain.Orders;

namespace Switchyard.Server.ChannelMigration;

public sealed record BlockerDto(string Code, string Message);

/// <summary>A plan row (api.md): one customer × app with a legacy contract.</summary>
public sealed record PlanRow(
    string? CustomerId, string CustomerOrgId, string CustomerName, string CatalogEntryId, string App, string? LegacyOrderId,
    DateOnly? ContractEnd, IReadOnlyList<string> AllowedPaths, string? RecommendedPath, DateOnly? EarliestPlatformStart,
    DateOnly? CancelBy, IReadOnlyList<BlockerDto> Blockers);

public sealed record PlanTotals(int Rows, int Customers, IReadOnlyDictionary<string, int> ByRecommendedPath, int Blocked, int CancelByPassed, int NotContracted);

public sealed record PlanDto(DateOnly AsOf, IReadOnlyList<PlanRow> Rows, PlanTotals Totals);

/// <summary>
/// MIG-8: the plan for the whole book as of a date — for every customer × app with a legacy contract,
/// the decision of the table (allowed and recommended paths, dates, blockers). Reads only; writes nothing.
/// The book is read in one pass ordered by customer org, so memory holds one customer at a time
/// besides the rows produced.
/// </summary>
public static class MigrationPlan
{
    private static readonly MigrationPath[] Shown = [MigrationPath.CancelAndMove, MigrationPath.AtRenewal, MigrationPath.KeepAndAdd];

    public static async Task<PlanDto> BuildAsync(SwitchyardDb db, string partnerId, DateOnly asOf, CancellationToken ct)
    {
        var apps = await db.CatalogEntries.AsNoTracking().Where(c => c.PartnerId == partnerId)
            .ToDictionaryAsync(c => c.Id, c => (c.Name, c.Contracted), ct);
        var customers = await db.Customers.AsNoTracking().Where(c => c.PartnerId == partnerId)
            .Select(c => new { c.OrgId, c.Id }).ToDictionaryAsync(c => c.OrgId, c => c.Id, ct);
        var productApps = await db.Products.AsNoTracking().Where(p => p.PartnerId == partnerId)
            .ToDictionaryAsync(p => p.Id, p => p.CatalogEntryId, ct);
        var platform = (await (
                from o in db.Orders.AsNoTracking()
                where o.PartnerId == partnerId && (o.Status == OrderStatus.New || o.Status == OrderStatus.Processing || o.Status == OrderStatus.Activated)
                join i in db.Set<OrderItem>().AsNoTracking() on o.Id equals i.OrderId
                select new { o.Id, o.CustomerOrgId, o.StartDate, o.EndDate, i.ProductId }).ToListAsync(ct))
            .GroupBy(r => r.CustomerOrgId)
            .ToDictionary(g => g.Key, g => g.GroupBy(r => r.Id).Select(o => new PlatformHolding(o.Key.Value,
                o.Select(r => productApps.GetValueOrDefault(r.ProductId, "")).ToHashSet(StringComparer.Ordinal), o.First().StartDate, o.First().EndDate, true)).ToList());

        var rows = new List<PlanRow>();
        var group = new List<LegacyLine>();
        string? org = null;
        string name = "";
        var lines = db.LegacyServiceOrders.AsNoTracking().Where(o => o.PartnerId == partnerId)
            .OrderBy(o => o.CustomerOrgId).ThenBy(o => o.Id)
            .Select(o => new { o.CustomerOrgId, o.CustomerName, Line = new LegacyLine(o.Id, o.CatalogEntryId, o.Type, o.Status, o.ContractStart, o.ContractEnd, o.Quantity) })
            .AsAsyncEnumerable();
        await foreach (var l in lines.WithCancellation(ct))
        {
            if (l.CustomerOrgId != org)
            {
                Flush();
                org = l.CustomerOrgId;
                group.Clear();
            }
            name = l.CustomerName;
            group.Add(l.Line);
        }
        Flush();

        var byPath = rows.Where(r => r.RecommendedPath is not null).GroupBy(r => r.RecommendedPath!)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var totals = new PlanTotals(rows.Count, rows.Select(r => r.CustomerOrgId).Distinct().Count(), byPath,
            rows.Count(r => r.AllowedPaths.Count == 0), rows.Count(r => r.Blockers.Any(b => b.Code == "cancelByPassed")),
            rows.Count(r => r.Blockers.Any(b => b.Code == "appNotContracted")));
        return new PlanDto(asOf, rows, totals);

        void Flush()
        {
            if (org is null || group.Count == 0)
            {
                return;
            }
            var contracts = LegacyContracts.Of(group);
            var holdings = platform.GetValueOrDefault(org) ?? [];
            foreach (var app in contracts.Select(c => c.CatalogEntryId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                var (appName, contracted) = apps.TryGetValue(app, out var a) ? a : (app, false);
                var d = MigrationDecisions.Decide(new DecisionInput(app, contracted, contracts, holdings, asOf));
                var plan = d.RecommendedPlan;
                var contract = d.Contract ?? contracts.Where(c => c.CatalogEntryId == app).MaxBy(c => c.End);
                rows.Add(new PlanRow(customers.GetValueOrDefault(org), org, name, app, appName, contract?.OrderId,
                    contract?.End, [.. d.AllowedPaths.Select(MigrationPaths.Name)], d.Recommended is { } r ? MigrationPaths.Name(r) : null,
                    plan?.PlatformStart, plan?.CancelBy,
                    [.. d.Blockers.Where(b => Shown.Contains(b.Path) || d.Allowed.Count == 0).DistinctBy(b => b.Code).Select(b => new BlockerDto(b.Code, b.Message))]));
            }
        }
    }

    public static readonly string[] CsvColumns =
    [
        "customer_id", "customer_org_id", "customer_name", "catalog_entry_id", "app", "legacy_order_id", "contract_end",
        "allowed_paths", "recommended_path", "earliest_platform_start", "cancel_by", "blockers",
    ];

    /// <summary>MIG-8, SEC-5: the plan as CSV; every cell a spreadsheet could run as a formula is neutralised.</summary>
    public static async Task WriteCsvAsync(PlanDto plan, TextWriter w)
    {
        await w.WriteLineAsync(string.Join(',', CsvColumns));
        var sb = new StringBuilder();
        foreach (var r in plan.Rows)
        {
            sb.Clear();
            string?[] cells =
            [
                r.CustomerId, r.CustomerOrgId, r.CustomerName, r.CatalogEntryId, r.App, r.LegacyOrderId, Date(r.ContractEnd),
                string.Join(';', r.AllowedPaths), r.RecommendedPath, Date(r.EarliestPlatformStart), Date(r.CancelBy),
                string.Join(';', r.Blockers.Select(b => b.Code)),
            ];
            for (var i = 0; i < cells.Length; i++)
            {
                if (i > 0)
                {
                    sb.Append(',');
                }
                sb.Append(Cell(cells[i]));
            }
            await w.WriteLineAsync(sb);
        }
    }

    /// <summary>SEC-5: a cell starting with =, +, -, @ (or a tab/return) is prefixed with a quote so it stays text; cells are quoted when needed.</summary>
    public static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }
        return value.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    private static string? Date(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
