using System.Net;
using Microsoft.EntityFrameworkCore;
using Switchyard.Api.Tests.Infrastructure;
using Switchyard.Data.Outbox;
using Switchyard.Domain.ChannelMigration;
using Switchyard.Domain.Legacy;
using static Switchyard.Api.Tests.Legacy.LegacyScenario;

namespace Switchyard.Api.Tests.Legacy;

/// <summary>A migration's legacy cancellation, and a channel that keeps refusing it.</summary>
public static class MigrationOutbox
{
    public static async Task<(LegacyScenario S, string MigrationId)> CancelAndMoveAsync(SwitchyardApp app)
    {
        var s = await CreateAsync(app);
        var customerId = await s.Partner.CreateCustomerAsync();
        await (await s.ImportAsync(Csv(Row("SO-1", end: "2027-06-30")))).ExpectAsync(HttpStatusCode.OK);
        var started = await (await s.Partner.PostJsonAsync("/v1/migrations", new { customerId, catalogEntryId = s.AppId, path = "cancelAndMove" }))
            .ExpectAsync(HttpStatusCode.Created);
        return (s, started["id"]!.GetValue<string>());
    }

    public static async Task MoveClockAsync(SwitchyardApp app, TimeSpan by)
    {
        var now = (await (await app.Operator().GetAsync("/v1/operator/clock")).ExpectAsync(HttpStatusCode.OK))["now"]!.GetValue<DateTimeOffset>();
        await (await app.Operator().PostJsonAsync("/v1/operator/clock", new { now = now + by })).ExpectAsync(HttpStatusCode.OK);
    }

    public static async Task<(Migration Migration, List<OutboxMessage> Messages)> StateAsync(SwitchyardApp app, string migrationId)
    {
        await using var scope = app.DbScope(out var db);
        var migration = await db.Migrations.AsNoTracking().SingleAsync(m => m.Id == migrationId);
        var cancellations = await db.LegacyServiceOrders.AsNoTracking().Where(o => o.MigrationId == migrationId).Select(o => o.Id).ToListAsync();
        var messages = await db.OutboxMessages.AsNoTracking().Where(m => cancellations.Contains(m.DeduplicationKey)).ToListAsync();
        return (migration, messages);
    }
}

public class MigrationOutboxTests(SwitchyardApp app) : IClassFixture<SwitchyardApp>
{
    [Fact]
    [Trait("rule", "OPS-1")]
    [Trait("rule", "MIG-9")]
    [Trait("rule", "TIM-2")]
    public async Task CancellationStep_IsAnOutboxMessageOfItsSave_DeliveredOnce_ThenActivated()
    {
        var (_, id) = await MigrationOutbox.CancelAndMoveAsync(app);
        var (before, none) = await MigrationOutbox.StateAsync(app, id);
        Assert.Equal(MigrationState.Planned, before.State);
        Assert.Empty(none);

        await MigrationOutbox.MoveClockAsync(app, TimeSpan.FromHours(1));
        var (submitted, messages) = await MigrationOutbox.StateAsync(app, id);
        Assert.Equal(MigrationState.CancellationSubmitted, submitted.State);
        var message = Assert.Single(messages);
        Assert.Equal(("legacy.cancellation", submitted.CancellationOrderId), (message.MessageType, message.DeduplicationKey));
        Assert.Equal(OutboxStatus.Delivered, message.Status);
        var file = Assert.Single(Directory.GetFiles(app.LegacyPickup, "*.json"));
        Assert.Contains(submitted.CancellationOrderId!, File.ReadAllText(file), StringComparison.Ordinal);

        // Delivered again (a crash before the delivery was recorded): still one request at the channel.
        await using (var scope = app.DbScope(out var db))
        {
            await db.OutboxMessages.Where(m => m.Id == message.Id)
                .ExecuteUpdateAsync(u => u.SetProperty(m => m.Status, OutboxStatus.Pending).SetProperty(m => m.DeliveredAt, (DateTimeOffset?)null));
        }
        await app.DeliverOutboxAsync();
        Assert.Single(Directory.GetFiles(app.LegacyPickup, "*.json"));

        await MigrationOutbox.MoveClockAsync(app, TimeSpan.FromDays(1));
        Assert.Equal(MigrationState.CancellationActivated, (await MigrationOutbox.StateAsync(app, id)).Migration.State);
    }
}

/// <summary>The legacy channel's pickup folder cannot be written (a file stands in its place).</summary>
public sealed class UnreachableLegacyChannelApp : SwitchyardApp
{
    private static readonly string Blocked = CreateBlocker();

    private static string CreateBlocker()
    {
        var path = Path.Combine(Path.GetTempPath(), "switchyard-test-legacy-blocked-" + Guid.NewGuid().ToString("N"));
        File.WriteAllText(path, "not a folder");
        return path;
    }

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["SWITCHYARD_LEGACY_PICKUP"] = Path.Combine(Blocked, "sub"),
        ["SWITCHYARD_OUTBOX_MAX_ATTEMPTS"] = "3",
        ["SWITCHYARD_OUTBOX_RETRY_SECONDS"] = "3600",
    };
}

public class UnreachableLegacyChannelTests(UnreachableLegacyChannelApp app) : IClassFixture<UnreachableLegacyChannelApp>
{
    [Fact]
    [Trait("rule", "OPS-1")]
    [Trait("rule", "MIG-9")]
    public async Task UndeliveredCancellation_IsNeverActivated_AndFailsTheMigrationWhenGivenUp()
    {
        var (s, id) = await MigrationOutbox.CancelAndMoveAsync(app);
        await MigrationOutbox.MoveClockAsync(app, TimeSpan.FromHours(1));
        var (_, messages) = await MigrationOutbox.StateAsync(app, id);
        Assert.Equal(OutboxStatus.Pending, Assert.Single(messages).Status);

        // A day later the legacy channel would have activated it, had it received it.
        await MigrationOutbox.MoveClockAsync(app, TimeSpan.FromDays(2));
        var (waiting, pending) = await MigrationOutbox.StateAsync(app, id);
        Assert.Equal(MigrationState.CancellationSubmitted, waiting.State);
        Assert.NotEqual(OutboxStatus.Delivered, Assert.Single(pending).Status);

        // The retries come due (an hour apart in real time): the last one gives up.
        await using (var scope = app.DbScope(out var db))
        {
            await db.OutboxMessages.Where(m => m.Id == pending[0].Id)
                .ExecuteUpdateAsync(u => u.SetProperty(m => m.NextAttemptAt, DateTimeOffset.UtcNow.AddDays(-1)).SetProperty(m => m.Attempts, 2));
        }
        await app.DeliverOutboxAsync();
        var (failed, gaveUp) = await MigrationOutbox.StateAsync(app, id);
        Assert.Equal(OutboxStatus.Failed, Assert.Single(gaveUp).Status);
        Assert.Equal((MigrationState.Failed, "legacyCancellationFailed"), (failed.State, failed.FailureCode));
        await using var check = app.DbScope(out var read);
        var cancellation = await read.LegacyServiceOrders.AsNoTracking().SingleAsync(o => o.Id == failed.CancellationOrderId);
        Assert.Equal(LegacyOrderStatus.Error, cancellation.Status);
        Assert.Contains(await read.AuditEntries.Where(a => a.ObjectId == id).Select(a => a.Action).ToListAsync(), a => a == "migration.failed");
        _ = s;
    }
}
