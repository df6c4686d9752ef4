using Switchyard.Domain.Common;
using Switchyard.Domain.Customers;

namespace Switchyard.Domain.Billing;

/// <summary>BIL-2: a correction of an issued invoice: it references the invoice and reduces what is owed.</summary>
public sealed class CreditNote : Entity<CreditNoteId>, IPartnerOwned, IAudited
{
    private CreditNote() { }

    public string PartnerId { get; private set; } = "";
    public InvoiceId InvoiceId { get; private set; }
    public CustomerOrgId CustomerOrgId { get; private set; }
    public string CurrencyCode { get; private set; } = "";
    public long AmountMinor { get; private set; }
    public string Reason { get; private set; } = "";
    public DateTimeOffset IssuedAt { get; private set; }

    public Money Amount => new(AmountMinor, Currency.From(CurrencyCode));

    internal static CreditNote Create(Invoice invoice, Money amount, string reason, DateTimeOffset now) => new()
    {
        Id = CreditNoteId.New(),
        PartnerId = invoice.PartnerId,
        InvoiceId = invoice.Id,
        CustomerOrgId = invoice.CustomerOrgId,
        CurrencyCode = invoice.CurrencyCode,
        AmountMinor = amount.Minor,
        Reason = reason,
        IssuedAt = now,
    };
}
