using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Switchyard.Api.Tests.Infrastructure;
using Switchyard.Api.Tests.Legacy;
using Xunit.Abstractions;

namespace Switchyard.Api.Tests.Crash;

/// <summary>
/// LEG-3 with a real server process killed with SIGKILL part-way through a legacy import (while the body
/// streams in at several points, and just after the last byte while the rows are merged), then the same
/// file imported again: every row is in the book exactly once, with the file's values.
/// </summary>
[Trait("category", "crash")]
public class LegacyImportCrashTests(ITestOutputHelper output)
{
    private const int Rows = 20_000;

    [Fact]
    [Trait("rule", "LEG-3")]
    public async Task KilledPartWayThroughAnImport_ReRunLeavesEveryRowExactlyOnce_LEG3()
    {
        await using var database = await TestDatabase.CreateAsync();
        string partnerKey, partnerId;
        await using (var app = new ExistingDatabaseApp(database))
        {
            await app.InitializeAsync();
            var s = await LegacyScenario.CreateAsync(app);
            (partnerKey, partnerId) = (s.Partner.DefaultRequestHeaders.Authorization!.Parameter!, s.PartnerId);
        }
        var first = File(version: 1);
        var second = File(version: 2);
        var server = await ServerProcess.StartAsync(database);
        try
        {
            // The first file: killed at a quarter, half and three quarters of the body, and after all of it.
            foreach (var share in new[] { 0.25, 0.5, 0.75, 1.0 })
            {
                server = await KillDuringAsync(server, database, partnerKey, first, share);
                output.WriteLine($"first file, killed at {share:P0}: {await CountAsync(database, partnerId)} rows in the book");
            }
            var done = await ImportAsync(server, partnerKey, first);
            Assert.Equal(Rows, (int)done["created"]! + (int)done["updated"]! + (int)done["unchanged"]!);
            await AssertEveryRowOnceAsync(database, partnerId, version: 1);

            // The second file changes every row's quantity: killed again, then re-run.
            foreach (var share in new[] { 0.5, 1.0 })
            {
                server = await KillDuringAsync(server, database, partnerKey, second, share);
                output.WriteLine($"second file, killed at {share:P0}: {await CountAsync(database, partnerId)} rows in the book");
            }
            done = await ImportAsync(server, partnerKey, second);
            Assert.Equal(Rows, (int)done["created"]! + (int)done["updated"]! + (int)done["unchanged"]!);
            await AssertEveryRowOnceAsync(database, partnerId, version: 2);

            // Once more, nothing changes: idempotent by (partner, external id).
            done = await ImportAsync(server, partnerKey, second);
            Assert.Equal(Rows, (int)done["unchanged"]!);
            await AssertEveryRowOnceAsync(database, partnerId, version: 2);
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    private static byte[] File(int version)
    {
        var text = new StringBuilder(LegacyScenario.Header).Append('\n');
        for (var i = 1; i <= Rows; i++)
        {
            text.Append(LegacyScenario.Row($"EXT-{i:D6}", org: $"00D{i:D12}", qty: (i % 50 + version).ToString(System.Globalization.CultureInfo.InvariantCulture)))
                .Append('\n');
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>Sends <paramref name="share"/> of the body, kills the server, and starts it again over the same database.</summary>
    private async Task<ServerProcess> KillDuringAsync(ServerProcess server, TestDatabase database, string key, byte[] body, double share)
    {
        var sent = new TaskCompletionSource();
        using var client = server.Client(key);
        using var content = new SlowContent(body, (int)(body.Length * share), sent);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        var request = client.PostAsync(new Uri("/v1/legacy/imports?dryRun=false", UriKind.Relative), content);
        await Task.WhenAny(sent.Task, request);
        if (share >= 1.0)
        {
            // The body is in: the server is checking and merging the rows.
            await Task.Delay(Random.Shared.Next(0, 300));
        }
        var answeredFirst = request.IsCompleted;
        server.Kill();
        content.Release();
        try
        {
            await request;
        }
        catch (HttpRequestException)
        {
        }
        catch (TaskCanceledException)
        {
        }
        output.WriteLine($"killed at {share:P0} (the server had {(answeredFirst ? "already answered" : "not answered")})");
        await server.DisposeAsync();
        // A generous start-up: on a loaded machine the database may still be rolling back the killed import.
        return await ServerProcess.StartAsync(database, timeout: TimeSpan.FromMinutes(4));
    }

    private static async Task<System.Text.Json.Nodes.JsonNode> ImportAsync(ServerProcess server, string key, byte[] body)
    {
        using var client = server.Client(key);
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return await (await client.PostAsync(new Uri("/v1/legacy/imports?dryRun=false", UriKind.Relative), content)).ExpectAsync(HttpStatusCode.OK);
    }

    private static Task<long> CountAsync(TestDatabase database, string partnerId) =>
        database.ScalarAsync($"SELECT COUNT(*) FROM legacy_service_orders WHERE \"PartnerId\" = '{partnerId}'");

    private static async Task AssertEveryRowOnceAsync(TestDatabase database, string partnerId, int version)
    {
        var where = $"WHERE \"PartnerId\" = '{partnerId}'";
        Assert.Equal(Rows, await CountAsync(database, partnerId));
        Assert.Equal(Rows, await database.ScalarAsync($"SELECT COUNT(DISTINCT \"ExternalId\") FROM legacy_service_orders {where}"));
        // Every row carries this version's quantity and the file's received date (LEG-2).
        Assert.Equal(Rows, await database.ScalarAsync(
            $"SELECT COUNT(*) FROM legacy_service_orders {where} AND \"Quantity\" = (CAST(SUBSTR(\"ExternalId\", 5) AS INTEGER) % 50) + {version}"));
        Assert.Equal(1, await database.ScalarAsync($"SELECT COUNT(DISTINCT \"ReceivedAt\") FROM legacy_service_orders {where}"));
    }

    /// <summary>A body that sends its first <c>stopAt</c> bytes in small chunks, signals, then never finishes.</summary>
    private sealed class SlowContent(byte[] body, int stopAt, TaskCompletionSource sent) : HttpContent
    {
        private readonly CancellationTokenSource _release = new();

        /// <summary>Ends a body left hanging (after the kill).</summary>
        public void Release() => _release.Cancel();

        protected override void Dispose(bool disposing)
        {
            _release.Cancel();
            _release.Dispose();
            base.Dispose(disposing);
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var watch = Stopwatch.StartNew();
            for (var offset = 0; offset < body.Length; offset += 16 * 1024)
            {
                if (offset >= stopAt && stopAt < body.Length)
                {
                    await stream.FlushAsync();
                    sent.TrySetResult();
                    try
                    {
                        await Task.Delay(Timeout.Infinite, _release.Token);
                    }
                    catch (OperationCanceledException)
                    {
                    }
                    throw new IOException("The server was killed.");
                }
                await stream.WriteAsync(body.AsMemory(offset, Math.Min(16 * 1024, body.Length - offset)));
            }
            await stream.FlushAsync();
            sent.TrySetResult();
        }

        protected override bool TryComputeLength(out long length)
        {
            length = body.Length;
            return true;
        }
    }
}
