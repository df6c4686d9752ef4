using Switchyard.Domain.Catalog;
using Switchyard.Domain.Common;

namespace Switchyard.Domain.Orders;

/// <summary>ORD-2: an accepted offer line, with the licenses it grants as mapped at acceptance (ORD-3).</summary>
public sealed class OrderItem : Entity<OrderItemId>
{
    private readonly List<OrderItemLicense> _licenses = [];

    private OrderItem() { }

    public OrderId OrderId { get; private set; }
    public ProductId ProductId { get; private set; }

    /// <summary>As on the offer; invoices print it (BIL-1).</summary>
    public string ProductName { get; private set; } = "";
    public int Quantity { get; private set; }
    public long UnitPriceMonthlyMinor { get; private set; }
    public long LineTotalMinor { get; private set; }
    public string? PartnerPo { get; private set; }

    /// <summary>
    /// A snapshot: remapping the product later does not change what this order provisions.
    /// </summary>
    public IReadOnlyList<OrderItemLicense> Licenses => _licenses;

    internal static OrderItem Create(OrderId orderId, Offers.OfferItem line, Product product)
    {
        var item = new OrderItem
        {
            Id = OrderItemId.New(),
            OrderId = orderId,
            ProductId = line.ProductId,
            ProductName = line.ProductName,
            Quantity = line.Quantity,
            UnitPriceMonthlyMinor = line.UnitPriceMonthlyMinor,
            LineTotalMinor = line.LineTotalMinor,
            PartnerPo = line.PartnerPo,
        };
        item._licenses.AddRange(product.Licenses.Select(l => new OrderItemLicense(l.Kind, l.CanonicalId)));
        return item;
    }
}

/// <summary>ORD-3: one license an order item grants (kind and canonical 18-character id).</summary>
public sealed class OrderItemLicense
{
    private OrderItemLicense() { }

    internal OrderItemLicense(LicenseKind kind, string externalId)
    {
        Kind = kind;
        ExternalId = externalId;
    }

    public LicenseKind Kind { get; private set; }
    public string ExternalId { get; private set; } = "";
}
