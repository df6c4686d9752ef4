using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Switchyard.Api.Tests.Billing;
using Switchyard.Api.Tests.Infrastructure;
using Switchyard.Api.Tests.Offers;
using Switchyard.Data.Outbox;
using Switchyard.Domain.Auditing;
using Switchyard.Domain.Billing;
using Switchyard.Server.Billing;
using Xunit.Abstractions;

namespace Switchyard.Api.Tests.Crash;

/// <summary>
/// BIL-4, OPS-1 with a real server process killed with SIGKILL in the middle of a payout run (payouts
/// being created, partner by partner, while the outbox already sends the first ones) and started again
/// over the same database (SQLite file or PostgreSQL database, by SWITCHYARD_TEST_PROVIDER).
/// </summary>
[Trait("category", "crash")]
public class PayoutCrashTests(ITestOutputHelper output)
{
    private const int Partners = 40;
    private const int OrdersEach = 3;

    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["SWITCHYARD_OUTBOX_SECONDS"] = "0.2",
        ["SWITCHYARD_OUTBOX_LEASE_SECONDS"] = "3",
    };

    [Fact]
    [Trait("rule", "BIL-4")]
    [Trait("rule", "OPS-1")]
    public async Task KilledDuringAPayoutRun_AfterRestartNoPaymentIsPaidOutTwice_AndEveryPayoutIsSentOnce_BIL4()
    {
        var watch = Stopwatch.StartNew();
        await using var database = await TestDatabase.CreateAsync();
        var start = new DateOnly(2027, 2, 1);
        IReadOnlyList<string> paymentIds;
        await using (var app = new ExistingDatabaseApp(database))
        {
            await app.InitializeAsync();
            var scenarios = new List<OfferScenario>();
            for (var i = 0; i < Partners; i++)
            {
                scenarios.Add(await OfferScenario.CreateAsync(app, $"Seller {i}"));
            }
            paymentIds = await PaidInvoices.SeedAsync(scenarios, OrdersEach, start);
        }
        var seeded = watch.Elapsed;
        // The payments were received on the start date; a day later (the hold) they are paid out, one payout per partner.
        var payoutDay = new { now = new DateTimeOffset(start.AddDays(1).ToDateTime(new TimeOnly(1, 0)), TimeSpan.Zero) };

        var server = await ServerProcess.StartAsync(database, Settings);
        try
        {
            var run = RunClockAsync(server, payoutDay);
            var sinceRun = Stopwatch.StartNew();
            while (await PayoutsAsync(database) == 0)
            {
                Assert.False(run.IsCompleted, "The run finished before the first payout could be seen.");
                await Task.Delay(10);
            }
            Assert.False(run.IsCompleted, "The payout run finished before the kill; seed more partners.");
            server.Kill();
            var atKill = (Payouts: await PayoutsAsync(database), Sent: await SentAsync(database));
            output.WriteLine($"killed {sinceRun.Elapsed.TotalSeconds:F1} s into the run: {atKill.Payouts} of {Partners} payouts created, {atKill.Sent} sent");
            await server.DisposeAsync();
            await Assert.ThrowsAnyAsync<Exception>(() => run);

            server = await ServerProcess.StartAsync(database, Settings);
            var again = await (await RunClockAsync(server, payoutDay)).ExpectAsync(HttpStatusCode.OK);
            // A payout is marked sent before its outbox message is marked delivered: wait for both before stopping.
            await WaitUntilAsync(async () => await SentAsync(database) == Partners && await UndeliveredPayoutMessagesAsync(database) == 0,
                TimeSpan.FromSeconds(120), server.Log);
            await server.DisposeAsync();

            // No payment in two payouts, each payout's figures its payments', one transfer message each.
            await using var check = new ExistingDatabaseApp(database);
            await check.InitializeAsync();
            await PaidInvoices.AssertPaidOutOnceAsync(check, paymentIds);
            await using var scope = check.DbScope(out var db);
            var payouts = await db.Payouts.AsNoTracking().ToListAsync();
            Assert.Equal(Partners, payouts.Count);
            Assert.Equal(Partners, payouts.Select(p => p.PartnerId).Distinct().Count());
            // Sent once each: the provider's reference is the one its key payout:{id} gave, marked sent once (AUD-1 trail).
            Assert.All(payouts, p => Assert.Equal((PayoutStatus.Sent, "ledger:" + p.Id), (p.Status, p.ProviderReference)));
            var sentEntries = await db.AuditEntries.AsNoTracking().Where(a => a.Action == AuditActions.PayoutSent).Select(a => a.ObjectId).ToListAsync();
            Assert.Equal(payouts.Select(p => p.Id.Value).Order(StringComparer.Ordinal), sentEntries.Order(StringComparer.Ordinal));
            var messages = await db.OutboxMessages.AsNoTracking().Where(m => m.MessageType == PayoutHandler.Type).ToListAsync();
            Assert.All(messages, m => Assert.Equal(OutboxStatus.Delivered, m.Status));
            output.WriteLine($"{TestDatabase.ConfiguredProvider}: {paymentIds.Count} payments of {Partners} partners paid out once in {payouts.Count} payouts, "
                + $"each sent once ({messages.Sum(m => m.Attempts)} delivery attempts); the run after the restart applied {again["applied"]?.ToJsonString()}; "
                + $"seeding {seeded.TotalSeconds:F1} s, total {watch.Elapsed.TotalSeconds:F1} s");
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    private static Task<HttpResponseMessage> RunClockAsync(ServerProcess server, object body) =>
        server.Client().PostAsync(new Uri("/v1/operator/clock", UriKind.Relative), JsonContent.Create(body, options: Infrastructure.Api.Json));

    private static Task<long> PayoutsAsync(TestDatabase database) => database.ScalarAsync("SELECT COUNT(*) FROM payouts");

    private static Task<long> UndeliveredPayoutMessagesAsync(TestDatabase database) =>
        database.ScalarAsync($"SELECT COUNT(*) FROM outbox_messages WHERE \"MessageType\" = '{PayoutHandler.Type}' AND \"Status\" <> 'Delivered'");

    private static Task<long> SentAsync(TestDatabase database) => database.ScalarAsync("SELECT COUNT(*) FROM payouts WHERE \"Status\" = 'Sent'");

    private static async Task WaitUntilAsync(Func<Task<bool>> done, TimeSpan timeout, Func<string> explain)
    {
        var watch = Stopwatch.StartNew();
        while (!await done())
        {
            Assert.True(watch.Elapsed < timeout, "Timed out.\n" + explain());
            await Task.Delay(100);
        }
    }
}
