using Microsoft.EntityFrameworkCore;
using Switchyard.Data;
using Switchyard.Domain.Auditing;
using Switchyard.Domain.Catalog;
using Switchyard.Domain.Common;
using Switchyard.Domain.Customers;
using Switchyard.Domain.Orders;

namespace Switchyard.Server.Orders;

/// <summary>An operator retries an errored order (ORD-1); shared by the API and the console's error queue.</summary>
public static class RetryOrder
{
    public static async Task<Result<Order>> RunAsync(SwitchyardDb db, Order order, DateTimeOffset now, CancellationToken ct)
    {
        var retried = order.Retry(now);
        if (retried.IsFailure)
        {
            return Result<Order>.Failure(retried.Errors);
        }
        db.Audit.Describe(order, AuditActions.OrderRetried);
        await db.SaveChangesAsync(ct);
        return order;
    }
}

/// <summary>ORD-4, ORD-6: the licensed quantity per product of a customer org on a date; shared by the API and the console.</summary>
public static class Entitlements
{
    // acrossPartners: for the customer's own view (its console portal), every partner's grants to the org, which a
    // customer's tenant scope would otherwise hide.
    public static async Task<IReadOnlyList<EntitlementDto>> OnAsync(SwitchyardDb db, CustomerOrgId customerOrgId, DateOnly date, CancellationToken ct,
        bool acrossPartners = false)
    {
        var grantSet = acrossPartners ? db.LicenseGrants.IgnoreQueryFilters() : db.LicenseGrants;
        var grants = await grantSet.AsNoTracking()
            .Where(g => g.CustomerOrgId == customerOrgId && g.FromDate <= date && g.ToDate >= date).ToListAsync(ct);
        var quantities = EntitlementCalculator.On(grants, date);
        var productIds = quantities.Keys.ToList();
        var productSet = acrossPartners ? db.Products.IgnoreQueryFilters() : db.Products;
        var names = await productSet.AsNoTracking().Where(p => productIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        return quantities.OrderBy(q => q.Key)
            .Select(q => new EntitlementDto(q.Key.Value, names.GetValueOrDefault(q.Key), q.Value)).ToList();
    }
}
