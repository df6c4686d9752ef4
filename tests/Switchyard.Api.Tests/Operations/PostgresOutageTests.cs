using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;
using Switchyard.Api.Tests.Infrastructure;

namespace Switchyard.Api.Tests.Operations;

/// <summary>A PostgreSQL cluster of its own (initdb, pg_ctl as the postgres user) on a free port, that a test can stop and start.</summary>
public sealed class ThrowawayPostgres : IAsyncDisposable
{
    private const string Bin = "/usr/lib/postgresql/15/bin";
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "switchyard-outage-" + Guid.NewGuid().ToString("N"));

    public int Port { get; } = ServerProcess.FreePort();

    public string ConnectionString(string database) => $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Timeout=3;Command Timeout=15";

    /// <summary>Why such a cluster cannot be started here, or null.</summary>
    public static string? Unavailable =>
        !File.Exists(Path.Combine(Bin, "initdb")) ? "the PostgreSQL server binaries (Debian package postgresql-15) are not installed"
        : Environment.UserName != "root" ? "starting a PostgreSQL cluster as the postgres user needs root (runuser)"
        : null;

    public async Task StartAsync()
    {
        Directory.CreateDirectory(_dir);
        await RunAsync("chown", "postgres:postgres", _dir);
        await RunAsync("runuser", "-u", "postgres", "--", Path.Combine(Bin, "initdb"), "-D", _dir, "-A", "trust", "-U", "postgres", "--locale=C.UTF-8", "-E", "UTF8");
        await ResumeAsync();
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand("CREATE DATABASE outage", connection);
        await create.ExecuteNonQueryAsync();
    }

    /// <summary>Stops the server the way an outage or a maintenance restart does (connections are cut).</summary>
    public Task StopAsync() => RunAsync("runuser", "-u", "postgres", "--", Path.Combine(Bin, "pg_ctl"), "-D", _dir, "-m", "fast", "-w", "stop");

    public Task ResumeAsync() => RunAsync("runuser", "-u", "postgres", "--", Path.Combine(Bin, "pg_ctl"), "-D", _dir, "-w", "-l", Path.Combine(_dir, "log"),
        "-o", $"-c listen_addresses=127.0.0.1 -p {Port} -k {_dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off", "start");

    public async ValueTask DisposeAsync()
    {
        if (File.Exists(Path.Combine(_dir, "postmaster.pid")))
        {
            await RunAsync("runuser", "-u", "postgres", "--", Path.Combine(Bin, "pg_ctl"), "-D", _dir, "-m", "immediate", "-w", "stop");
        }
        Directory.Delete(_dir, recursive: true);
    }

    private static async Task RunAsync(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({process.ExitCode}): {await output} {await error}");
        }
    }
}

/// <summary>Runs on the PostgreSQL pass of the tests, where a cluster of its own can be started (root and the server binaries).</summary>
public sealed class PostgresClusterFactAttribute : FactAttribute
{
    public PostgresClusterFactAttribute()
    {
        if (TestDatabase.ConfiguredProvider != "postgres")
        {
            Skip = "PostgreSQL outage tests run in the PostgreSQL pass (SWITCHYARD_TEST_PROVIDER=postgres)";
        }
        else if (ThrowawayPostgres.Unavailable is { } reason)
        {
            Skip = reason;
        }
    }
}

/// <summary>The real server over the throwaway cluster.</summary>
public sealed class OutageServer(string connectionString) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("SWITCHYARD_DB_PROVIDER", "postgres");
        builder.UseSetting("SWITCHYARD_DB", connectionString);
        builder.UseSetting("SWITCHYARD_OPERATOR_KEY", SwitchyardApp.OperatorKey);
        builder.UseSetting("SWITCHYARD_CLOCK", "manual");
        builder.UseSetting("SWITCHYARD_CLOCK_START", SwitchyardApp.ClockStart.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("SWITCHYARD_MAIL_PICKUP", Path.Combine(Path.GetTempPath(), "switchyard-test-mail", Guid.NewGuid().ToString("N")));
    }
}

/// <summary>OPS-4: PostgreSQL stopped mid-traffic → 503 with Retry-After and readiness failing; started again → recovery without a restart.</summary>
[Collection("server processes")]
public class PostgresOutageTests
{
    [PostgresClusterFact]
    [Trait("rule", "OPS-4")]
    public async Task DatabaseStoppedMidTraffic_Answers503WithRetryAfter_ThenRecoversWithoutARestart_OPS4()
    {
        await using var cluster = new ThrowawayPostgres();
        await cluster.StartAsync();
        await using var server = new OutageServer(cluster.ConnectionString("outage"));
        var op = server.CreateClient();
        op.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", SwitchyardApp.OperatorKey);
        var partner = await (await op.PostJsonAsync("/v1/partners", new { name = "Before" })).ExpectAsync(HttpStatusCode.Created);
        await (await op.PostAsync(new Uri($"/v1/partners/{partner["id"]}/approve", UriKind.Relative), null)).ExpectAsync(HttpStatusCode.OK);
        var issued = await (await op.PostJsonAsync($"/v1/partners/{partner["id"]}/api-keys", new { permissions = new[] { "app.view" } })).ExpectAsync(HttpStatusCode.Created);
        var partnerClient = server.CreateClient();
        partnerClient.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", issued["key"]!.GetValue<string>());
        await (await op.GetAsync(new Uri("/health/ready", UriKind.Relative))).ExpectAsync(HttpStatusCode.OK);

        // Traffic from two callers the whole time: writes by the operator, reads by a partner key (its check reads too).
        var statuses = new ConcurrentQueue<(HttpStatusCode Status, bool RetryAfter)>();
        using var stop = new CancellationTokenSource();
        var traffic = Task.Run(async () =>
        {
            var i = 0;
            while (!stop.IsCancellationRequested)
            {
                var response = i++ % 2 == 0
                    ? await op.PostJsonAsync("/v1/partners", new { name = $"Traffic {i}" })
                    : await partnerClient.GetAsync(new Uri("/v1/account", UriKind.Relative));
                statuses.Enqueue((response.StatusCode, response.Headers.RetryAfter is not null));
                await Task.Delay(20);
            }
        });
        await Task.Delay(500);

        await cluster.StopAsync();
        await Task.Delay(1500);
        var write = await op.PostJsonAsync("/v1/partners", new { name = "During" });
        var problem = await write.ExpectAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Equal("databaseUnavailable", problem.Code());
        Assert.NotNull(write.Headers.RetryAfter);
        var read = await partnerClient.GetAsync(new Uri("/v1/account", UriKind.Relative));
        await read.ExpectAsync(HttpStatusCode.ServiceUnavailable);
        var ready = await op.GetAsync(new Uri("/health/ready", UriKind.Relative));
        await ready.ExpectAsync(HttpStatusCode.ServiceUnavailable);
        Assert.NotNull(ready.Headers.RetryAfter);
        await (await op.GetAsync(new Uri("/health", UriKind.Relative))).ExpectAsync(HttpStatusCode.OK);

        await cluster.ResumeAsync();
        var recovered = Stopwatch.StartNew();
        HttpStatusCode last;
        do
        {
            await Task.Delay(250);
            last = (await op.PostJsonAsync("/v1/partners", new { name = "After" })).StatusCode;
        }
        while (last != HttpStatusCode.Created && recovered.Elapsed < TimeSpan.FromSeconds(60));
        Assert.Equal(HttpStatusCode.Created, last);
        await (await partnerClient.GetAsync(new Uri("/v1/account", UriKind.Relative))).ExpectAsync(HttpStatusCode.OK);
        await (await op.GetAsync(new Uri("/health/ready", UriKind.Relative))).ExpectAsync(HttpStatusCode.OK);
        await stop.CancelAsync();
        await traffic;

        var all = statuses.ToList();
        Assert.Contains(all, s => s.Status == HttpStatusCode.ServiceUnavailable);
        Assert.All(all.Where(s => s.Status == HttpStatusCode.ServiceUnavailable), s => Assert.True(s.RetryAfter));
        Assert.DoesNotContain(all, s => (int)s.Status >= 500 && s.Status != HttpStatusCode.ServiceUnavailable);
    }
}
