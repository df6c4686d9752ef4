using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Api.Tests.Infrastructure;
using Switchyard.Api.Tests.Offers;
using Switchyard.Data.Outbox;
using Switchyard.Server.Clock;
using Switchyard.Server.Outbox;

namespace Switchyard.Api.Tests.Outbox;

/// <summary>OPS-1: side effects are written with the change and delivered afterwards, once per deduplication key.</summary>
public class OutboxTests(SwitchyardApp app) : IClassFixture<SwitchyardApp>
{
    private async Task<OutboxMessage> MessageForAsync(string offerId)
    {
        await using var scope = app.DbScope(out var db);
        return await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.DeduplicationKey.StartsWith(offerId + "/"));
    }

    private string[] MailFor(string offerId) =>
        Directory.Exists(app.MailPickup)
            ? Directory.GetFiles(app.MailPickup, "*.eml").Where(f => File.ReadAllText(f).Contains(offerId, StringComparison.Ordinal)).ToArray()
            : [];

    [Fact]
    [Trait("rule", "OPS-1")]
    [Trait("rule", "OFF-14")]
    public async Task SendOffer_WritesTheEmailInItsSave_AndOnlyTheRunnerSendsIt_OPS1()
    {
        var s = await OfferScenario.CreateAsync(app);
        var id = await s.SentAsync(start: "2030-02-01", validUntil: "2030-01-20");

        var message = await MessageForAsync(id);
        Assert.Equal(OfferEmailHandlerType, message.MessageType);
        Assert.Equal(OutboxStatus.Pending, message.Status);
        Assert.Equal(0, message.Attempts);
        Assert.Empty(MailFor(id));

        Assert.True(await app.DeliverOutboxAsync() >= 1);

        var delivered = await MessageForAsync(id);
        Assert.Equal(OutboxStatus.Delivered, delivered.Status);
        Assert.Equal(1, delivered.Attempts);
        var mail = File.ReadAllText(Assert.Single(MailFor(id)));
        Assert.Contains("X-Switchyard-Deduplication-Key: offer.email:" + message.DeduplicationKey, mail, StringComparison.Ordinal);
        Assert.Contains("Message-Id: <", mail, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    [Trait("rule", "OPS-1")]
    public async Task DeliveredAgainAfterACrash_ReceiverKeepsOneMessagePerKey_OPS1()
    {
        var s = await OfferScenario.CreateAsync(app);
        var id = await s.SentAsync(start: "2030-02-01", validUntil: "2030-01-20");
        await app.DeliverOutboxAsync();
        var firstMail = File.ReadAllText(Assert.Single(MailFor(id)));

        // The process died after sending and before recording the delivery: the message is still pending.
        await using (var scope = app.DbScope(out var db))
        {
            await db.OutboxMessages.Where(m => m.DeduplicationKey.StartsWith(id + "/"))
                .ExecuteUpdateAsync(u => u.SetProperty(m => m.Status, OutboxStatus.Pending).SetProperty(m => m.DeliveredAt, (DateTimeOffset?)null));
        }
        await app.DeliverOutboxAsync();

        Assert.Equal(2, (await MessageForAsync(id)).Attempts);
        var again = File.ReadAllText(Assert.Single(MailFor(id)));
        Assert.Equal(MessageId(firstMail), MessageId(again));
    }

    [Fact]
    [Trait("rule", "OPS-1")]
    public async Task ClaimLeftByAWorkerThatDied_IsDeliveredOnceItsLeaseEnds_OPS1()
    {
        var s = await OfferScenario.CreateAsync(app);
        var id = await s.SentAsync(start: "2030-02-01", validUntil: "2030-01-20");
        var wall = app.Services.GetRequiredService<WallClock>();
        await using (var scope = app.DbScope(out var db))
        {
            await db.OutboxMessages.Where(m => m.DeduplicationKey.StartsWith(id + "/"))
                .ExecuteUpdateAsync(u => u.SetProperty(m => m.ClaimedUntil, wall.Now.AddSeconds(1.5)).SetProperty(m => m.Attempts, 1));
        }

        await app.DeliverOutboxAsync();
        Assert.Equal(OutboxStatus.Pending, (await MessageForAsync(id)).Status);
        Assert.Empty(MailFor(id));

        await Task.Delay(TimeSpan.FromSeconds(1.6));
        await app.DeliverOutboxAsync();
        var delivered = await MessageForAsync(id);
        Assert.Equal(OutboxStatus.Delivered, delivered.Status);
        Assert.Equal(2, delivered.Attempts);
        Assert.Single(MailFor(id));
    }

    [Fact]
    [Trait("rule", "OPS-1")]
    public async Task Backlog_CountsWhatWaits_AndTheListIsTheOperatorsOnly_OPS1()
    {
        var s = await OfferScenario.CreateAsync(app);
        var id = await s.SentAsync(start: "2030-02-01", validUntil: "2030-01-20");
        var op = app.Operator();

        var backlog = await (await op.GetAsync("/v1/operator/outbox/backlog")).ExpectAsync(HttpStatusCode.OK);
        Assert.True(backlog["due"]!.GetValue<int>() >= 1);
        Assert.True(backlog["pending"]!.GetValue<int>() >= backlog["due"]!.GetValue<int>());
        var pending = await (await op.GetAsync("/v1/operator/outbox?status=pending")).ExpectAsync(HttpStatusCode.OK);
        var listed = Assert.Single(pending["data"]!.AsArray(), m => m!["deduplicationKey"]!.GetValue<string>().StartsWith(id, StringComparison.Ordinal))!;
        Assert.Equal("Offer email", listed["label"]!.GetValue<string>());
        Assert.Equal("pending", listed["status"]!.GetValue<string>());
        await (await s.Partner.GetAsync("/v1/operator/outbox")).ExpectAsync(HttpStatusCode.Forbidden);
        await (await op.GetAsync("/v1/operator/outbox?status=lost")).ExpectAsync(HttpStatusCode.UnprocessableEntity);

        await app.DeliverOutboxAsync();
        await using var scope = app.DbScope(out var db);
        var counted = await OutboxBacklog.CountAsync(db, app.Services.GetRequiredService<TimeProvider>().GetUtcNow(), CancellationToken.None);
        Assert.Equal(0, counted.Due);
        Assert.Null(counted.OldestDueSince);
    }

    private const string OfferEmailHandlerType = Switchyard.Server.Offers.OfferEmailHandler.Type;

    private static string MessageId(string mail) =>
        mail.Split("\r\n").Concat(mail.Split('\n')).First(l => l.StartsWith("Message-Id:", StringComparison.OrdinalIgnoreCase)).Trim();
}

/// <summary>A server whose mail pickup folder cannot be created (a file is in the way) until the test removes the file.</summary>
public sealed class FailingMailApp : SwitchyardApp
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "switchyard-test-mail", Guid.NewGuid().ToString("N"));

    public FailingMailApp()
    {
        Directory.CreateDirectory(_root);
        File.WriteAllText(Blocker, "a file where the pickup folder's parent should be");
    }

    public string Blocker => Path.Combine(_root, "blocker");

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["SWITCHYARD_MAIL_PICKUP"] = Path.Combine(Blocker, "mail"),
        ["SWITCHYARD_OUTBOX_MAX_ATTEMPTS"] = "3",
        ["SWITCHYARD_OUTBOX_RETRY_SECONDS"] = "60",
    };
}

/// <summary>OPS-1: a delivery that keeps failing is retried with backoff, then lands in the operator's error queue.</summary>
public class OutboxFailureTests(FailingMailApp app) : IClassFixture<FailingMailApp>
{
    [Fact]
    [Trait("rule", "OPS-1")]
    [Trait("rule", "OFF-10")]
    public async Task FailingDelivery_RetriesWithBackoff_ThenIsInTheErrorQueue_AndARetryDelivers_OPS1()
    {
        var s = await OfferScenario.CreateAsync(app);
        var id = await s.SentAsync(start: "2030-02-01", validUntil: "2030-01-20");
        var clock = app.Services.GetRequiredService<ManualTimeProvider>();
        var op = app.Operator();
        async Task<OutboxMessage> MessageAsync()
        {
            await using var scope = app.DbScope(out var db);
            return await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.DeduplicationKey.StartsWith(id + "/"));
        }

        await app.DeliverOutboxAsync();
        var first = await MessageAsync();
        Assert.Equal((OutboxStatus.Pending, 1), (first.Status, first.Attempts));
        Assert.Equal(clock.GetUtcNow().AddSeconds(60), first.NextAttemptAt);
        Assert.Contains("pickup folder", first.LastError, StringComparison.Ordinal);

        // Not due again before its backoff.
        Assert.Equal(0, await app.DeliverOutboxAsync());
        Assert.True(clock.TryAdvanceTo(first.NextAttemptAt));
        await app.DeliverOutboxAsync();
        var second = await MessageAsync();
        Assert.Equal((OutboxStatus.Pending, 2), (second.Status, second.Attempts));
        Assert.Equal(clock.GetUtcNow().AddSeconds(120), second.NextAttemptAt);

        Assert.True(clock.TryAdvanceTo(second.NextAttemptAt));
        await app.DeliverOutboxAsync();
        var failed = await MessageAsync();
        Assert.Equal((OutboxStatus.Failed, 3), (failed.Status, failed.Attempts));

        // Shown to the operator, and the offer says why (OFF-10).
        var queue = await (await op.GetAsync("/v1/operator/outbox?status=failed")).ExpectAsync(HttpStatusCode.OK);
        var listed = Assert.Single(queue["data"]!.AsArray())!;
        Assert.Equal(3, listed["attempts"]!.GetValue<int>());
        var offer = await (await s.Partner.GetAsync($"/v1/offers/{id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("error", offer["status"]!.GetValue<string>());
        Assert.Equal("deliveryFailed", offer["errorCode"]!.GetValue<string>());
        Assert.Equal(1, (await (await op.GetAsync("/v1/operator/outbox/backlog")).ExpectAsync(HttpStatusCode.OK))["failed"]!.GetValue<int>());

        // The cause is fixed; the operator retries the message and it goes out.
        File.Delete(app.Blocker);
        var retried = await (await op.PostAsync($"/v1/operator/outbox/{failed.Id}/retry", null)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("pending", retried["status"]!.GetValue<string>());
        await (await op.PostAsync($"/v1/operator/outbox/{failed.Id}/retry", null)).ExpectAsync(HttpStatusCode.Conflict);
        await app.DeliverOutboxAsync();
        Assert.Equal(OutboxStatus.Delivered, (await MessageAsync()).Status);
        Assert.Single(Directory.GetFiles(app.MailPickup, "*.eml"));
        await (await op.PostAsync("/v1/operator/outbox/obx_missing/retry", null)).ExpectAsync(HttpStatusCode.NotFound);
    }
}
