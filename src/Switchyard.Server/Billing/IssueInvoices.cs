using System.Data.Common;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
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
/// written in the same transaction (OPS-1), and so is the audit entry (AUD-1).
/// </summary>
/// <remarks>
/// Set-based: per batch, the orders are claimed (FOR UPDATE SKIP LOCKED on PostgreSQL, so a second worker
/// takes other orders), read as narrow projections (<see cref="InvoiceSource"/>), and each partner's block
/// of numbers is taken with one upsert that locks its numbering row until the commit (a concurrent
/// issuer for that partner waits, so numbers have neither gaps nor duplicates). The domain prices every
/// invoice in memory; invoices, lines, ledger entries and lines, audit entries and outbox messages are
/// then written with one command per table (<see cref="BulkRows"/>). The cost per batch is a fixed
/// number of commands, whatever its size.
/// </remarks>
public sealed class IssueInvoices(MarketplaceCalendar calendar, BillingSettings settings) : IDueTransition
{
    private const int Attempts = 3;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Name => "invoices.issue";

    /// <summary>Orders claimed and invoiced per transaction.</summary>
    public int BatchSize { get; init; } = 2000;

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
            try
            {
                var claimed = db.Database.IsNpgsql() ? await Claims.LockAsync(db, "orders", candidates, cancellationToken) : candidates;
                var issued = claimed.Count == 0 ? 0 : await IssueAsync(db, due, claimed, today, now, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                applied += issued;
                after = candidates[^1];
                attempt = 0;
            }
            catch (DbException) when (++attempt < Attempts)
            {
                // Another issuer invoiced one of these orders first (unique order per invoice) or the
                // database chose this transaction as a deadlock's victim: start this batch again.
                await transaction.RollbackAsync(cancellationToken);
            }
            catch (DbException)
            {
                // Still colliding: leave these orders for the next run.
                await transaction.RollbackAsync(cancellationToken);
                after = candidates[^1];
                attempt = 0;
            }
        }
        return applied;
    }

    private async Task<int> IssueAsync(SwitchyardDb db, IQueryable<Order> due, List<string> claimed, DateOnly today, DateTimeOffset now, CancellationToken ct)
    {
        // Read again under the claim: an order invoiced meanwhile by another worker is no longer due.
        var sources = await LoadAsync(due.Where(IdColumn<Order>.IsIn(claimed)), db, ct);
        if (sources.Count == 0)
        {
            return 0;
        }
        sources.Sort((a, b) => a.StartDate != b.StartDate ? a.StartDate.CompareTo(b.StartDate) : a.OrderId.CompareTo(b.OrderId));
        var next = await TakeNumbersAsync(db, sources, ct);
        var partnerIds = next.Keys.ToList();
        var accounts = await db.Partners.Where(p => partnerIds.Contains(p.Id) && p.PaymentProvider != EmbeddedLedgerProvider.ProviderName)
            .Select(p => new { p.Id, p.PaymentProvider, p.PaymentAccountRef }).ToDictionaryAsync(p => p.Id, ct);

        var invoices = new BulkRows(db, typeof(Invoice));
        var lines = new BulkRows(db, typeof(InvoiceLine));
        var issued = new List<(Invoice Invoice, LedgerEntry Entry)>(sources.Count);
        foreach (var source in sources)
        {
            // The domain decides every amount: tax per customer country or exemption, total, NET30 due date.
            var tax = settings.Tax.For(source.TaxExempt, source.CustomerCountry);
            var invoice = Invoice.DraftFor(source, next[source.PartnerId]++, tax, now);
            var entry = invoice.Issue(today, now).Value;
            invoice.MarkEmailed(now);
            invoices.Add(invoice);
            foreach (var line in invoice.Lines)
            {
                lines.Add(line);
            }
            issued.Add((invoice, entry));
        }
        // The database inserts the invoices and their lines while the other rows are built here: building
        // them reads only the model, and the context still runs one command at a time. Parents before their
        // parts (foreign keys).
        var writing = WriteAsync(db, ct, invoices, lines);
        BulkRows[] rest;
        try
        {
            rest = Others(db, issued, accounts.ToDictionary(a => a.Key, a => (a.Value.PaymentProvider, a.Value.PaymentAccountRef)), now);
        }
        finally
        {
            await writing;
        }
        await WriteAsync(db, ct, rest);
        return sources.Count;
    }

    /// <summary>
    /// The ledger entries and their lines, the audit entries (AUD-1) and the outbox messages (OPS-1) of the
    /// issued invoices, in that order.
    /// </summary>
    private static BulkRows[] Others(SwitchyardDb db, List<(Invoice Invoice, LedgerEntry Entry)> issued,
        Dictionary<string, (string Provider, string? AccountRef)> accounts, DateTimeOffset now)
    {
        var entries = new BulkRows(db, typeof(LedgerEntry));
        var entryLines = new BulkRows(db, typeof(LedgerLine));
        var audit = new BulkRows(db, typeof(AuditEntry));
        var outbox = new BulkRows(db, typeof(OutboxMessage));
        using var changes = new CreatedChanges(db, typeof(Invoice));
        foreach (var (invoice, entry) in issued)
        {
            entries.Add(entry);
            var owner = new Dictionary<string, object?> { ["EntryId"] = entry.Id };
            foreach (var line in entry.Lines)
            {
                entryLines.Add(line, owner);
            }
            audit.Add(AuditEntry.Record(invoice.PartnerId, invoice.Id.Value, "invoice", AuditActions.InvoiceIssued, db.Scope.Actor, now,
                changes.Of(invoice), null));
            // OPS-1: the email leaves through the outbox, written in this transaction, keyed by the invoice.
            // The message holds the invoice id; the handler renders the email from the invoice when it delivers it.
            AddOutbox(outbox, InvoiceEmailHandler.Type, invoice.Id.Value, InvoiceEmailHandler.PayloadFor(invoice.Id), invoice.PartnerId, now);
            // BIL-3: on Stripe, the invoice is also created there on the partner's behalf (OPS-1, same transaction).
            if (accounts.TryGetValue(invoice.PartnerId, out var account)
                && ProviderInvoiceHandler.MessageFor(invoice, account.Provider, account.AccountRef) is { } message)
            {
                AddOutbox(outbox, ProviderInvoiceHandler.Type, invoice.Id.Value, JsonSerializer.Serialize(message, Json), invoice.PartnerId, now);
            }
        }
        return [entries, entryLines, audit, outbox];
    }

    private static async Task WriteAsync(SwitchyardDb db, CancellationToken ct, params BulkRows[] tables)
    {
        foreach (var rows in tables)
        {
            await rows.WriteAsync(db, ct);
        }
    }

    /// <summary>The invoicing fields of the due orders and their customers' names: two queries (orders, items).</summary>
    private static async Task<List<InvoiceSource>> LoadAsync(IQueryable<Order> orders, SwitchyardDb db, CancellationToken ct)
    {
        var rows = await orders.AsNoTracking().AsSplitQuery().Select(o => new
        {
            o.Id,
            o.PartnerId,
            o.CustomerId,
            o.CustomerOrgId,
            CustomerName = db.Customers.Where(c => c.Id == o.CustomerId).Select(c => c.Name).FirstOrDefault(),
            CustomerCountry = db.CustomerOrgs.Where(c => c.Id == o.CustomerOrgId).Select(c => c.BillingCountry).FirstOrDefault(),
            o.BillingEmail,
            o.CustomerPo,
            o.PartnerPo,
            o.CurrencyCode,
            o.StartDate,
            o.EndDate,
            o.SubtotalMinor,
            o.TaxExempt,
            Items = o.Items.OrderBy(i => i.Id)
                .Select(i => new InvoiceSourceItem(i.ProductId, i.ProductName, i.Quantity, i.UnitPriceMonthlyMinor, i.LineTotalMinor)).ToList(),
        }).ToListAsync(ct);
        // The org's billing country as it stands when the invoice is issued picks the rate (unless exempt at acceptance).
        return [.. rows.Select(o => new InvoiceSource(o.Id, o.PartnerId, o.CustomerId, o.CustomerOrgId, o.CustomerName ?? "", o.BillingEmail,
            o.CustomerPo, o.PartnerPo, o.CurrencyCode, o.StartDate, o.EndDate, o.SubtotalMinor, o.TaxExempt, o.CustomerCountry, o.Items))];
    }

    /// <summary>
    /// BIL-1: takes a block of numbers per partner in one statement, returning each partner's first new number.
    /// The upsert creates a partner's numbering row on its first invoice and otherwise locks it until the
    /// commit: a concurrent issuer for the same partner waits for the block before taking the next one, and
    /// a rollback gives the block back, so numbers have no gaps and no duplicates.
    /// </summary>
    private static async Task<Dictionary<string, int>> TakeNumbersAsync(SwitchyardDb db, List<InvoiceSource> sources, CancellationToken ct)
    {
        // Partners in a fixed order, so two issuers lock numbering rows in the same order (no deadlock).
        var counts = sources.GroupBy(s => s.PartnerId).Select(g => (Partner: g.Key, Count: g.Count())).OrderBy(p => p.Partner, StringComparer.Ordinal).ToList();
        var values = string.Join(", ", counts.Select((_, i) => $"({{{2 * i}}}, {{{2 * i}}}, {{{2 * i + 1}}}, 1)"));
        var parameters = counts.SelectMany(c => new object[] { c.Partner, c.Count }).ToArray();
        // Only placeholders are put into the text; the partner ids and counts are parameters.
        var sql = $"""
            INSERT INTO invoice_sequences ("Id", "PartnerId", "Last", "Version") VALUES {values}
            ON CONFLICT ("Id") DO UPDATE SET "Last" = invoice_sequences."Last" + excluded."Last", "Version" = invoice_sequences."Version" + 1
            RETURNING "Id", "Last"
            """;
        var blocks = await db.Database.SqlQueryRaw<NumberBlock>(sql, parameters).ToListAsync(ct);
        var count = counts.ToDictionary(c => c.Partner, c => c.Count);
        return blocks.ToDictionary(b => b.Id, b => b.Last - count[b.Id] + 1);
    }

    private static void AddOutbox(BulkRows outbox, string type, string key, string json, string partnerId, DateTimeOffset now)
    {
        var id = Ids.New(Ids.Outbox);
        outbox.Add(p => p.Name switch
        {
            nameof(OutboxMessage.Id) => id,
            nameof(OutboxMessage.MessageType) => type,
            nameof(OutboxMessage.DeduplicationKey) => key,
            nameof(OutboxMessage.Payload) => json,
            nameof(OutboxMessage.PartnerId) => partnerId,
            nameof(OutboxMessage.Status) => OutboxStatus.Pending,
            nameof(OutboxMessage.Attempts) => 0,
            // Due at once, by the server's clock, as a message enqueued in a save is.
            nameof(OutboxMessage.CreatedAt) or nameof(OutboxMessage.NextAttemptAt) => now,
            _ => null,
        });
    }

    /// <summary>A partner's numbering row after taking a block: the last number of the block.</summary>
    private sealed class NumberBlock
    {
        public string Id { get; set; } = "";
        public int Last { get; set; }
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
