using System.Globalization;
using System.Runtime.CompilerServices;
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

/// <summary>The migration plan: its as-of date, one row per customer and app, and the totals (sent as the rows are decided, totals last).</summary>
public sealed record PlanDto(DateOnly AsOf, IReadOnlyList<PlanRow> Rows, PlanTotals Totals);

/// <summary>
/// MIG-8: the plan for the whole book as of a date — for every customer × app with a legacy contract,
/// the decision of the table (allowed and recommended paths, dates, blockers). Reads only; writes nothing.
/// The book is read in customer-org order, a chunk of lines at a time (keyset on the org id, so each chunk
/// is an index range), with the chunk's platform customers and orders fetched alongside; rows are yielded as
/// each customer is decided, so memory holds one chunk whatever the size of the book.
/// </summary>
public static class MigrationPlan
{
    /// <summary>Legacy lines read per query; a customer never straddles two chunks (see <see cref="RowsAsync"/>).</summary>
    public const int ChunkLines = 5000;

    private static readonly MigrationPath[] Shown = [MigrationPath.CancelAndMove, MigrationPath.AtRenewal, MigrationPath.KeepAndAdd];

    /// <summary>The plan's rows in customer-org order, then app id order, produced as the book is read.</summary>
    public static async IAsyncEnumerable<PlanRow> RowsAsync(SwitchyardDb db, string partnerId, DateOnly asOf,
        [EnumeratorCancellation] CancellationToken ct)
    {
        var apps = await db.CatalogEntries.AsNoTracking().Where(c => c.PartnerId == partnerId)
            .ToDictionaryAsync(c => c.Id.Value, c => (c.Name, c.Contracted), ct);
        var productApps = await db.Products.AsNoTracking().Where(p => p.PartnerId == partnerId)
            .ToDictionaryAsync(p => p.Id, p => p.CatalogEntryId.Value, ct);
        var limit = ChunkLines;
        string? from = null;
        while (true)
        {
            var query = db.LegacyServiceOrders.AsNoTracking().Where(o => o.PartnerId == partnerId);
            if (from is not null)
            {
                query = query.Where(o => string.Compare(o.CustomerOrgId, from) >= 0);
            }
            var chunk = await query.OrderBy(o => o.CustomerOrgId).ThenBy(o => o.Id).Take(limit)
                .Select(o => new ChunkLine(o.CustomerOrgId, o.CustomerName, new LegacyLine(o.Id, o.CatalogEntryId, o.Type, o.Status, o.ContractStart, o.ContractEnd, o.Quantity)))
                .ToListAsync(ct);
            if (chunk.Count == 0)
            {
                // No (more) legacy orders: an empty book has an empty plan.
                yield break;
            }
            var last = chunk.Count < limit;
            // A full chunk may end part-way through its last customer: that customer starts the next chunk.
            var complete = last ? chunk.Count : chunk.FindIndex(l => l.Org == chunk[^1].Org);
            if (complete == 0)
            {
                // One customer fills the whole chunk: read again with room for all of it.
                limit *= 2;
                continue;
            }
            limit = ChunkLines;
            if (complete > 0)
            {
                var (firstOrg, lastOrg) = (chunk[0].Org, chunk[complete - 1].Org);
                var customers = await db.Customers.AsNoTracking()
                    .Where(c => c.PartnerId == partnerId && string.Compare((string)(object)c.OrgId, firstOrg) >= 0 && string.Compare((string)(object)c.OrgId, lastOrg) <= 0)
                    .Select(c => new { c.OrgId, c.Id }).ToDictionaryAsync(c => c.OrgId.Value, c => c.Id.Value, StringComparer.Ordinal, ct);
                var platform = (await (
                        from o in db.Orders.AsNoTracking()
                        where o.PartnerId == partnerId && string.Compare((string)(object)o.CustomerOrgId, firstOrg) >= 0 && string.Compare((string)(object)o.CustomerOrgId, lastOrg) <= 0
                            && (o.Status == OrderStatus.New || o.Status == OrderStatus.Processing || o.Status == OrderStatus.Activated)
                        join i in db.Set<OrderItem>().AsNoTracking() on o.Id equals i.OrderId
                        select new { o.Id, o.CustomerOrgId, o.StartDate, o.EndDate, i.ProductId }).ToListAsync(ct))
                    .GroupBy(r => r.CustomerOrgId.Value)
                    .ToDictionary(g => g.Key, g => g.GroupBy(r => r.Id).Select(o => new PlatformHolding(o.Key.Value,
                        o.Select(r => productApps.GetValueOrDefault(r.ProductId, "")).ToHashSet(StringComparer.Ordinal), o.First().StartDate, o.First().EndDate, true)).ToList());
                var group = new List<LegacyLine>();
                for (var i = 0; i < complete; i++)
                {
                    group.Add(chunk[i].Line);
                    if (i + 1 < complete && chunk[i + 1].Org == chunk[i].Org)
                    {
                        continue;
                    }
                    var org = chunk[i].Org;
                    foreach (var row in Decide(org, chunk[i].Name, customers.GetValueOrDefault(org), group, platform.GetValueOrDefault(org) ?? [], apps, asOf))
                    {
                        yield return row;
                    }
                    group.Clear();
                }
            }
            if (last)
            {
                yield break;
            }
            from = chunk[^1].Org;
        }
    }

    private sealed record ChunkLine(string Org, string Name, LegacyLine Line);

    /// <summary>One customer's rows: the decision of the table for each app it holds on the legacy channel.</summary>
    private static IEnumerable<PlanRow> Decide(string org, string name, string? customerId, List<LegacyLine> lines, List<PlatformHolding> holdings,
        Dictionary<string, (string Name, bool Contracted)> apps, DateOnly asOf)
    {
        var contracts = LegacyContracts.Of(lines);
        foreach (var app in contracts.Select(c => c.CatalogEntryId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var (appName, contracted) = apps.TryGetValue(app, out var a) ? a : (app, false);
            var d = MigrationDecisions.Decide(new DecisionInput(app, contracted, contracts, holdings, asOf));
            var plan = d.RecommendedPlan;
            var contract = d.Contract ?? contracts.Where(c => c.CatalogEntryId == app).MaxBy(c => c.End);
            yield return new PlanRow(customerId, org, name, app, appName, contract?.OrderId,
                contract?.End, [.. d.AllowedPaths.Select(MigrationPaths.Name)], d.Recommended is { } r ? MigrationPaths.Name(r) : null,
                plan?.PlatformStart, plan?.CancelBy,
                [.. d.Blockers.Where(b => Shown.Contains(b.Path) || d.Allowed.Count == 0).DistinctBy(b => b.Code).Select(b => new BlockerDto(b.Code, b.Message))]);
        }
    }

    public static readonly string[] CsvColumns =
    [
        "customer_id", "customer_org_id", "customer_name", "catalog_entry_id", "app", "legacy_order_id", "contract_end",
        "allowed_paths", "recommended_path", "earliest_platform_start", "cancel_by", "blockers",
    ];

    /// <summary>MIG-8, SEC-5: the plan as CSV; every cell a spreadsheet could run as a formula is neutralised.</summary>
    public static async Task WriteCsvAsync(IAsyncEnumerable<PlanRow> rows, TextWriter w)
    {
        await w.WriteLineAsync(string.Join(',', CsvColumns));
        var sb = new StringBuilder();
        await foreach (var r in rows)
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
