using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Api.Tests.Infrastructure;
using Switchyard.Api.Tests.Offers;
using Switchyard.Api.Tests.Workers;
using Switchyard.Data;
using Switchyard.Domain.Common;
using Switchyard.Domain.Orders;
using Switchyard.Server.Clock;
using Switchyard.Server.Orders;

namespace Switchyard.Api.Tests.Operations;

/// <summary>
/// OPS-3: many requests writing at once while two due-work runners claim and save orders in small batches. On SQLite
/// every write transaction takes the write lock when it begins (and waits for it): a transaction that read first and
/// wrote later would fail at once with "database is locked" when another writer committed in between.
/// </summary>
public class ConcurrentWritersTests(SwitchyardApp app) : IClassFixture<SwitchyardApp>
{
    private const int Orders = 200;
    private const int Writers = 8;
    private const int WritesEach = 15;

    [Fact]
    [Trait("rule", "OPS-3")]
    public async Task ManyWritersAndTwoRunnersAtOnce_NeverMeetDatabaseIsLocked_OPS3()
    {
        var s = await OfferScenario.CreateAsync(app);
        var start = new DateOnly(2027, 2, 1);
        var ids = await DueOrders.SeedAsync(s, Orders, start, 2);
        var clock = app.Services.GetRequiredService<ManualTimeProvider>();
        var now = new DateTimeOffset(start.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        Assert.True(clock.TryAdvanceTo(now));
        var calendar = app.Services.GetRequiredService<MarketplaceCalendar>();

        async Task<int> RunnerAsync()
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SwitchyardDb>();
            db.Scope.ForSystem("system:test-runner");
            var moved = await new StartOrderProcessing(calendar) { BatchSize = 5 }.ApplyDueAsync(db, now, CancellationToken.None);
            db.ChangeTracker.Clear();
            return moved + await new ActivateOrders { BatchSize = 5 }.ApplyDueAsync(db, now, CancellationToken.None);
        }

        async Task<List<HttpStatusCode>> WriterAsync(int writer)
        {
            var statuses = new List<HttpStatusCode>();
            var op = app.Operator();
            for (var i = 0; i < WritesEach; i++)
            {
                var created = await op.PostJsonAsync("/v1/partners", new { name = $"Writer {writer}-{i}" });
                statuses.Add(created.StatusCode);
                var account = await s.Partner.PatchJsonAsync("/v1/account", new { phone = $"+1 555 01{writer:D2}" });
                statuses.Add(account.StatusCode == HttpStatusCode.Conflict ? HttpStatusCode.OK : account.StatusCode);
            }
            return statuses;
        }

        using var gate = new Barrier(2 + Writers);
        var runners = Enumerable.Range(0, 2).Select(_ => Task.Run(() => { gate.SignalAndWait(); return RunnerAsync(); })).ToList();
        var writers = Enumerable.Range(0, Writers).Select(w => Task.Run(() => { gate.SignalAndWait(); return WriterAsync(w); })).ToList();
        var moved = await Task.WhenAll(runners);
        var statuses = (await Task.WhenAll(writers)).SelectMany(x => x).ToList();

        Assert.Equal(Writers * WritesEach * 2, statuses.Count);
        Assert.All(statuses, status => Assert.True(status is HttpStatusCode.Created or HttpStatusCode.OK, $"{(int)status}"));
        // Whatever a runner missed while the other held a batch, one more pass finishes; nothing is applied twice.
        var late = await RunnerAsync();
        Assert.Equal(Orders * 2, moved.Sum() + late);
        await using var scope = app.DbScope(out var db);
        Assert.Equal(Orders, await db.Orders.CountAsync(o => ids.Contains(o.Id) && o.Status == OrderStatus.Activated));
    }
}
