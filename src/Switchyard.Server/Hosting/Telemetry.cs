using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Switchyard.Data;

namespace Switchyard.Server.Hosting;

/// <summary>
/// A queue of work the server owes (due transitions, outbox messages…) whose length is exported as the gauge
/// <c>switchyard.backlog</c> with the tag <c>queue</c>. Register one per queue as a scoped service.
/// </summary>
public interface IBacklogSource
{
    /// <summary>The gauge's <c>queue</c> tag, e.g. <c>due_work</c> or <c>outbox</c>.</summary>
    string Queue { get; }

    Task<long> CountAsync(SwitchyardDb db, DateTimeOffset now, CancellationToken cancellationToken);
}

/// <summary>OPS-2: the server's own metrics (meter <c>Switchyard</c>); requests and their status come from the ASP.NET Core instrumentation.</summary>
public sealed class SwitchyardMetrics : IDisposable
{
    public const string MeterName = "Switchyard";
    public const string ActivitySourceName = "Switchyard";

    private readonly Meter _meter = new(MeterName);
    private readonly ConcurrentDictionary<string, long> _backlog = new(StringComparer.Ordinal);

    public SwitchyardMetrics()
    {
        UnhandledErrors = _meter.CreateCounter<long>("switchyard.errors", description: "Requests that ended in an unexpected error (500)");
        DatabaseUnavailable = _meter.CreateCounter<long>("switchyard.database.unavailable", description: "Requests answered 503 because the database was unavailable or full");
        _meter.CreateObservableGauge("switchyard.backlog",
            () => _backlog.Select(b => new Measurement<long>(b.Value, new KeyValuePair<string, object?>("queue", b.Key))),
            description: "Work due now and not yet done, per queue");
    }

    public Counter<long> UnhandledErrors { get; }

    public Counter<long> DatabaseUnavailable { get; }

    /// <summary>The last sampled length of each queue.</summary>
    public IReadOnlyDictionary<string, long> Backlog => _backlog;

    public void SetBacklog(string queue, long count) => _backlog[queue] = count;

    public void Dispose() => _meter.Dispose();
}

/// <summary>Samples every <see cref="IBacklogSource"/> on a timer (only when telemetry is exported).</summary>
public sealed class BacklogSampler(IServiceScopeFactory scopes, SwitchyardMetrics metrics, TimeProvider clock, ILogger<BacklogSampler> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Wall-clock ticks: the manual business clock does not move on its own.
        using var timer = new PeriodicTimer(Interval, TimeProvider.System);
        do
        {
            try
            {
                await SampleOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning("Backlog sample failed: {Message}", ex.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task SampleOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SwitchyardDb>();
        db.Scope.ForSystem("system:metrics");
        foreach (var source in scope.ServiceProvider.GetServices<IBacklogSource>())
        {
            metrics.SetBacklog(source.Queue, await source.CountAsync(db, clock.GetUtcNow(), cancellationToken));
        }
    }
}

/// <summary>
/// OPS-2: OpenTelemetry metrics and traces, exported over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is configured
/// (the standard OTEL_* variables tune the exporter: protocol, headers, intervals).
/// </summary>
public static class Telemetry
{
    public static bool Enabled(IConfiguration configuration) => !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);

    public static IServiceCollection AddSwitchyardTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<SwitchyardMetrics>();
        services.AddScoped<IBacklogSource, Clock.DueWorkBacklog>();
        if (!Enabled(configuration))
        {
            return services;
        }
        services.AddHostedService<BacklogSampler>();
        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } name ? name : "switchyard"))
            .WithMetrics(m => m.AddAspNetCoreInstrumentation().AddMeter(SwitchyardMetrics.MeterName))
            .WithTracing(t => t.AddAspNetCoreInstrumentation(o => o.EnrichWithHttpRequest = (activity, request) =>
                    // SEC-10: never export query strings (invitation tokens travel in one).
                    activity.SetTag("url.query", null))
                .AddSource(SwitchyardMetrics.ActivitySourceName))
            .UseOtlpExporter();
        return services;
    }
}
