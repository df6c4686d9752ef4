using Switchyard.Domain.Catalog;
using Switchyard.Domain.Common;
using Switchyard.Domain.Customers;

namespace Switchyard.Domain.Orders;

/// <summary>
/// ORD-3: one license granted to a customer org by an order item, for a date range (both ends inclusive).
/// ORD-4: grants are never merged; entitlements add them up per day.
/// </summary>
public sealed class LicenseGrant : Entity<string>, IPartnerOwned
{
    private LicenseGrant() { }

    public string PartnerId { get; private set; } = "";
    public CustomerOrgId CustomerOrgId { get; private set; }
    public OrderId OrderId { get; private set; }

    /// <summary>Several licenses of one item are one seat count; the calculator counts an item once.</summary>
    public OrderItemId OrderItemId { get; private set; }
    public ProductId ProductId { get; private set; }
    public LicenseKind LicenseKind { get; private set; }
    public string LicenseExternalId { get; private set; } = "";
    public int Quantity { get; private set; }
    public DateOnly FromDate { get; private set; }

    /// <summary>ORD-5: the order's end date; the grant ends with the order.</summary>
    public DateOnly ToDate { get; private set; }

    public bool IsActiveOn(DateOnly date) => date >= FromDate && date <= ToDate;

    internal static LicenseGrant For(Order order, OrderItem item, OrderItemLicense license) => new()
    {
        Id = Ids.New(Ids.Grant),
        PartnerId = order.PartnerId,
        CustomerOrgId = order.CustomerOrgId,
        OrderId = order.Id,
        OrderItemId = item.Id,
        ProductId = item.ProductId,
        LicenseKind = license.Kind,
        LicenseExternalId = license.ExternalId,
        Quantity = item.Quantity,
        FromDate = order.StartDate,
        ToDate = order.EndDate,
    };
}
