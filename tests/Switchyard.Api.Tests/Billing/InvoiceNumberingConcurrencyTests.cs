using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Api.Tests.Offers;
using Switchyard.Api.Tests.Workers;
using Switchyard.Domain.Auditing;
using Switchyard.Domain.Common;
using Switchyard.Domain.Orders;
using Switchyard.Server.Billing;
using Switchyard.Server.Clock;

namespace Switchyard.Api.Tests.Billing;

/// <summary>
/// BIL-1, AUD-1, OPS-1: several issuers running at once (on PostgreSQL, as several server instances do)
/// invoice every activated order exactly once and number one partner's invoices 1..N without a gap or a
/// duplicate, each invoice with its ledger entry, audit entry and email in the outbox.
/// </summary>
public class InvoiceNumberingConcurrencyTests(CountingApp app) : IClassFixture<CountingApp>
{
    private const int Orders = 150;

    [Fact]
    [Trait("rule", "BIL-1")]
    [Trait("rule", "AUD-1")]
    [Trait("rule", "OPS-1")]
    public async Task ThreeIssuersAtOnce_InvoiceEachOrderOnce_NumbersWithoutGapOrDuplicate_BIL1()
    {
        var s = await OfferScenario.CreateAsync(app, "Numbering Seller");
        var start = new DateOnly(2027, 4, 1);
        var ids = (await DueOrders.SeedAsync(s, Orders, start, itemsPerOrder: 2)).ToList();
        await using (var scope = app.DbScope(out var db))
        {
            await db.Orders.Where(o => ids.Contains(o.Id)).ExecuteUpdateAsync(u => u.SetProperty(o => o.Status, OrderStatus.Activated));
        }
        var now = new DateTimeOffset(start.ToDateTime(new TimeOnly(0, 30)), TimeSpan.Zero);
        Assert.True(app.Services.GetRequiredService<ManualTimeProvider>().TryAdvanceTo(now));

        // Small, different batch sizes: the issuers claim overlapping candidates and take numbers of the same
        // partner in interleaved blocks.
        var issued = await Task.WhenAll(IssueAsync(now, 7), IssueAsync(now, 11), IssueAsync(now, 13));

        Assert.Equal(Orders, issued.Sum());
        await using (var scope = app.DbScope(out var db))
        {
            var invoices = await db.Invoices.Where(i => i.PartnerId == s.PartnerId).Select(i => new { i.Id, i.OrderId, i.Number }).ToListAsync();
            Assert.Equal(ids.Order(), invoices.Select(i => i.OrderId).Order());
            Assert.Equal(Enumerable.Range(1, Orders), invoices.Select(i => i.Number).Order());
            var invoiceIds = invoices.Select(i => i.Id.Value).ToList();
            Assert.Equal(Orders, await db.LedgerEntries.CountAsync(e => e.Kind == "invoiceIssued" && invoiceIds.Contains(e.Reference)));
            Assert.Equal(Orders, await db.AuditEntries.CountAsync(a => a.Action == AuditActions.InvoiceIssued && invoiceIds.Contains(a.ObjectId)));
            // AUD-1: the trail written in bulk records the invoice's order (a typed id) as the plain id, as a save would.
            var orderOf = invoices.ToDictionary(i => i.Id.Value, i => i.OrderId.Value);
            var trail = await db.AuditEntries.Where(a => a.Action == AuditActions.InvoiceIssued && invoiceIds.Contains(a.ObjectId)).ToListAsync();
            Assert.All(trail, a => Assert.Equal(orderOf[a.ObjectId], JsonNode.Parse(a.Changes)!["orderId"]!["new"]!.GetValue<string>()));
            Assert.Equal(Orders, await db.OutboxMessages.CountAsync(m => m.MessageType == InvoiceEmailHandler.Type && invoiceIds.Contains(m.DeduplicationKey)));
            Assert.Equal(Orders, await db.InvoiceSequences.Where(q => q.PartnerId == s.PartnerId).Select(q => q.Last).SingleAsync());
        }
    }

    private async Task<int> IssueAsync(DateTimeOffset now, int batchSize)
    {
        // Each issuer on its own thread, context and connection, as separate workers are.
        await Task.Yield();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Switchyard.Data.SwitchyardDb>();
        db.Scope.ForSystem($"worker:test-{batchSize}");
        var step = new IssueInvoices(scope.ServiceProvider.GetRequiredService<MarketplaceCalendar>(),
            scope.ServiceProvider.GetRequiredService<BillingSettings>())
        { BatchSize = batchSize };
        return await step.ApplyDueAsync(db, now, CancellationToken.None);
    }
}
