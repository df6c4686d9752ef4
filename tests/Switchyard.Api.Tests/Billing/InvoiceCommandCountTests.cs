using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Api.Tests.Offers;
using Switchyard.Api.Tests.Workers;
using Switchyard.Domain.Orders;
using Switchyard.Server.Clock;

namespace Switchyard.Api.Tests.Billing;

/// <summary>
/// BIL-1, TIM-2: issuing invoices costs a fixed number of database commands per batch, whatever the number
/// of activated orders in it: no query or insert per order or per row (N+1). Counts commands, never time.
/// </summary>
public class InvoiceCommandCountTests(CountingApp app) : IClassFixture<CountingApp>
{
    [Fact]
    [Trait("rule", "BIL-1")]
    [Trait("rule", "TIM-2")]
    public async Task IssuingInvoices_CommandsPerInvoiceDoNotGrowWithN_BIL1_TIM2()
    {
        var s = await OfferScenario.CreateAsync(app);
        var small = await CommandsToInvoiceAsync(s, 50, new DateOnly(2027, 4, 1));
        var large = await CommandsToInvoiceAsync(s, 200, new DateOnly(2027, 5, 3));

        var perSmall = (double)small.Commands / 50;
        var perLarge = (double)large.Commands / 200;
        var detail = $"50 invoices: {small.Commands} commands ({small.Reads} reads, {small.Writes} writes, {perSmall:F2}/invoice); "
            + $"200 invoices: {large.Commands} commands ({large.Reads} reads, {large.Writes} writes, {perLarge:F2}/invoice)";
        // Invoicing is set-based: per batch a fixed set of commands (candidates, claim, orders and items, the
        // numbering upsert, providers, one insert per table), whatever the batch's size. Four times the
        // invoices in one batch cost no more commands in all, so well under one command per invoice.
        Assert.True(large.Commands <= small.Commands, detail);
        Assert.True(large.Writes <= small.Writes, detail);
        Assert.True(large.Reads <= small.Reads, detail);
        Assert.True(perLarge <= 0.1, detail);
    }

    private async Task<(long Commands, long Reads, long Writes)> CommandsToInvoiceAsync(OfferScenario s, int count, DateOnly start)
    {
        var ids = (await DueOrders.SeedAsync(s, count, start, itemsPerOrder: 3)).ToList();
        // Activation is counted by the transition test; here the orders are simply activated, then invoiced.
        await using (var scope = app.DbScope(out var db))
        {
            var activated = await db.Orders.Where(o => ids.Contains(o.Id)).ExecuteUpdateAsync(u => u.SetProperty(o => o.Status, OrderStatus.Activated));
            Assert.Equal(count, activated);
        }
        var clock = app.Services.GetRequiredService<ManualTimeProvider>();
        var now = new DateTimeOffset(start.ToDateTime(new TimeOnly(0, 30)), TimeSpan.Zero);
        Assert.True(clock.TryAdvanceTo(now));

        app.Counter.Reset();
        int issued;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Switchyard.Data.SwitchyardDb>();
            db.Scope.ForSystem("worker:test");
            var step = scope.ServiceProvider.GetServices<IDueTransition>().Single(t => t.Name == "invoices.issue");
            issued = await step.ApplyDueAsync(db, now, CancellationToken.None);
        }
        var commands = (app.Counter.Commands, app.Counter.Reads, app.Counter.Writes);

        Assert.Equal(count, issued);
        await using (var scope = app.DbScope(out var db))
        {
            Assert.Equal(count, await db.Invoices.CountAsync(i => ids.Contains(i.OrderId)));
        }
        return commands;
    }
}
