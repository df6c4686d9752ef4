using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Switchyard.Api.Tests.Infrastructure;

namespace Switchyard.Api.Tests.Operations;

/// <summary>A minimal OTLP/HTTP receiver on a free local port: keeps the protobuf bodies posted to /v1/metrics and /v1/traces.</summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private OtlpReceiver(WebApplication app) => _app = app;

    public ConcurrentQueue<byte[]> Metrics { get; } = new();

    public ConcurrentQueue<byte[]> Traces { get; } = new();

    public string Endpoint { get; private set; } = "";

    public static async Task<OtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new OtlpReceiver(app);
        app.MapPost("/v1/metrics", async (HttpRequest request) =>
        {
            receiver.Metrics.Enqueue(await ReadAsync(request));
            return Results.Ok();
        });
        app.MapPost("/v1/traces", async (HttpRequest request) =>
        {
            receiver.Traces.Enqueue(await ReadAsync(request));
            return Results.Ok();
        });
        await app.StartAsync();
        receiver.Endpoint = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return receiver;
    }

    /// <summary>Protobuf stores strings as UTF-8: names and attribute values can be found in the bytes.</summary>
    public static bool AnyContains(IEnumerable<byte[]> bodies, string text) =>
        bodies.Any(b => Encoding.UTF8.GetString(b).Contains(text, StringComparison.Ordinal));

    private static async Task<byte[]> ReadAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>A server exporting to a local OTLP receiver every half second.</summary>
public sealed class TelemetryApp : SwitchyardApp
{
    private OtlpReceiver? _receiver;

    public OtlpReceiver Receiver => _receiver ?? throw new InvalidOperationException("Not started.");

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = Receiver.Endpoint,
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
        ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        _receiver ??= OtlpReceiver.StartAsync().GetAwaiter().GetResult();
        base.ConfigureWebHost(builder);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_receiver is not null)
        {
            await _receiver.DisposeAsync();
        }
    }
}

/// <summary>OPS-2: metrics and traces are exported with OpenTelemetry when an OTLP endpoint is configured.</summary>
public class TelemetryTests(TelemetryApp app) : IClassFixture<TelemetryApp>
{
    [Fact]
    [Trait("rule", "OPS-2")]
    public async Task WithAnOtlpEndpoint_RequestsTracesAndBacklogGaugesAreExported_WithoutQueryStrings_OPS2()
    {
        await (await app.Operator().PostJsonAsync("/v1/partners", new { name = "Traced" })).ExpectAsync(HttpStatusCode.Created);
        await app.Anonymous().GetAsync(new Uri("/console/invitation?token=never-exported-secret", UriKind.Relative));

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline
            && !(OtlpReceiver.AnyContains(app.Receiver.Metrics, "switchyard.backlog") && OtlpReceiver.AnyContains(app.Receiver.Metrics, "http.server.request.duration")
                && OtlpReceiver.AnyContains(app.Receiver.Traces, "/v1/partners") && OtlpReceiver.AnyContains(app.Receiver.Traces, "/console/invitation")))
        {
            await Task.Delay(200);
        }
        Assert.True(OtlpReceiver.AnyContains(app.Receiver.Metrics, "switchyard.backlog"), "the backlog gauge was not exported");
        Assert.True(OtlpReceiver.AnyContains(app.Receiver.Metrics, "due_work"), "the due-work queue was not exported");
        Assert.True(OtlpReceiver.AnyContains(app.Receiver.Metrics, "http.server.request.duration"), "request metrics were not exported");
        Assert.True(OtlpReceiver.AnyContains(app.Receiver.Traces, "/v1/partners"), "request traces were not exported");
        Assert.False(OtlpReceiver.AnyContains(app.Receiver.Traces, "never-exported-secret"), "a query string was exported");
    }
}
