using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Switchyard.Api.Tests.Infrastructure;
using Switchyard.Data;
using Switchyard.Server.Outbox;

namespace Switchyard.Api.Tests.Http;

/// <summary>A server with a 2-second idempotency lease that keeps every log line it writes.</summary>
public sealed class ShortLeaseApp : SwitchyardApp
{
    public ConcurrentQueue<(LogLevel Level, string Category, string Message)> Logs { get; } = new();

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["SWITCHYARD_IDEMPOTENCY_LEASE_SECONDS"] = "2" };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging => logging.AddProvider(new CaptureProvider(Logs)));
    }

    private sealed class CaptureProvider(ConcurrentQueue<(LogLevel, string, string)> logs) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Capture(categoryName, logs);

        public void Dispose()
        {
        }
    }

    private sealed class Capture(string category, ConcurrentQueue<(LogLevel, string, string)> logs) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            logs.Enqueue((logLevel, category, formatter(state, exception) + exception));
    }
}

/// <summary>OPS-5: a claim left by a request that never finished is released after a short lease; OPS-2: repeats are not errors.</summary>
public class IdempotencyLeaseTests(ShortLeaseApp app) : IClassFixture<ShortLeaseApp>
{
    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string url, object body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body, options: Infrastructure.Api.Json) };
        request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request);
    }

    [Fact]
    [Trait("rule", "OPS-5")]
    public async Task ClaimLeftByACrashedRequest_IsTakenOverAfterItsLease_OPS5()
    {
        var (partnerId, partner) = await app.PartnerAsync("Crash Co");
        var entry = await app.CreateCatalogEntryAsync(partnerId);
        var body = new { name = "After The Crash", catalogEntryId = entry };
        var wall = app.Services.GetRequiredService<WallClock>();
        string owner;
        await using (var scope = app.DbScope(out var db))
        {
            owner = await db.ApiKeys.Where(k => k.PartnerId == partnerId).Select(k => k.Id).SingleAsync();
            // What a request killed mid-way leaves behind: a claim with no answer, renewed a moment ago.
            db.IdempotencyRecords.Add(new IdempotencyRecord
            {
                Owner = owner,
                Key = "crashed-1",
                RequestHash = "unknown",
                CreatedAt = SwitchyardApp.ClockStart,
                ClaimedUntil = wall.Now.AddSeconds(1.5),
            });
            await db.SaveChangesAsync();
        }

        var during = await (await PostAsync(partner, "/v1/products", body, "crashed-1")).ExpectAsync(HttpStatusCode.Conflict);
        Assert.Equal("requestInProgress", during.Code());

        await Task.Delay(TimeSpan.FromSeconds(1.6));
        var retried = await (await PostAsync(partner, "/v1/products", body, "crashed-1")).ExpectAsync(HttpStatusCode.Created);
        var replay = await PostAsync(partner, "/v1/products", body, "crashed-1");
        Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
        Assert.Equal(retried["id"]!.GetValue<string>(), (await replay.ReadJsonAsync())["id"]!.GetValue<string>());
        await using (var scope = app.DbScope(out var db))
        {
            Assert.Equal(1, await db.Products.CountAsync(p => p.PartnerId == partnerId));
            var record = await db.IdempotencyRecords.AsNoTracking().SingleAsync(r => r.Owner == owner && r.Key == "crashed-1");
            Assert.Equal(201, record.StatusCode);
            Assert.Null(record.ClaimedUntil);
        }
    }

    [Fact]
    [Trait("rule", "OPS-5")]
    public async Task ClaimFromBeforeLeases_WithNoLease_IsTakenOverAtOnce_OPS5()
    {
        var (partnerId, partner) = await app.PartnerAsync("Legacy Claim Co");
        var entry = await app.CreateCatalogEntryAsync(partnerId);
        await using (var scope = app.DbScope(out var db))
        {
            var owner = await db.ApiKeys.Where(k => k.PartnerId == partnerId).Select(k => k.Id).SingleAsync();
            db.IdempotencyRecords.Add(new IdempotencyRecord { Owner = owner, Key = "old-claim", RequestHash = "x", CreatedAt = SwitchyardApp.ClockStart });
            await db.SaveChangesAsync();
        }
        await (await PostAsync(partner, "/v1/products", new { name = "Old Claim", catalogEntryId = entry }, "old-claim")).ExpectAsync(HttpStatusCode.Created);
    }

    [Fact]
    [Trait("rule", "OPS-2")]
    public async Task ReplayAndConflict_AreNotLoggedAsErrors_OPS2()
    {
        var (partnerId, partner) = await app.PartnerAsync("Quiet Co");
        var entry = await app.CreateCatalogEntryAsync(partnerId);
        app.Logs.Clear();

        await (await PostAsync(partner, "/v1/products", new { name = "Quiet", catalogEntryId = entry }, "quiet-1")).ExpectAsync(HttpStatusCode.Created);
        await (await PostAsync(partner, "/v1/products", new { name = "Quiet", catalogEntryId = entry }, "quiet-1")).ExpectAsync(HttpStatusCode.Created);
        await (await PostAsync(partner, "/v1/products", new { name = "Other", catalogEntryId = entry }, "quiet-1")).ExpectAsync(HttpStatusCode.Conflict);
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => PostAsync(partner, "/v1/products", new { name = "Race", catalogEntryId = entry }, "quiet-race")));

        var errors = app.Logs.Where(l => l.Level >= LogLevel.Error).Select(l => $"{l.Category}: {l.Message}").ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        Assert.DoesNotContain(app.Logs, l => l.Message.Contains("idempotency_records", StringComparison.Ordinal) && l.Level >= LogLevel.Warning);
    }
}
