namespace Switchyard.Server.ChannelMigration;

/// <summary>
/// MIG-8: the plan's totals, counted row by row as the plan streams (rows arrive grouped by customer org,
/// so a customer is counted when its org changes).
/// </summary>
public sealed class PlanTotalsCounter
{
    private readonly Dictionary<string, int> _byPath = new(StringComparer.Ordinal);
    private string? _lastOrg;
    private int _rows, _customers, _blocked, _cancelByPassed, _notContracted;

    public void Add(PlanRow row)
    {
        _rows++;
        if (!string.Equals(row.CustomerOrgId, _lastOrg, StringComparison.Ordinal))
        {
            _customers++;
            _lastOrg = row.CustomerOrgId;
        }
        if (row.RecommendedPath is { } path)
        {
            _byPath[path] = _byPath.GetValueOrDefault(path) + 1;
        }
        if (row.AllowedPaths.Count == 0)
        {
            _blocked++;
        }
        if (row.Blockers.Any(b => b.Code == "cancelByPassed"))
        {
            _cancelByPassed++;
        }
        if (row.Blockers.Any(b => b.Code == "appNotContracted"))
        {
            _notContracted++;
        }
    }

    public PlanTotals Totals => new(_rows, _customers, new Dictionary<string, int>(_byPath, StringComparer.Ordinal), _blocked, _cancelByPassed, _notContracted);
}
