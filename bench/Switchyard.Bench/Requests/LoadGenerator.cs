using System.Diagnostics;
using System.Globalization;

namespace Switchyard.Bench.Requests;

/// <summary>What one round of load measured: requests per second and latency percentiles.</summary>
internal sealed record RoundResult(string Target, string Scenario, int Requests, int Failures, TimeSpan Duration, double P50Ms, double P99Ms)
{
    public double PerSecond => Requests / Duration.TotalSeconds;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Scenario,-22} {Target,-12} {PerSecond,8:F0} req/s  p50 {P50Ms,6:F1} ms  p99 {P99Ms,6:F1} ms  ({Requests} requests, {Failures} failed)");
}

/// <summary>
/// A closed-loop load generator: <c>clients</c> tasks each send one request, wait for its answer and send
/// the next, for a fixed time. Every answer must have the expected status, or it counts as a failure.
/// </summary>
internal static class LoadGenerator
{
    public static async Task<RoundResult> RunAsync(string target, string scenario, int clients, TimeSpan duration,
        Func<int, long, Task<bool>> send)
    {
        var latencies = new List<double>[clients];
        var failures = 0;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
        {
            var mine = latencies[client] = new List<double>(16_384);
            long n = 0;
            while (watch.Elapsed < duration)
            {
                var started = Stopwatch.GetTimestamp();
                var ok = await send(client, n++);
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (!ok)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        })));
        var elapsed = watch.Elapsed;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new RoundResult(target, scenario, all.Length, failures, elapsed, Percentile(all, 0.50), Percentile(all, 0.99));
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
