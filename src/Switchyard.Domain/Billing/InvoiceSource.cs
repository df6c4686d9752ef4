using Switchyard.Domain.Catalog;
using Switchyard.Domain.Customers;
using Switchyard.Domain.Orders;

namespace Switchyard.Domain.Billing;

/// <summary>
/// BIL-1: what an invoice is made from: the few fields of an activated order (and its customer's name)
/// that invoicing reads. Invoicing in bulk reads only these columns; <see cref="Invoice.DraftFor(InvoiceSource, int, TaxRule, DateTimeOffset)"/>
/// prices them, so amounts, tax and dates are decided in one place whichever way the order was read.
/// The subtotal is the order's: the term's price upfront, or an add-on's prorated amount (OFF-7). The
/// customer's country (ISO 3166 alpha-2) picks the tax rate; null, the default rate applies.
/// </summary>
public sealed record InvoiceSource(
    OrderId OrderId,
    string PartnerId,
    CustomerId CustomerId,
    CustomerOrgId CustomerOrgId,
    string CustomerName,
    string BillingEmail,
    string? CustomerPo,
    string? PartnerPo,
    string CurrencyCode,
    DateOnly StartDate,
    DateOnly EndDate,
    long SubtotalMinor,
    bool TaxExempt,
    string? CustomerCountry,
    IReadOnlyList<InvoiceSourceItem> Items)
{
    public static InvoiceSource Of(Order order, string customerName) => new(
        order.Id, order.PartnerId, order.CustomerId, order.CustomerOrgId, customerName, order.BillingEmail, order.CustomerPo,
        order.PartnerPo, order.CurrencyCode, order.StartDate, order.EndDate, order.SubtotalMinor, order.TaxExempt, null,
        [.. order.Items.Select(i => new InvoiceSourceItem(i.ProductId, i.ProductName, i.Quantity, i.UnitPriceMonthlyMinor, i.LineTotalMinor))]);
}

/// <summary>One order item as invoiced: the product's name as the order carries it (BIL-1) and its line total.</summary>
public sealed record InvoiceSourceItem(ProductId ProductId, string ProductName, int Quantity, long UnitPriceMonthlyMinor, long LineTotalMinor);
