using System.Globalization;
using Switchyard.Domain.Common;
using Switchyard.Domain.Legacy;

namespace Switchyard.Domain.ChannelMigration;

/// <summary>A platform order of the customer, as the decision table reads it.</summary>
/// <param name="OrderId">The order.</param>
/// <param name="CatalogEntryIds">The apps its items are products of.</param>
/// <param name="Start">Service start.</param>
/// <param name="End">Service end.</param>
/// <param name="Active">New, processing or activated.</param>
public sealed record PlatformHolding(string OrderId, IReadOnlySet<string> CatalogEntryIds, DateOnly Start, DateOnly End, bool Active);

/// <summary>Everything the decision for one customer × app depends on; nothing else is read.</summary>
public sealed record DecisionInput(
    string CatalogEntryId, bool AppContracted, IReadOnlyList<LegacyContract> LegacyContracts,
    IReadOnlyList<PlatformHolding> PlatformOrders, DateOnly AsOf);

/// <summary>Why a path is refused: a stable code, the rule, and what to do instead.</summary>
public sealed record Blocker(MigrationPath Path, string Code, string Rule, string Message);

/// <summary>One path's dates when it is allowed.</summary>
/// <param name="Path">The path.</param>
/// <param name="PlatformStart">The platform contract's first day.</param>
/// <param name="CancelBy">The last day the legacy cancellation can be submitted (contract end − 7 days), if one is needed.</param>
/// <param name="ContractEnd">The legacy term it ends with (the next renewal's when too late for this one).</param>
public sealed record PathPlan(MigrationPath Path, DateOnly PlatformStart, DateOnly? CancelBy, DateOnly? ContractEnd);

/// <summary>The decision for one customer × app (a plan row, MIG-8).</summary>
public sealed record Decision(
    LegacyContract? Contract,
    IReadOnlyList<PathPlan> Allowed,
    MigrationPath? Recommended,
    IReadOnlyList<Blocker> Blockers)
{
    public IEnumerable<MigrationPath> AllowedPaths => Allowed.Select(a => a.Path);

    public PathPlan? PlanFor(MigrationPath path) => Allowed.FirstOrDefault(a => a.Path == path);

    public PathPlan? RecommendedPlan => Recommended is { } r ? PlanFor(r) : null;

    public IEnumerable<Blocker> BlockersFor(MigrationPath path) => Blockers.Where(b => b.Path == path);

    /// <summary>The refusal of a path as domain errors (422 with the rule's code and reason).</summary>
    public IReadOnlyList<Error> Refusal(MigrationPath path) =>
        [.. BlockersFor(path).Select(b => Errors.Validation(b.Code, "path", b.Message))];
}

/// <summary>
/// The decision table (MIG-1..7) as one pure function: per customer × app and date, the allowed paths,
/// the recommended one, its dates, and a blocker with a code and reason for every refused path.
/// </summary>
public static class MigrationDecisions
{
    /// <summary>MIG-5: the cancellation must be submitted at least this many days before the renewal date.</summary>
    public const int CancellationNoticeDays = 7;

    /// <summary>MIG-5: cancel-by = contract end − 7 days (the deadline day itself still counts).</summary>
    public static DateOnly CancelBy(DateOnly contractEnd) => contractEnd.AddDays(-CancellationNoticeDays);

    /// <summary>MIG-5: the next renewal's term end when too late for this one.</summary>
    public static DateOnly NextRenewalEnd(DateOnly contractEnd) => contractEnd.AddMonths(12);

    public static Decision Decide(DecisionInput input)
    {
        var blockers = new List<Blocker>();
        var allowed = new List<PathPlan>();
        var asOf = input.AsOf;
        var contract = LegacyContracts.Current(input.LegacyContracts, input.CatalogEntryId, asOf);

        if (!input.AppContracted)
        {
            // MIG-4: nothing can be sold or migrated for an app that is not contracted.
            foreach (var path in MigrationPaths.All)
            {
                blockers.Add(new Blocker(path, "appNotContracted", "MIG-4",
                    "The app is not contracted for the platform; ask the marketplace to contract it before selling or migrating it."));
            }
            return new Decision(contract, allowed, null, blockers);
        }

        var activePlatform = input.PlatformOrders.Where(o => o.Active && o.End >= asOf).ToList();
        var platformHasApp = activePlatform.Any(o => o.CatalogEntryIds.Contains(input.CatalogEntryId));

        if (contract is null)
        {
            const string none = "The customer has no current legacy contract for this app.";
            blockers.Add(new Blocker(MigrationPath.CancelAndMove, "noLegacyContract", "MIG-1", none));
            blockers.Add(new Blocker(MigrationPath.AtRenewal, "noLegacyContract", "MIG-1", none));
            blockers.Add(new Blocker(MigrationPath.KeepAndAdd, "noLegacyContract", "MIG-1", none));
            if (platformHasApp)
            {
                blockers.Add(new Blocker(MigrationPath.NetNew, "alreadyOnPlatform", "MIG-1",
                    "The customer already holds this app on the platform; add licenses with an add-on."));
                blockers.Add(new Blocker(MigrationPath.AddProduct, "alreadyOnPlatform", "MIG-1",
                    "The customer already holds this app on the platform; add licenses instead."));
                allowed.Add(new PathPlan(MigrationPath.AddLicenses, asOf, null, null));
                return new Decision(null, allowed, MigrationPath.AddLicenses, blockers);
            }
            blockers.Add(new Blocker(MigrationPath.AddLicenses, "addOnRequiresPlatformOrder", "MIG-3",
                "Add-ons exist only for platform purchases; the customer has no platform order for this app."));
            if (activePlatform.Count > 0)
            {
                // Decision table: an existing platform customer adds another product as an add-on.
                blockers.Add(new Blocker(MigrationPath.NetNew, "platformCustomer", "MIG-3",
                    "The customer already has a platform order; add this product to it with an add-on."));
                allowed.Add(new PathPlan(MigrationPath.AddProduct, asOf, null, null));
                return new Decision(null, allowed, MigrationPath.AddProduct, blockers);
            }
            // MIG-1: net-new is per product.
            blockers.Add(new Blocker(MigrationPath.AddProduct, "addOnRequiresPlatformOrder", "MIG-3",
                "Add-ons exist only for platform purchases; the customer has no platform order."));
            allowed.Add(new PathPlan(MigrationPath.NetNew, asOf, null, null));
            return new Decision(null, allowed, MigrationPath.NetNew, blockers);
        }

        // The customer holds this app on the legacy channel (now or from a booked term).
        var end = contract.End;
        var start = end.AddDays(1);
        var held = $"The customer holds this app on the legacy channel until {Iso(end)}";
        blockers.Add(new Blocker(MigrationPath.NetNew, "legacyContractActive", "MIG-7",
            held + "; it is not net-new for them: migrate it (cancel and move, or at renewal)."));
        blockers.Add(new Blocker(MigrationPath.KeepAndAdd, "legacyContractNotExpandable", "MIG-2",
            held + "; a legacy contract cannot be expanded on the platform while active: add licenses through the legacy channel, or migrate it first."));
        blockers.Add(new Blocker(MigrationPath.AddLicenses, "addOnRequiresPlatformOrder", "MIG-3",
            "Add-ons exist only for platform purchases; this app was bought on the legacy channel."));
        blockers.Add(new Blocker(MigrationPath.AddProduct, "legacyContractActive", "MIG-7",
            held + "; the same app cannot be active on both channels on one day."));

        if (contract.CancellationActivated)
        {
            // Already cancelled on the legacy channel: it ends on its end date and will not renew.
            allowed.Add(new PathPlan(MigrationPath.CancelAndMove, start, null, end));
            allowed.Add(new PathPlan(MigrationPath.AtRenewal, start, null, end));
            return new Decision(contract, allowed, MigrationPath.CancelAndMove, blockers);
        }

        var cancelBy = CancelBy(end);
        if (asOf <= cancelBy)
        {
            allowed.Add(new PathPlan(MigrationPath.CancelAndMove, start, cancelBy, end));
            allowed.Add(new PathPlan(MigrationPath.AtRenewal, start, cancelBy, end));
            return new Decision(contract, allowed, MigrationPath.CancelAndMove, blockers);
        }

        // MIG-5: too late for this renewal: the contract renews; the next renewal is offered instead.
        var nextEnd = NextRenewalEnd(end);
        var nextCancelBy = CancelBy(nextEnd);
        var nextStart = nextEnd.AddDays(1);
        blockers.Add(new Blocker(MigrationPath.CancelAndMove, "cancelByPassed", "MIG-5", string.Create(CultureInfo.InvariantCulture,
            $"The cancellation had to be submitted by {Iso(cancelBy)} (7 days before the renewal on {Iso(end)}); the contract renews until {Iso(nextEnd)}. Migrate at the next renewal instead: cancel by {Iso(nextCancelBy)}, platform start {Iso(nextStart)}.")));
        allowed.Add(new PathPlan(MigrationPath.AtRenewal, nextStart, nextCancelBy, nextEnd));
        return new Decision(contract, allowed, MigrationPath.AtRenewal, blockers);
    }

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
