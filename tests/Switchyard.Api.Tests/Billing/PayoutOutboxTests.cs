using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Api.Tests.Infrastructure;
using Switchyard.Api.Tests.Offers;
using Switchyard.Api.Tests.Workers;
using Switchyard.Data;
using Switchyard.Data.Outbox;
using Switchyard.Domain.Billing;
using Switchyard.Domain.Common;
using Switchyard.Domain.Partners;
using Switchyard.Server.Billing;
using Switchyard.Server.Clock;
using Switchyard.Server.Outbox;
using Switchyard.Server.Payments;

namespace Switchyard.Api.Tests.Billing;

/// <summary>Paid invoices made through the domain: orders seeded, the clock run to their start (activated, invoiced), each paid in full.</summary>
public static class PaidInvoices
{
    public static DateTimeOffset AdvanceTo(SwitchyardApp app, DateOnly date, TimeSpan? time = null)
    {
        var clock = app.Services.GetRequiredService<ManualTimeProvider>();
        var now = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) + (time ?? TimeSpan.FromHours(1));
        Assert.True(clock.TryAdvanceTo(now));
        return now;
    }

    /// <summary>Returns the payment ids; the payments are received on <paramref name="start"/>.</summary>
    public static async Task<IReadOnlyList<string>> SeedAsync(IReadOnlyList<OfferScenario> scenarios, int ordersEach, DateOnly start)
    {
        var app = scenarios[0].App;
        var orderIds = new List<Switchyard.Domain.Orders.OrderId>();
        foreach (var s in scenarios)
        {
            orderIds.AddRange(await DueOrders.SeedAsync(s, ordersEach, start, itemsPerOrder: 1));
        }
        var now = AdvanceTo(app, start);
        await app.Services.GetRequiredService<TransitionRunner>().RunDueAsync(now, CancellationToken.None);
        await using var scope = app.DbScope(out var db);
        var invoices = await db.Invoices.Where(i => orderIds.Contains(i.OrderId)).ToListAsync();
        Assert.Equal(orderIds.Count, invoices.Count);
        var payments = new List<string>();
        foreach (var invoice in invoices)
        {
            var paid = invoice.RecordPayment(invoice.AmountDue, start, "wire", now).Value;
            db.Payments.Add(paid.Payment);
            db.LedgerEntries.Add(paid.Entry);
            payments.Add(paid.Payment.Id.Value);
        }
        await db.SaveChangesAsync();
        return payments;
    }

    /// <summary>BIL-4: each payment covered by exactly one payout, each payout's figures and outbox message consistent, the ledger balanced.</summary>
    public static async Task AssertPaidOutOnceAsync(SwitchyardApp app, IReadOnlyList<string> paymentIds)
    {
        await using var scope = app.DbScope(out var db);
        var ids = paymentIds.Select(PaymentId.From).ToList();
        var payments = await db.Payments.AsNoTracking().Where(p => ids.Contains(p.Id)).ToListAsync();
        Assert.Equal(paymentIds.Count, payments.Count);
        Assert.All(payments, p => Assert.NotNull(p.PayoutId));
        var payoutIds = payments.Select(p => p.PayoutId!.Value.Value).Distinct().ToList();
        var payouts = await db.Payouts.AsNoTracking().Where(p => p.PartnerId != "").ToListAsync();
        Assert.Equal(payoutIds.ToHashSet(), payouts.Select(p => p.Id.Value).ToHashSet());
        foreach (var payout in payouts)
        {
            var covered = payments.Where(p => p.PayoutId == payout.Id).ToList();
            Assert.Equal(covered.Count, payout.PaymentCount);
            Assert.Equal(covered.Sum(p => p.AmountMinor), payout.GrossMinor);
            Assert.Equal(payout.GrossMinor, payout.NetMinor + payout.FeeMinor);
        }
        // One transfer message per payout, keyed by it (OPS-1), one ledger entry each.
        var messages = await db.OutboxMessages.AsNoTracking().Where(m => m.MessageType == PayoutHandler.Type).ToListAsync();
        Assert.Equal(payouts.Select(p => p.Id.Value).Order().ToList(), messages.Select(m => m.DeduplicationKey).Order().ToList());
        var entries = await db.LedgerEntries.AsNoTracking().Where(e => payoutIds.Contains(e.Reference)).ToListAsync();
        Assert.Equal(payouts.Count, entries.Count);
        Assert.All(entries, e => Assert.True(e.IsBalanced));
    }
}

/// <summary>
/// BIL-4, OPS-1: two workers (two scopes, two DbContexts, two connections) create payouts at the same
/// time over the same payments: each payment is paid out once, each payout has one transfer message.
/// </summary>
public class TwoPayoutRunnersTests(SwitchyardApp app) : IClassFixture<SwitchyardApp>
{
    [Fact]
    [Trait("rule", "BIL-4")]
    [Trait("rule", "OPS-1")]
    [Trait("rule", "TIM-2")]
    public async Task TwoPayoutRunsAtOnce_PayEachPaymentOutOnce_OneTransferMessageEach_BIL4()
    {
        var scenarios = new List<OfferScenario>();
        for (var i = 0; i < 4; i++)
        {
            scenarios.Add(await OfferScenario.CreateAsync(app));
        }
        var start = new DateOnly(2027, 2, 1);
        var paymentIds = await PaidInvoices.SeedAsync(scenarios, 15, start);
        var now = PaidInvoices.AdvanceTo(app, start.AddDays(1));
        var calendar = app.Services.GetRequiredService<MarketplaceCalendar>();
        var settings = app.Services.GetRequiredService<BillingSettings>();

        async Task<int> WorkerAsync()
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SwitchyardDb>();
            db.Scope.ForSystem("system:test-worker");
            return await new CreatePayouts(calendar, settings).ApplyDueAsync(db, now, CancellationToken.None);
        }

        using var gate = new Barrier(2);
        var created = await Task.WhenAll(
            Task.Run(() => { gate.SignalAndWait(); return WorkerAsync(); }),
            Task.Run(() => { gate.SignalAndWait(); return WorkerAsync(); }));
        // Whatever a worker skipped (the other held it) is picked up by the next run.
        var late = await WorkerAsync();

        Assert.Equal(scenarios.Count, created.Sum() + late);
        await PaidInvoices.AssertPaidOutOnceAsync(app, paymentIds);

        // The transfers leave through the outbox; a second delivery run sends nothing again.
        await app.DeliverOutboxAsync();
        Assert.Equal(0, await app.DeliverOutboxAsync());
        await using var check = app.DbScope(out var db);
        Assert.All(await db.Payouts.AsNoTracking().ToListAsync(), p =>
        {
            Assert.Equal(PayoutStatus.Sent, p.Status);
            Assert.Equal("ledger:" + p.Id, p.ProviderReference);
        });
    }
}

/// <summary>
/// A provider that deduplicates on the idempotency key as Stripe does, and whose first answer for each
/// key is lost after the transfer was made (the worst case for a retry).
/// </summary>
public sealed class LossyProvider : IPaymentProvider
{
    public ConcurrentDictionary<string, string> Transfers { get; } = new(StringComparer.Ordinal);
    public ConcurrentQueue<string> Calls { get; } = new();

    public string Name => EmbeddedLedgerProvider.ProviderName;

    public Task<PaymentOnboarding> StartOnboardingAsync(Partner partner, CancellationToken cancellationToken) =>
        Task.FromResult(new PaymentOnboarding(PaymentConnectionStatus.Connected, "lossy:" + partner.Id, null));

    public Task<string> SendPayoutAsync(PayoutTransfer payout, string idempotencyKey, CancellationToken cancellationToken)
    {
        Calls.Enqueue(idempotencyKey);
        var first = Transfers.TryAdd(idempotencyKey, "tr_" + Transfers.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (first)
        {
            throw new PaymentProviderException("The connection was reset before the answer arrived.");
        }
        return Task.FromResult(Transfers[idempotencyKey]);
    }

    public Task<string?> CreateInvoiceAsync(ProviderInvoice invoice, string idempotencyKey, CancellationToken cancellationToken) =>
        Task.FromResult<string?>(null);
}

public sealed class LossyProviderApp : SwitchyardApp
{
    public LossyProvider Provider { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<IPaymentProvider>(Provider));
    }
}

/// <summary>OPS-1, BIL-4: a payout whose first delivery failed after reaching the provider is retried with the same key and paid once.</summary>
public class PayoutRetryTests(LossyProviderApp app) : IClassFixture<LossyProviderApp>
{
    [Fact]
    [Trait("rule", "OPS-1")]
    [Trait("rule", "BIL-4")]
    public async Task FailedPayoutDelivery_IsRetriedWithTheSameKey_AndPaysOnce_OPS1()
    {
        var s = await OfferScenario.CreateAsync(app);
        var start = new DateOnly(2027, 2, 1);
        var paymentIds = await PaidInvoices.SeedAsync([s], 2, start);

        // The day after: the payout is written and its transfer attempted in the same round; the answer is lost.
        var now = PaidInvoices.AdvanceTo(app, start.AddDays(1));
        await app.Services.GetRequiredService<TransitionRunner>().RunDueAsync(now, CancellationToken.None);
        await PaidInvoices.AssertPaidOutOnceAsync(app, paymentIds);
        string payoutId;
        await using (var scope = app.DbScope(out var db))
        {
            var payout = await db.Payouts.AsNoTracking().SingleAsync(p => p.PartnerId == s.PartnerId);
            payoutId = payout.Id.Value;
            Assert.Equal(PayoutStatus.Pending, payout.Status);
            var message = await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.MessageType == PayoutHandler.Type && m.DeduplicationKey == payoutId);
            Assert.Equal(OutboxStatus.Pending, message.Status);
            Assert.Equal(1, message.Attempts);
            Assert.Contains("reset", message.LastError, StringComparison.Ordinal);
        }
        Assert.Single(app.Provider.Calls);

        // Not before its backoff; then retried with the same key: the provider answers with the first transfer.
        Assert.Equal(0, await app.DeliverOutboxAsync());
        PaidInvoices.AdvanceTo(app, start.AddDays(1), TimeSpan.FromHours(2));
        Assert.Equal(1, await app.DeliverOutboxAsync());
        Assert.Equal(0, await app.DeliverOutboxAsync());

        Assert.Equal([PayoutHandler.IdempotencyKey(payoutId), PayoutHandler.IdempotencyKey(payoutId)], app.Provider.Calls.ToArray());
        Assert.Single(app.Provider.Transfers);
        await using (var scope = app.DbScope(out var db))
        {
            var payout = await db.Payouts.AsNoTracking().SingleAsync(p => p.Id == PayoutId.From(payoutId));
            Assert.Equal(PayoutStatus.Sent, payout.Status);
            Assert.Equal(app.Provider.Transfers[PayoutHandler.IdempotencyKey(payoutId)], payout.ProviderReference);
            Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.ObjectId == payoutId));
        }
    }
}
