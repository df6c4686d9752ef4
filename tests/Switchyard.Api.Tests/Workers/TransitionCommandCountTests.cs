using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Api.Tests.Infrastructure;
using Switchyard.Api.Tests.Offers;
using Switchyard.Data.Diagnostics;
using Switchyard.Server.Clock;

namespace Switchyard.Api.Tests.Workers;

/// <summary>The real server with a command counter on every DbContext it creates.</summary>
public sealed class CountingApp : SwitchyardApp
{
    public CommandCounter Counter { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<IInterceptor>(Counter));
    }
}

/// <summary>
/// TIM-2, ORD-3: the transition run costs a bounded number of database commands per order, whatever
/// the number of due orders: no query or save per order (N+1). Counts commands, never time.
/// </summary>
public class TransitionCommandCountTests(CountingApp app) : IClassFixture<CountingApp>
{
    [Fact]
    [Trait("rule", "TIM-2")]
    [Trait("rule", "ORD-3")]
    public async Task ActivatingOrders_CommandsPerOrderDoNotGrowWithN_TIM2_ORD3()
    {
        var s = await OfferScenario.CreateAsync(app);
        // The run also delivers each invoice's email through the outbox, which renders it from the invoice at
        // delivery: one read per email, like the send itself and the recorded outcome. Those are counted apart
        // (and bounded below); everything else must not grow per order.
        app.Counter.CountApart = context => context is Switchyard.Data.SwitchyardDb { Scope.Actor: Switchyard.Server.Billing.InvoiceEmailHandler.RenderActor };
        var small = await CommandsToActivateAsync(s, 50, new DateOnly(2027, 2, 1));
        var large = await CommandsToActivateAsync(s, 200, new DateOnly(2027, 3, 1));

        var perOrderSmall = (double)small.Commands / 50;
        var perOrderLarge = (double)large.Commands / 200;
        var detail = $"50 orders: {small.Commands} commands ({small.Reads} reads, {small.Writes} writes, {perOrderSmall:F2}/order); "
            + $"200 orders: {large.Commands} commands ({large.Reads} reads, {large.Writes} writes, {perOrderLarge:F2}/order)";
        // A run has a fixed part (claims and loads per batch, one query per transition kind that finds
        // nothing more) shared by all orders, and the writes of each order (PostgreSQL batches them into
        // few commands; SQLite sends one command per row by design). 4× the orders must not cost more per order.
        Assert.True(perOrderLarge <= perOrderSmall * 1.05, detail);
        Assert.True((double)large.Writes / 200 <= (double)small.Writes / 50 * 1.05, detail);
        // No query per order (N+1): 150 more orders need at most one more read per 5 orders. The run also
        // invoices the orders and delivers their emails through the outbox, whose batches add a few reads.
        Assert.True(large.Reads - small.Reads <= 150 / 5, detail);
        // Rendering an invoice email at delivery reads that invoice (and its lines) once, whatever the batch.
        Assert.True(large.Deliveries <= 2 * 200 && small.Deliveries <= 2 * 50, $"{detail}; invoice email reads: {small.Deliveries}, {large.Deliveries}");
    }

    private async Task<(long Commands, long Reads, long Writes, long Deliveries)> CommandsToActivateAsync(OfferScenario s, int count, DateOnly start)
    {
        await DueOrders.SeedAsync(s, count, start, itemsPerOrder: 3);
        var clock = app.Services.GetRequiredService<ManualTimeProvider>();
        var now = new DateTimeOffset(start.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        Assert.True(clock.TryAdvanceTo(now));
        var runner = app.Services.GetRequiredService<TransitionRunner>();

        app.Counter.Reset();
        var applied = await runner.RunDueAsync(now, CancellationToken.None);
        var commands = (app.Counter.Commands, app.Counter.Reads, app.Counter.Writes, app.Counter.LeftOut);

        Assert.Equal(count, applied["orders.activation"]);
        return commands;
    }
}
