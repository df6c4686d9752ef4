using Microsoft.EntityFrameworkCore;
using Switchyard.Data;
using Switchyard.Data.Conventions;
using Switchyard.Data.Outbox;
using Switchyard.Domain.Auditing;
using Switchyard.Domain.Billing;
using Switchyard.Domain.Common;
using Switchyard.Domain.Orders;
using Switchyard.Server.Clock;
using Switchyard.Server.Payments;

namespace Switchyard.Server.Billing;

/// <summary>
/// BIL-1, TIM-2: an activated order is invoiced on its start date (or, activated later, on the day the
/// worker sees it), never before, exactly once: numbered per partner without gaps, issued (NET30) and
/// posted to the ledger in one transaction; the email is an outbox message
/// written in the same save (OPS-1).
/// </summary>
/// <remarks>
/// Safe with several workers: orders are claimed with FOR UPDATE SKIP LOCKED on PostgreSQL; the order's
/// version, the unique invoice per order and the partner's numbering row make a duplicate or a second
/// taker of a number lose and retry. The cost per batch is a fixed number of commands.
/// </remarks>
public sealed class IssueInvoices(MarketplaceCalendar calendar, BillingSettings settings, Hosting.SwitchyardSettings server) : IDueTransition
{
    private const int Attempts = 3;

    public string Name => "invoices.issue";

    /// <summary>Orders claimed and invoiced per transaction.</summary>
    public int BatchSize { get; init; } = DueBatches.BatchSize;

    public static IQueryable<Order> Due(SwitchyardDb db, DateOnly today) =>
        db.Orders.Where(o => (o.Status == OrderStatus.Activated || o.Status == OrderStatus.Expired)
            && o.StartDate <= today && !db.Invoices.Any(i => i.OrderId == o.Id));

    public async Task<int> ApplyDueAsync(SwitchyardDb db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var today = calendar.DateOf(now);
        var due = Due(db, today);
        var after = "";
        var applied = 0;
        var attempt = 0;
        while (true)
        {
            var from = after;
            var candidates = await IdColumn<Order>.OrderBy(due.Where(IdColumn<Order>.IsAfter(from))).Take(BatchSize).Select(IdColumn<Order>.Text).ToListAsync(cancellationToken);
            if (candidates.Count == 0)
            {
                break;
            }
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var claimed = db.Database.IsNpgsql() ? await Claims.LockAsync(db, "orders", candidates, cancellationToken) : candidates;
            // The orders are only read: untracked, so the save has only the new rows to look through.
            var orders = claimed.Count == 0 ? [] : await due.Where(IdColumn<Order>.IsIn(claimed)).AsNoTracking().AsSplitQuery().ToListAsync(cancellationToken);
            var issued = await IssueAsync(db, orders, today, now, cancellationToken);
            var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
            try
            {
                // Every row of the batch is new: one change scan (the save's own) instead of one per look at the tracker.
                db.ChangeTracker.AutoDetectChangesEnabled = false;
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                applied += issued;
                after = candidates[^1];
                attempt = 0;
            }
            catch (DbUpdateException) when (++attempt < Attempts)
            {
                // Another worker took a number or an order first: start this batch again.
                await transaction.RollbackAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Still colliding: leave these orders for the next run.
                await transaction.RollbackAsync(cancellationToken);
                after = candidates[^1];
                attempt = 0;
            }
            finally
            {
                db.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
            }
            db.ChangeTracker.Clear();
        }
        return applied;
    }

    private async Task<int> IssueAsync(SwitchyardDb db, List<Order> orders, DateOnly today, DateTimeOffset now, CancellationToken ct)
    {
        if (orders.Count == 0)
        {
            return 0;
        }
        var customerIds = orders.Select(o => o.CustomerId).Distinct().ToList();
        var names = await db.Customers.Where(c => customerIds.Contains(c.Id)).Select(c => new { c.Id, c.Name }).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        var partnerIds = orders.Select(o => o.PartnerId).Distinct().ToList();
        var sequences = await db.InvoiceSequences.Where(s => partnerIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
        var accounts = await db.Partners.Where(p => partnerIds.Contains(p.Id) && p.PaymentProvider != EmbeddedLedgerProvider.ProviderName)
            .Select(p => new { p.Id, p.PaymentProvider, p.PaymentAccountRef }).ToDictionaryAsync(p => p.Id, ct);
        foreach (var order in orders.OrderBy(o => o.StartDate).ThenBy(o => o.Id))
        {
            if (!sequences.TryGetValue(order.PartnerId, out var sequence))
            {
                sequence = InvoiceSequence.Start(order.PartnerId);
                sequences.Add(order.PartnerId, sequence);
                db.InvoiceSequences.Add(sequence);
            }
            // The customer's country is not captured yet, so the default rate applies unless exempt.
            var tax = settings.Tax.For(order.TaxExempt, null);
            var invoice = Invoice.DraftFor(order, names.GetValueOrDefault(order.CustomerId, ""), sequence.Next(), tax, now);
            var entry = invoice.Issue(today, now).Value;
            db.Invoices.Add(invoice);
            db.LedgerEntries.Add(entry);
            db.Audit.Describe(invoice, AuditActions.InvoiceIssued);
            // OPS-1: the email leaves through the outbox, written in this same save, keyed by the invoice.
            db.EnqueueOutbox(InvoiceEmailHandler.Type, invoice.Id, new InvoiceEmailPayload(invoice.Id, InvoiceEmail.For(invoice, server.PublicUrl)), invoice.PartnerId);
            invoice.MarkEmailed(now);
            // BIL-3: on Stripe, the invoice is also created there on the partner's behalf (OPS-1, same save).
            if (accounts.TryGetValue(order.PartnerId, out var account))
            {
                ProviderInvoiceHandler.EnqueueFor(db, invoice, account.PaymentProvider, account.PaymentAccountRef);
            }
        }
        return orders.Count;
    }
}

/// <summary>Row claims for due work on PostgreSQL (FOR UPDATE SKIP LOCKED): a second worker takes other rows.</summary>
internal static class Claims
{
    // The table name is a constant of the caller, never input; the ids are a parameter.
#pragma warning disable EF1002
    public static Task<List<string>> LockAsync(SwitchyardDb db, string table, List<string> ids, CancellationToken ct) =>
        db.Database.SqlQueryRaw<string>(
            $"SELECT \"Id\" AS \"Value\" FROM \"{table}\" WHERE \"Id\" = ANY({{0}}) FOR UPDATE SKIP LOCKED", [ids.ToArray()])
            .ToListAsync(ct);
#pragma warning restore EF1002
}
