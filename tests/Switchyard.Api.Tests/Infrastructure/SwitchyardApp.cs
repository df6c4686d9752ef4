using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Data;

namespace Switchyard.Api.Tests.Infrastructure;

/// <summary>
/// The real server pipeline over a fresh database, with the manual clock starting at a fixed instant.
/// One per test class (xunit class fixture).
/// </summary>
public class SwitchyardApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string OperatorKey = "sy_test_operator_key_0123456789abcdef";
    public static readonly DateTimeOffset ClockStart = new(2027, 1, 4, 9, 0, 0, TimeSpan.Zero);

    private readonly TestDatabase? _given;
    private TestDatabase? _database;

    public SwitchyardApp()
    {
    }

    /// <summary>Over a database the caller created and disposes (e.g. shared with a <c>ServerProcess</c>).</summary>
    protected SwitchyardApp(TestDatabase database) => _given = database;

    public TestDatabase Database => _database ?? throw new InvalidOperationException("Not initialised.");

    /// <summary>Extra settings a test class needs (e.g. a low rate limit).</summary>
    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    public async Task InitializeAsync()
    {
        _database = _given ?? await TestDatabase.CreateAsync();
        _ = Server; // builds the host, which migrates the schema
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        if (_database is not null && _given is null)
        {
            await _database.DisposeAsync();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("SWITCHYARD_DB_PROVIDER", Database.Provider);
        builder.UseSetting("SWITCHYARD_DB", Database.ConnectionString);
        builder.UseSetting("SWITCHYARD_OPERATOR_KEY", OperatorKey);
        builder.UseSetting("SWITCHYARD_CLOCK", "manual");
        builder.UseSetting("SWITCHYARD_CLOCK_START", ClockStart.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("SWITCHYARD_LEGACY_PICKUP", Path.Combine(Path.GetTempPath(), "switchyard-test-legacy", Guid.NewGuid().ToString("N")));
        builder.UseSetting("SWITCHYARD_MAIL_PICKUP", Path.Combine(Path.GetTempPath(), "switchyard-test-mail", Guid.NewGuid().ToString("N")));
        // OPS-1: no background outbox delivery in tests; a test delivers with DeliverOutboxAsync (or by moving the clock).
        builder.UseSetting("SWITCHYARD_OUTBOX_SECONDS", "0");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public HttpClient ClientWithKey(string key)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    public HttpClient Operator() => ClientWithKey(OperatorKey);

    public HttpClient Anonymous() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>
    /// OPS-1: delivers every outbox message due now, as the worker would (the background worker is off in
    /// tests); returns the delivery attempts made.
    /// </summary>
    public async Task<int> DeliverOutboxAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SwitchyardDb>();
        db.Scope.ForSystem("system:outbox");
        var runner = scope.ServiceProvider.GetRequiredService<Switchyard.Server.Outbox.OutboxRunner>();
        return await runner.ApplyDueAsync(db, Services.GetRequiredService<TimeProvider>().GetUtcNow(), CancellationToken.None);
    }

    /// <summary>The folder the pickup email sender writes to.</summary>
    public string MailPickup => Services.GetRequiredService<Switchyard.Server.Notifications.EmailSettings>().PickupDirectory;

    /// <summary>The folder the default legacy channel writes its requests to.</summary>
    public string LegacyPickup => Services.GetRequiredService<Switchyard.Server.ChannelMigration.LegacyChannelSettings>().PickupDirectory;

    /// <summary>A database context outside any request, seeing every tenant.</summary>
    public AsyncServiceScope DbScope(out SwitchyardDb db)
    {
        var scope = Services.CreateAsyncScope();
        db = scope.ServiceProvider.GetRequiredService<SwitchyardDb>();
        db.Scope.ForSystem("test");
        return scope;
    }
}

/// <summary>The in-process server over a given database: to seed or inspect what a <c>ServerProcess</c> works on.</summary>
public sealed class ExistingDatabaseApp(TestDatabase database) : SwitchyardApp(database);
