using Switchyard.Domain.Common;

namespace Switchyard.Domain.Billing;

/// <summary>
/// BIL-3, BIL-4: money received for an invoice. It is paid out once: <see cref="PayoutId"/> is set by
/// the payout that covers it, and never changes afterwards.
/// </summary>
public sealed class Payment : Entity<PaymentId>, IPartnerOwned, IAudited
{
    private Payment() { }

    public string PartnerId { get; private set; } = "";
    public InvoiceId InvoiceId { get; private set; }
    public string CurrencyCode { get; private set; } = "";
    public long AmountMinor { get; private set; }
    public DateOnly ReceivedOn { get; private set; }

    /// <summary>The payer's or provider's reference (bank transfer id, Stripe charge).</summary>
    public string? Reference { get; private set; }
    public DateTimeOffset RecordedAt { get; private set; }

    /// <summary>BIL-4: the payout that covers this payment; null while it is part of the pending balance.</summary>
    public PayoutId? PayoutId { get; private set; }

    public Money Amount => new(AmountMinor, Currency.From(CurrencyCode));

    internal static Payment Create(Invoice invoice, Money amount, DateOnly receivedOn, string? reference, DateTimeOffset now) => new()
    {
        Id = PaymentId.New(),
        PartnerId = invoice.PartnerId,
        InvoiceId = invoice.Id,
        CurrencyCode = invoice.CurrencyCode,
        AmountMinor = amount.Minor,
        ReceivedOn = receivedOn,
        Reference = reference,
        RecordedAt = now,
    };

    internal void CoveredBy(PayoutId payoutId)
    {
        if (PayoutId is not null)
        {
            throw new InvalidOperationException($"Payment {Id} is already paid out by {PayoutId}.");
        }
        PayoutId = payoutId;
    }
}
