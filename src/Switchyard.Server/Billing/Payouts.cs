using Microsoft.EntityFrameworkCore;
using Switchyard.Data;
using Switchyard.Data.Conventions;
using Switchyard.Data.Outbox;
using Switchyard.Domain.Auditing;
using Switchyard.Domain.Billing;
using Switchyard.Domain.Common;
using Switchyard.Server.Clock;
using Switchyard.Server.Payments;

namespace Switchyard.Server.Billing;

/// <summary>
/// BIL-4, TIM-2: on schedule (daily, once a payment has waited the hold days) a partner's received,
/// not yet paid-out payments in one currency become one payout, less the configured fee, posted to the
/// ledger in the same transaction that marks each payment as covered and enqueues the transfer as an
/// outbox message keyed by the payout id (OPS-1); <see cref="PayoutHandler"/> sends it.
/// </summary>
/// <remarks>
/// Never twice for one payment: the payments are claimed (FOR UPDATE SKIP LOCKED on PostgreSQL) and
/// each carries a version, so a second worker's payout over the same payment fails to save, and its
/// outbox message with it.
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
        foreach (var group in groups.OrderBy(g => g.PartnerId, StringComparer.Ordinal).ThenBy(g => g.CurrencyCode, StringComparer.Ordinal))
        {
            var account = await db.Partners.Where(p => p.Id == group.PartnerId)
                .Select(p => new { p.PaymentProvider, p.PaymentAccountRef }).SingleAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var mine = payable.Where(p => p.PartnerId == group.PartnerId && p.CurrencyCode == group.CurrencyCode);
            var ids = await IdColumn<Payment>.OrderBy(mine).Select(IdColumn<Payment>.Text).Take(5_000).ToListAsync(cancellationToken);
            if (db.Database.IsNpgsql())
            {
                ids = await Claims.LockAsync(db, "payments", ids, cancellationToken);
            }
            var payments = ids.Count == 0 ? [] : await mine.Where(IdColumn<Payment>.IsIn(ids)).OrderBy(p => p.Id).ToListAsync(cancellationToken);
            var payout = Payout.For(payments, settings.PayoutFeePercent, today, now);
            if (payout.IsFailure)
            {
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
                continue;
            }
            var written = payout.Value.Payout;
            db.Payouts.Add(written);
            db.LedgerEntries.Add(payout.Value.Entry);
            db.Audit.Describe(written, AuditActions.PayoutCreated);
            // OPS-1: the transfer leaves through the outbox, in this same save, keyed by the payout.
            db.EnqueueOutbox(PayoutHandler.Type, written.Id.Value,
                new PayoutMessage(written.Id.Value, written.PartnerId, account.PaymentProvider, account.PaymentAccountRef, written.CurrencyCode, written.NetMinor),
                written.PartnerId);
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

/// <summary>The payload of a payout message: the transfer as it was decided when the payout was written.</summary>
public sealed record PayoutMessage(string PayoutId, string PartnerId, string Provider, string? AccountRef, string CurrencyCode, long NetMinor);

/// <summary>
/// OPS-1, BIL-4: sends a payout through the partner's payment provider, with <c>payout:{id}</c> as the
/// idempotency key on every attempt, then marks the payout sent. A failure is retried by the outbox
/// with the same key, so a provider that deduplicates (Stripe does) pays once even when the first
/// attempt did reach it; a refusal goes to the operator's error queue.
/// </summary>
public sealed class PayoutHandler(PaymentProviders providers, IServiceScopeFactory scopes, TimeProvider clock) : Outbox.IOutboxHandler
{
    public const string Type = "payout.send";

    public string MessageType => Type;

    public string Label => "Payout";

    public static string IdempotencyKey(string payoutId) => "payout:" + payoutId;

    public async Task DeliverAsync(Data.Outbox.OutboxMessage message, CancellationToken cancellationToken)
    {
        var payload = message.Read<PayoutMessage>();
        string reference;
        try
        {
            reference = await providers.For(payload.Provider).SendPayoutAsync(
                new PayoutTransfer(payload.PayoutId, payload.PartnerId, payload.AccountRef, payload.CurrencyCode, payload.NetMinor),
                IdempotencyKey(payload.PayoutId), cancellationToken);
        }
        catch (PaymentProviderException ex) when (ex.Permanent)
        {
            throw new Outbox.OutboxRefusedException(ex.Message, ex);
        }
        // Its own context: deliveries of one batch run in parallel, and the runner's context records the outcome.
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SwitchyardDb>();
        db.Scope.ForSystem("system:payouts");
        var payout = await db.Payouts.SingleOrDefaultAsync(p => p.Id == PayoutId.From(payload.PayoutId), cancellationToken);
        if (payout is not null && payout.MarkSent(reference, clock.GetUtcNow()).IsSuccess)
        {
            db.Audit.Describe(payout, AuditActions.PayoutSent);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                // A retried delivery marked it first: the provider deduplicated the transfer, nothing to do.
            }
        }
    }
}
