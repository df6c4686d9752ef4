using Switchyard.Domain.Catalog;
using Switchyard.Domain.Common;
using Switchyard.Domain.Offers;
using Switchyard.Domain.Orders;

namespace Switchyard.Server.Orders;

public sealed record OrderLicenseDto(LicenseKind Kind, string ExternalId);

public sealed record OrderItemDto(string Id, string ProductId, string ProductName, int Quantity, decimal UnitPriceMonthly, decimal LineTotal, string? PartnerPo,
    IReadOnlyList<OrderLicenseDto> Licenses);

public sealed record OrderTransactionDto(DateTimeOffset At, TransactionKind Kind, string Description, string? Reference, decimal? Amount);

public sealed record OrderDto(
    string Id, OfferType Type, OrderStatus Status, string? ErrorCode, string CustomerId, string CustomerOrgId, string OfferId,
    string? ParentOrderId, DateOnly StartDate, DateOnly EndDate, string Currency, decimal Subtotal, bool TaxExempt, string BillingEmail,
    IReadOnlyList<OrderItemDto> Items, IReadOnlyList<OrderTransactionDto> Transactions, DateTimeOffset CreatedAt, DateTimeOffset? ActivatedAt, long Version)
{
    public static OrderDto From(Order o)
    {
        var currency = o.Currency;
        return new OrderDto(o.Id.Value, o.Type, o.Status, o.ErrorCode, o.CustomerId.Value, o.CustomerOrgId.Value, o.OfferId.Value, o.ParentOrderId?.Value, o.StartDate, o.EndDate,
            o.CurrencyCode, o.Subtotal.Amount, o.TaxExempt, o.BillingEmail,
            o.Items.Select(i => new OrderItemDto(i.Id.Value, i.ProductId.Value, i.ProductName, i.Quantity, new Money(i.UnitPriceMonthlyMinor, currency).Amount,
                new Money(i.LineTotalMinor, currency).Amount, i.PartnerPo, i.Licenses.Select(l => new OrderLicenseDto(l.Kind, l.ExternalId)).ToList())).ToList(),
            o.Transactions.Select(t => new OrderTransactionDto(t.At, t.Kind, t.Description, t.Reference,
                t.AmountMinor is { } minor ? new Money(minor, currency).Amount : null)).ToList(),
            o.CreatedAt, o.ActivatedAt, o.Version);
    }
}

public sealed record EntitlementDto(string ProductId, string? ProductName, int Quantity);
