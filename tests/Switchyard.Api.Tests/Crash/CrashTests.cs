using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Switchyard.Api.Tests.Infrastructure;
using Switchyard.Api.Tests.Offers;
using Switchyard.Api.Tests.Workers;
using Switchyard.Data.Outbox;
using Switchyard.Domain.Orders;
using Xunit.Abstractions;

namespace Switchyard.Api.Tests.Crash;

/// <summary>
/// OPS-1, OPS-5, TIM-2 with a real server process killed with SIGKILL at awkward moments and started
/// again over the same database (SQLite file or PostgreSQL database, by SWITCHYARD_TEST_PROVIDER).
/// Each test prints its figures (messages, kills, durations).
/// </summary>
[Trait("category", "crash")]
public class CrashTests(ITestOutputHelper output)
{
    private const int Offers = 60;
    private const int Orders = 600;
    private const int ItemsPerOrder = 2;

    [Fact]
    [Trait("rule", "OPS-1")]
    public async Task KilledWhileDeliveringEmails_AfterRestartEveryMessageArrives_OncePerKey_OPS1()
    {
        var watch = Stopwatch.StartNew();
        await using var database = await TestDatabase.CreateAsync();
        string partnerKey;
        var drafts = new List<string>();
        await using (var app = new ExistingDatabaseApp(database))
        {
            await app.InitializeAsync();
            var s = await OfferScenario.CreateAsync(app);
            partnerKey = s.Partner.DefaultRequestHeaders.Authorization!.Parameter!;
            for (var i = 0; i < Offers; i++)
            {
                drafts.Add(await s.DraftAsync(start: "2030-02-01", validUntil: "2030-01-20"));
            }
        }
        var seeded = watch.Elapsed;

        // A slow mail server (250 ms a message, 4 deliveries at once): delivering everything takes seconds.
        await using var smtp = new SmtpRecorder(TimeSpan.FromMilliseconds(250));
        var settings = new Dictionary<string, string?>(smtp.ServerSettings)
        {
            ["SWITCHYARD_OUTBOX_SECONDS"] = "0.2",
            ["SWITCHYARD_OUTBOX_LEASE_SECONDS"] = "3",
            ["SWITCHYARD_OUTBOX_PARALLELISM"] = "4",
        };
        var server = await ServerProcess.StartAsync(database, settings);
        var kills = 0;
        var starts = 1;
        try
        {
            var partner = server.Client(partnerKey);
            await Parallel.ForEachAsync(drafts, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (id, ct) =>
                await (await partner.PostAsync(new Uri($"/v1/offers/{id}/send", UriKind.Relative), null, ct)).ExpectAsync(HttpStatusCode.OK));
            var sent = watch.Elapsed;

            // Kill it three times while it delivers, at a quarter, half and three quarters of the messages.
            foreach (var share in new[] { 0.25, 0.5, 0.75 })
            {
                await WaitUntilAsync(() => smtp.DistinctKeys >= Offers * share, TimeSpan.FromSeconds(90), () => $"{smtp.DistinctKeys} of {Offers} delivered\n{server.Log()}");
                server.Kill();
                kills++;
                output.WriteLine($"kill {kills}: {smtp.DistinctKeys} distinct keys, {smtp.Accepted.Count} messages accepted");
                await server.DisposeAsync();
                server = await ServerProcess.StartAsync(database, settings);
                starts++;
            }
            await WaitUntilAsync(() => smtp.DistinctKeys >= Offers, TimeSpan.FromSeconds(120), () => $"{smtp.DistinctKeys} of {Offers} delivered\n{server.Log()}");
            var backlog = await (await server.Client().GetAsync(new Uri("/v1/operator/outbox/backlog", UriKind.Relative))).ExpectAsync(HttpStatusCode.OK);
            await WaitUntilAsync(async () => (await database.ScalarAsync("SELECT COUNT(*) FROM outbox_messages WHERE \"Status\" <> 'Delivered'")) == 0,
                TimeSpan.FromSeconds(30), () => backlog.ToJsonString());
            await server.DisposeAsync();

            // The receiver saw every message, at least once, and one per key; the outbox holds one delivered message per send.
            await using var check = new ExistingDatabaseApp(database);
            await check.InitializeAsync();
            await using var scope = check.DbScope(out var db);
            var messages = await db.OutboxMessages.AsNoTracking().ToListAsync();
            Assert.Equal(Offers, messages.Count);
            Assert.All(messages, m => Assert.Equal(OutboxStatus.Delivered, m.Status));
            var expectedKeys = messages.Select(m => m.MessageType + ":" + m.DeduplicationKey).ToHashSet();
            Assert.Equal(expectedKeys, smtp.Accepted.ToHashSet());
            Assert.Equal(drafts.ToHashSet(), messages.Select(m => m.DeduplicationKey.Split('/')[0]).ToHashSet());
            var duplicates = smtp.Accepted.Count - Offers;
            // Outcomes are saved as each delivery ends: a kill repeats at most the deliveries in flight.
            Assert.True(duplicates <= kills * 4, $"{duplicates} messages were delivered again after {kills} kills; at most {kills * 4} were in flight.");
            output.WriteLine($"{TestDatabase.ConfiguredProvider}: {Offers} offers sent, {smtp.Accepted.Count} messages accepted by the mail server "
                + $"({duplicates} repeated after a kill, deduplicated by key), {kills} kills, {starts} starts, attempts {messages.Sum(m => m.Attempts)}; "
                + $"seeding {seeded.TotalSeconds:F1} s, sending {(sent - seeded).TotalSeconds:F1} s, total {watch.Elapsed.TotalSeconds:F1} s");
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    [Fact]
    [Trait("rule", "TIM-2")]
    public async Task KilledDuringATransitionRun_AfterRestartEachOrderMovesExactlyOnce_TIM2()
    {
        var watch = Stopwatch.StartNew();
        await using var database = await TestDatabase.CreateAsync();
        var start = new DateOnly(2027, 2, 1);
        var ids = await SeedOrdersAsync(database, Orders, start);
        var seeded = watch.Elapsed;
        // Small batches: the set-based run moves 600 orders in well under a second in batches of 500, too fast to
        // kill between two commits; in batches of 20 it commits 60 times, and a kill lands inside one of them.
        var settings = new Dictionary<string, string?> { ["SWITCHYARD_DUE_BATCH_SIZE"] = "20" };
        var server = await ServerProcess.StartAsync(database, settings);
        try
        {
            // Kill 1 a moment into the run (inside an early batch's transaction), kill 2 once a batch committed.
            var killed = new List<string>();
            server = await KillDuringAsync(server, database, Post(server, null, ClockBody(start)), elapsed => Task.FromResult(elapsed >= TimeSpan.FromSeconds(0.3)), killed, settings);
            var before = await ProgressAsync(database);
            server = await KillDuringAsync(server, database, Post(server, null, ClockBody(start)), async _ => await ProgressAsync(database) > before, killed, settings);
            var answer = await (await Post(server, null, ClockBody(start))).ExpectAsync(HttpStatusCode.OK);
            await server.DisposeAsync();

            await AssertActivatedExactlyOnceAsync(database, ids);
            output.WriteLine($"{TestDatabase.ConfiguredProvider}: {Orders} orders ({Orders * ItemsPerOrder} grants) activated exactly once; kills at {string.Join("; ", killed)}; "
                + $"last run applied {answer["applied"]?.ToJsonString()}; seeding {seeded.TotalSeconds:F1} s, total {watch.Elapsed.TotalSeconds:F1} s");
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    [Fact]
    [Trait("rule", "OPS-5")]
    [Trait("rule", "OPS-2")]
    public async Task KilledDuringARequestHoldingAnIdempotencyKey_ARetryWithTheKeyProceedsAfterTheLease_OPS5()
    {
        var watch = Stopwatch.StartNew();
        await using var database = await TestDatabase.CreateAsync();
        var start = new DateOnly(2027, 2, 1);
        const int orders = 300;
        var ids = await SeedOrdersAsync(database, orders, start);
        var lease = TimeSpan.FromSeconds(15);
        var settings = new Dictionary<string, string?> { ["SWITCHYARD_IDEMPOTENCY_LEASE_SECONDS"] = lease.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        var server = await ServerProcess.StartAsync(database, settings);
        const string key = "clock-run-1";
        try
        {
            var killed = new List<string>();
            var logs = new List<string>();
            server = await KillDuringAsync(server, database, Post(server, key, ClockBody(start)), elapsed => Task.FromResult(elapsed >= TimeSpan.FromSeconds(0.5)), killed, settings, logs);
            var sinceKill = Stopwatch.StartNew();
            Assert.Single(killed);

            // The killed request's claim holds until its lease has passed (it was renewed every lease/3 while it ran)…
            var inProgress = 0;
            HttpResponseMessage retried;
            while (true)
            {
                var asked = sinceKill.Elapsed;
                retried = await Post(server, key, ClockBody(start));
                if (retried.StatusCode != HttpStatusCode.Conflict)
                {
                    break;
                }
                Assert.Equal("requestInProgress", (await retried.ReadJsonAsync()).Code());
                Assert.True(asked < lease + TimeSpan.FromSeconds(2), $"Still in progress {asked} after the kill (lease {lease}).");
                inProgress++;
                await Task.Delay(500);
            }
            // …then the same key proceeds and runs the transitions.
            var proceededAfter = sinceKill.Elapsed;
            var answer = await retried.ExpectAsync(HttpStatusCode.OK);
            Assert.True(inProgress > 0 || proceededAfter > lease / 3, "The first retry met no claim although the lease had not passed.");
            var replay = await Post(server, key, ClockBody(start));
            Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
            Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());
            logs.Add(server.Log());
            await server.DisposeAsync();

            // OPS-2: the conflicts and the replay were not logged as database errors.
            Assert.DoesNotContain(logs, l => l.Contains("idempotency_records", StringComparison.Ordinal));
            await AssertActivatedExactlyOnceAsync(database, ids);
            output.WriteLine($"{TestDatabase.ConfiguredProvider}: killed {killed[0]}; {inProgress} retries answered requestInProgress, "
                + $"the key proceeded {proceededAfter.TotalSeconds:F1} s after the kill (lease {lease.TotalSeconds:F0} s); {orders} orders activated once "
                + $"(applied {answer["applied"]?.ToJsonString()}); total {watch.Elapsed.TotalSeconds:F1} s");
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    private static async Task<IReadOnlyList<OrderId>> SeedOrdersAsync(TestDatabase database, int count, DateOnly start)
    {
        await using var app = new ExistingDatabaseApp(database);
        await app.InitializeAsync();
        var s = await OfferScenario.CreateAsync(app);
        return await DueOrders.SeedAsync(s, count, start, ItemsPerOrder);
    }

    private static object ClockBody(DateOnly date) => new { now = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) };

    private static Task<long> ProgressAsync(TestDatabase database) => database.ScalarAsync("SELECT COUNT(*) FROM orders WHERE \"Status\" <> 'New'");

    /// <summary>
    /// Waits while <paramref name="request"/> runs until <paramref name="killNow"/> (given the time since it
    /// started) says so, kills the server and starts it again. Fails if the request finished first.
    /// </summary>
    private async Task<ServerProcess> KillDuringAsync(
        ServerProcess server, TestDatabase database, Task<HttpResponseMessage> request, Func<TimeSpan, Task<bool>> killNow,
        List<string> killed, IDictionary<string, string?>? settings, List<string>? logs = null)
    {
        var watch = Stopwatch.StartNew();
        while (!await killNow(watch.Elapsed))
        {
            if (request.IsCompleted)
            {
                var body = await (await request).Content.ReadAsStringAsync();
                Assert.Fail($"The request finished ({body}) before the planned kill; make the run longer.");
            }
            await Task.Delay(20);
        }
        Assert.False(request.IsCompleted, "The request finished before the kill.");
        server.Kill();
        killed.Add($"{watch.Elapsed.TotalSeconds:F1} s into the request, {await ProgressAsync(database)} orders moved");
        logs?.Add(server.Log());
        await server.DisposeAsync();
        await Assert.ThrowsAnyAsync<Exception>(() => request);
        var restart = Stopwatch.StartNew();
        var next = await ServerProcess.StartAsync(database, settings);
        output.WriteLine($"kill {killed.Count}: {killed[^1]}; restarted in {restart.Elapsed.TotalSeconds:F1} s");
        return next;
    }

    private static async Task AssertActivatedExactlyOnceAsync(TestDatabase database, IReadOnlyList<OrderId> ids)
    {
        await using var check = new ExistingDatabaseApp(database);
        await check.InitializeAsync();
        await using var scope = check.DbScope(out var db);
        var orders = await db.Orders.AsNoTracking().AsSplitQuery().Where(o => ids.Contains(o.Id)).ToListAsync();
        Assert.Equal(ids.Count, orders.Count);
        Assert.All(orders, o => Assert.Equal(OrderStatus.Activated, o.Status));
        // One grant per item and license, one transaction per status change: nothing applied twice.
        var grants = await db.LicenseGrants.AsNoTracking().Where(g => ids.Contains(g.OrderId)).ToListAsync();
        Assert.Equal(ids.Count * ItemsPerOrder, grants.Count);
        Assert.All(grants.GroupBy(g => (g.OrderItemId, g.LicenseExternalId)), g => Assert.Single(g));
        Assert.All(orders, o =>
        {
            Assert.Single(o.Transactions, t => t.Kind == TransactionKind.StatusChanged && t.Description.Contains("→ processing", StringComparison.Ordinal));
            Assert.Single(o.Transactions, t => t.Kind == TransactionKind.StatusChanged && t.Description.Contains("→ activated", StringComparison.Ordinal));
            Assert.Equal(ItemsPerOrder, o.Transactions.Count(t => t.Kind == TransactionKind.Provisioned));
        });
    }

    private static Task<HttpResponseMessage> Post(ServerProcess server, string? key, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/v1/operator/clock", UriKind.Relative)) { Content = JsonContent.Create(body, options: Infrastructure.Api.Json) };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }
        return server.Client().SendAsync(request);
    }

    private static Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, Func<string> describe) =>
        WaitUntilAsync(() => Task.FromResult(condition()), timeout, describe);

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> describe)
    {
        var watch = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(watch.Elapsed < timeout, $"Timed out after {timeout}: {describe()}");
            await Task.Delay(50);
        }
    }
}
