using Switchyard.Domain.Billing;
using Switchyard.Domain.Common;
using Switchyard.Domain.Customers;
using Switchyard.Domain.Offers;
using Switchyard.Domain.Orders;
using Switchyard.Domain.Tests.Offers;

namespace Switchyard.Domain.Tests.Billing;

/// <summary>Activated orders and issued invoices for billing tests.</summary>
internal static class Bill
{
    public static readonly DateOnly IssueDay = new(2027, 1, 1);
    public static readonly DateTimeOffset IssueAt = new(2027, 1, 1, 0, 5, 0, TimeSpan.Zero);

    /// <summary>An activated order: quantity × monthly price × 12 in the currency, for the partner.</summary>
    public static Order ActivatedOrder(string partnerId = A.PartnerId, string currency = "USD", int quantity = 10, decimal unitPriceMonthly = 100m,
        bool taxExempt = false, string productName = "Product A")
    {
        var product = A.Product(productName, partnerId: partnerId);
        var offer = Offer.Create(A.Draft() with { Currency = currency }, new CustomerContext(partnerId, CustomerId.From("cus_1"), CustomerOrgId.From(A.OrgId), null), A.Today, A.Now).Value;
        _ = offer.AddItem(product, quantity, unitPriceMonthly, null).Value;
        _ = offer.Send(A.Send([product])).Value;
        var order = offer.Accept(A.Accept(product, taxExempt: taxExempt)).Value;
        _ = order.StartProcessing(IssueDay, IssueAt).Value;
        _ = order.Activate(IssueAt).Value;
        return order;
    }

    public static Invoice Issued(Order? order = null, TaxRule? tax = null, int number = 1)
    {
        var invoice = Invoice.DraftFor(order ?? ActivatedOrder(), "Acme", number, tax ?? TaxPolicy.None.For(false, null), IssueAt);
        _ = invoice.Issue(IssueDay, IssueAt).Value;
        return invoice;
    }

    public static Money Usd(decimal amount) => Money.FromAmount(amount, Currency.USD).Value;
}
