using Switchyard.Domain.Catalog;

namespace Switchyard.Domain.Orders;

/// <summary>A license seat count on a date: what the customer org should have provisioned.</summary>
public readonly record struct LicenseEntitlement(LicenseKind Kind, string ExternalId, int Quantity);

/// <summary>ORD-4, ORD-6: what a customer org is entitled to on a date, from its grants.</summary>
public static class EntitlementCalculator
{
    /// <summary>
    /// ORD-6: product id → quantity on <paramref name="date"/>. ORD-4: quantities of every order add
    /// (10 then an add-on of 15 → 25 from the add-on's start). An item mapping several licenses counts
    /// once. ORD-5: grants outside their dates count for nothing. Pass one org's grants.
    /// </summary>
    public static IReadOnlyDictionary<ProductId, int> On(IEnumerable<LicenseGrant> grants, DateOnly date)
    {
        // Product ids compare ordinally, as the strings did.
        var result = new SortedDictionary<ProductId, int>();
        foreach (var item in grants.Where(g => g.IsActiveOn(date)).GroupBy(g => (g.OrderItemId, g.ProductId)))
        {
            result[item.Key.ProductId] = checked(result.GetValueOrDefault(item.Key.ProductId) + item.First().Quantity);
        }
        return result;
    }

    /// <summary>ORD-3, ORD-4: each license's seat count on <paramref name="date"/>: what provisioning should set in the org.</summary>
    public static IReadOnlyList<LicenseEntitlement> Licenses(IEnumerable<LicenseGrant> grants, DateOnly date) =>
        [.. grants.Where(g => g.IsActiveOn(date))
            .GroupBy(g => (g.LicenseKind, g.LicenseExternalId))
            .Select(g => new LicenseEntitlement(g.Key.LicenseKind, g.Key.LicenseExternalId, checked(g.Sum(x => x.Quantity))))
            .OrderBy(e => e.ExternalId, StringComparer.Ordinal)];
}
