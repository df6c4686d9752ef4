using Microsoft.EntityFrameworkCore;
using Switchyard.Data;
using Switchyard.Domain.Auditing;
using Switchyard.Domain.Billing;
using Switchyard.Domain.Common;
using Switchyard.Server.Clock;
using Switchyard.Server.Payments;

namespace Switchyard.Server.Billing;

/// <summary>
/// BIL-4, TIM-2: on schedule (daily, once a payment has waited the hold days) a partner's received,
/// not yet paid-out payments in one currency become one payout, less the configured fee, posted to the
/// ledger in the same transaction that marks each payment as covered; the transfer itself leaves
/// afterwards through <see cref="SendPayouts"/> (OPS-1).
/// </summary>
/// <remarks>
/// Never twice for one payment: the payments are claimed (FOR UPDATE SKIP LOCKED on PostgreSQL) and
/// each carries a version, so a second worker's payout over the same payment fails to save.
/// </remarks>
public sealed class CreatePayouts(MarketplaceCalendar calendar, BillingSettings settings) : IDueTransition
{
    public string Name => "payouts.create";

    public static IQueryable<Payment> Payable(SwitchyardDb db, DateOnly today, int holdDays)
    {
        var cutoff = today.AddDays(-holdDays);
        return db.Payments.Where(p => p.PayoutId == null && p.ReceivedOn <= cutoff);
    }

    public async Task<int> ApplyDueAsync(SwitchyardDb db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var today = calendar.DateOf(now);
        var payable = Payable(db, today, settings.PayoutHoldDays);
        var groups = await payable.Select(p => new { p.PartnerId, p.CurrencyCode }).Distinct().ToListAsync(cancellationToken);
        var created = 0;
        foreach (var group in groups)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var mine = payable.Where(p => p.PartnerId == group.PartnerId && p.CurrencyCode == group.CurrencyCode);
            var ids = await mine.OrderBy(p => p.Id).Select(p => p.Id).Take(5_000).ToListAsync(cancellationToken);
            if (db.Database.IsNpgsql())
            {
                ids = await Claims.LockAsync(db, "payments", ids, cancellationToken);
            }
            var payments = await mine.Where(p => ids.Contains(p.Id)).OrderBy(p => p.Id).ToListAsync(cancellationToken);
            var payout = Payout.For(payments, settings.PayoutFeePercent, today, now);
            if (payout.IsFailure)
            {
                continue;
            }
            db.Payouts.Add(payout.Value.Payout);
            db.LedgerEntries.Add(payout.Value.Entry);
            db.Audit.Describe(payout.Value.Payout, AuditActions.PayoutCreated);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                created++;
            }
            catch (DbUpdateConcurrencyException)
            {
                // Another worker paid (some of) these out first; its payout stands.
                await transaction.RollbackAsync(cancellationToken);
            }
            db.ChangeTracker.Clear();
        }
        return created;
    }
}

/// <summary>
/// OPS-1, BIL-4: delivers pending payouts through the payment provider, with the payout's id as the
/// idempotency key, so a retry after a crash never pays twice at a provider that deduplicates.
/// </summary>
public sealed class SendPayouts(IPaymentProvider provider, ILogger<SendPayouts> logger) : IDueTransition
{
    public string Name => "payouts.send";

    public async Task<int> ApplyDueAsync(SwitchyardDb db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var pending = await db.Payouts.Where(p => p.Status == PayoutStatus.Pending).OrderBy(p => p.Id).Take(100).ToListAsync(cancellationToken);
        var sent = 0;
        foreach (var payout in pending)
        {
            try
            {
                var reference = await provider.SendPayoutAsync(payout, "payout:" + payout.Id, cancellationToken);
                if (payout.MarkSent(reference, now).IsSuccess)
                {
                    db.Audit.Describe(payout, AuditActions.PayoutSent);
                    await db.SaveChangesAsync(cancellationToken);
                    sent++;
                }
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
            }
            catch (PaymentProviderException ex)
            {
                // Left pending: the next run retries with the same idempotency key.
                logger.LogWarning(ex, "Payout {PayoutId} could not be sent yet", payout.Id);
            }
        }
        return sent;
    }
}

/// <summary>The payload of an invoice email: the invoice and the rendered message.</summary>
public sealed record InvoiceEmailPayload(string InvoiceId, Notifications.EmailMessage Email);

/// <summary>BIL-1, OPS-1: sends an invoice email from the outbox, the outbox key as its deduplication key.</summary>
public sealed class InvoiceEmailHandler(Notifications.IEmailSender email) : Outbox.IOutboxHandler
{
    public const string Type = "invoice.email";

    public string MessageType => Type;

    public string Label => "Invoice email";

    public async Task DeliverAsync(Data.Outbox.OutboxMessage message, CancellationToken cancellationToken)
    {
        var payload = message.Read<InvoiceEmailPayload>();
        try
        {
            await email.SendAsync(payload.Email with { DeduplicationKey = message.MessageType + ":" + message.DeduplicationKey }, cancellationToken);
        }
        catch (Notifications.EmailDeliveryException ex) when (ex.Permanent)
        {
            throw new Outbox.OutboxRefusedException(ex.Message, ex);
        }
    }
}
