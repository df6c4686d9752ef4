using Switchyard.Domain.Common;

namespace Switchyard.Domain.Billing;

/// <summary>BIL-4: Pending (written, waiting for the provider) → Sent.</summary>
public enum PayoutStatus
{
    Pending,
    Sent,
}

/// <summary>
/// BIL-4: money paid out to a partner: the payments it covers, less the marketplace's fee. Gross =
/// Σ covered payments; fee = gross × fee percent, rounded once; net = gross − fee, so
/// Σ paid = Σ net + Σ fees + pending balance holds exactly.
/// </summary>
public sealed class Payout : Entity<PayoutId>, IPartnerOwned, IAudited
{
    private Payout() { }

    public string PartnerId { get; private set; } = "";
    public string CurrencyCode { get; private set; } = "";
    public long GrossMinor { get; private set; }
    public decimal FeePercent { get; private set; }
    public long FeeMinor { get; private set; }
    public long NetMinor { get; private set; }
    public int PaymentCount { get; private set; }
    public PayoutStatus Status { get; private set; }
    public DateOnly ScheduledOn { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? SentAt { get; private set; }

    /// <summary>The provider's reference once sent (Stripe transfer id, or the ledger's own).</summary>
    public string? ProviderReference { get; private set; }

    public Currency Currency => Currency.From(CurrencyCode);
    public Money Gross => new(GrossMinor, Currency);
    public Money Fee => new(FeeMinor, Currency);
    public Money Net => new(NetMinor, Currency);

    /// <summary>The fee on a gross amount: gross × percent ÷ 100, rounded once (half away from zero).</summary>
    public static Money FeeOn(Money gross, decimal feePercent) => Money.Round(gross.Amount * feePercent / 100m, gross.Currency);

    /// <summary>
    /// BIL-4: a payout of one partner's not-yet-paid-out payments in one currency. Each payment is
    /// marked as covered, so it can never be paid out twice.
    /// </summary>
    public static Result<(Payout Payout, LedgerEntry Entry)> For(IReadOnlyList<Payment> payments, decimal feePercent, DateOnly today, DateTimeOffset now)
    {
        if (feePercent is < 0 or > 100)
        {
            return BillingErrors.InvalidFeePercent();
        }
        if (payments.Count == 0)
        {
            return BillingErrors.NotPositive("payments");
        }
        var first = payments[0];
        if (payments.Any(p => p.PartnerId != first.PartnerId || p.CurrencyCode != first.CurrencyCode))
        {
            throw new InvalidOperationException("A payout covers one partner's payments in one currency.");
        }
        if (payments.Any(p => p.PayoutId is not null))
        {
            return Errors.Conflict("paymentAlreadyPaidOut", "A payment in this payout has already been paid out.");
        }
        var currency = Currency.From(first.CurrencyCode);
        var gross = Money.Sum(payments.Select(p => p.Amount), currency);
        if (gross.Minor <= 0)
        {
            return BillingErrors.NotPositive("payments");
        }
        var fee = FeeOn(gross, feePercent);
        var payout = new Payout
        {
            Id = PayoutId.New(),
            PartnerId = first.PartnerId,
            CurrencyCode = currency.Code,
            GrossMinor = gross.Minor,
            FeePercent = feePercent,
            FeeMinor = fee.Minor,
            NetMinor = (gross - fee).Minor,
            PaymentCount = payments.Count,
            Status = PayoutStatus.Pending,
            ScheduledOn = today,
            CreatedAt = now,
        };
        foreach (var payment in payments)
        {
            payment.CoveredBy(payout.Id);
        }
        var entry = LedgerEntry.Post(payout.PartnerId, currency, now, "payoutCreated", payout.Id.Value,
            new LedgerLine(LedgerAccount.PaidOut, payout.NetMinor),
            new LedgerLine(LedgerAccount.Fees, payout.FeeMinor),
            new LedgerLine(LedgerAccount.Clearing, -payout.GrossMinor));
        return (payout, entry);
    }

    /// <summary>BIL-4: the provider confirmed the transfer.</summary>
    public Result<Unit> MarkSent(string providerReference, DateTimeOffset now)
    {
        if (Status != PayoutStatus.Pending)
        {
            return Errors.Conflict("payoutNotPending", "The payout has already been sent.");
        }
        Status = PayoutStatus.Sent;
        ProviderReference = providerReference;
        SentAt = now;
        return Result.Ok();
    }
}
