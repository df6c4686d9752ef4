namespace Switchyard.Domain.Legacy;

/// <summary>The part of a legacy service order the contract rules read (small, so a whole book fits in memory).</summary>
public readonly record struct LegacyLine(
    string Id, string CatalogEntryId, LegacyOrderType Type, LegacyOrderStatus Status, DateOnly Start, DateOnly End, int Quantity = 1)
{
    public static LegacyLine From(LegacyServiceOrder o) =>
        new(o.Id, o.CatalogEntryId, o.Type, o.Status, o.ContractStart, o.ContractEnd, o.Quantity);

    public bool IsContract => Type != LegacyOrderType.Cancellation
        && Status is LegacyOrderStatus.Submitted or LegacyOrderStatus.Received or LegacyOrderStatus.Activated;

    public bool IsCancellation => Type == LegacyOrderType.Cancellation
        && Status is LegacyOrderStatus.Submitted or LegacyOrderStatus.Received or LegacyOrderStatus.Activated;
}

/// <summary>A customer's legacy contract for one app: its order, its days and whether it was cancelled.</summary>
/// <param name="OrderId">The legacy order that holds the contract.</param>
/// <param name="CatalogEntryId">The app.</param>
/// <param name="Start">The first day of service.</param>
/// <param name="End">The last day of service (the renewal date, or an activated cancellation's date if earlier).</param>
/// <param name="CancellationActivated">An activated cancellation ends it: it will not renew.</param>
/// <param name="CancellationPending">A cancellation is submitted but not yet activated.</param>
/// <param name="Quantity">Licenses held.</param>
public sealed record LegacyContract(
    string OrderId, string CatalogEntryId, DateOnly Start, DateOnly End, bool CancellationActivated, bool CancellationPending, int Quantity)
{
    /// <summary>LEG-5: active on a day from its start to its (effective) end.</summary>
    public bool IsActiveOn(DateOnly day) => Start <= day && day <= End;
}

/// <summary>
/// LEG-5: a customer's legacy contract for an app is active from its start to its end date, unless
/// a cancellation for it has activated (the cancellation's date then ends it, and it does not renew).
/// </summary>
public static class LegacyContracts
{
    /// <summary>Every contract of one customer (its legacy lines, any app), with activated cancellations applied.</summary>
    public static IReadOnlyList<LegacyContract> Of(IEnumerable<LegacyLine> lines)
    {
        var all = lines as IReadOnlyList<LegacyLine> ?? lines.ToList();
        var result = new List<LegacyContract>();
        foreach (var line in all)
        {
            if (!line.IsContract)
            {
                continue;
            }
            var end = line.End;
            var activated = false;
            var pending = false;
            foreach (var c in all)
            {
                // A cancellation concerns the contract of its app whose term it falls in.
                if (!c.IsCancellation || c.CatalogEntryId != line.CatalogEntryId || c.End < line.Start || c.End > line.End)
                {
                    continue;
                }
                if (c.Status == LegacyOrderStatus.Activated)
                {
                    activated = true;
                    if (c.End < end)
                    {
                        end = c.End;
                    }
                }
                else
                {
                    pending = true;
                }
            }
            result.Add(new LegacyContract(line.Id, line.CatalogEntryId, line.Start, end, activated, pending && !activated, line.Quantity));
        }
        return result;
    }

    /// <summary>LEG-5: the apps active for the customer on a day (MIG-7 reads this when an offer is sent).</summary>
    public static IReadOnlySet<string> ActiveAppsOn(IEnumerable<LegacyLine> lines, DateOnly day) =>
        Of(lines).Where(c => c.IsActiveOn(day)).Select(c => c.CatalogEntryId).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// The contract for an app that matters on <paramref name="asOf"/>: the one active then or starting
    /// later with the latest end (a renewal already booked extends it); null when none is current.
    /// </summary>
    public static LegacyContract? Current(IReadOnlyList<LegacyContract> contracts, string catalogEntryId, DateOnly asOf)
    {
        LegacyContract? best = null;
        foreach (var c in contracts)
        {
            if (c.CatalogEntryId != catalogEntryId || c.End < asOf)
            {
                continue;
            }
            if (best is null || c.End > best.End)
            {
                best = c;
            }
        }
        return best;
    }
}
