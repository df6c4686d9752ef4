using System.Globalization;

namespace Switchyard.Server.Outbox;

/// <summary>OPS-1: how the outbox retries (SWITCHYARD_OUTBOX_* settings).</summary>
public sealed record OutboxSettings
{
    /// <summary>Attempts before a message is given up and shown in the error queue.</summary>
    public int MaxAttempts { get; init; } = 8;

    /// <summary>Wait after the first failed attempt; doubled after each further one.</summary>
    public TimeSpan FirstRetryDelay { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromHours(1);

    /// <summary>How long a worker holds the messages it claimed (wall-clock time) before another may take them.</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How often the outbox worker looks for due messages, whatever the clock mode; zero turns it off.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Messages claimed together.</summary>
    public int BatchSize { get; init; } = 20;

    /// <summary>Deliveries of one batch running at once.</summary>
    public int Parallelism { get; init; } = 4;

    /// <summary>The wait before attempt <paramref name="failedAttempts"/> + 1: exponential, capped.</summary>
    public TimeSpan RetryDelay(int failedAttempts)
    {
        var factor = Math.Pow(2, Math.Clamp(failedAttempts - 1, 0, 30));
        var delay = TimeSpan.FromTicks((long)Math.Min(FirstRetryDelay.Ticks * factor, MaxRetryDelay.Ticks));
        return delay;
    }

    public static OutboxSettings Read(IConfiguration config)
    {
        var defaults = new OutboxSettings();
        return new OutboxSettings
        {
            MaxAttempts = Int(config["SWITCHYARD_OUTBOX_MAX_ATTEMPTS"], 1, 100) ?? defaults.MaxAttempts,
            FirstRetryDelay = Seconds(config["SWITCHYARD_OUTBOX_RETRY_SECONDS"], 0) ?? defaults.FirstRetryDelay,
            Lease = Seconds(config["SWITCHYARD_OUTBOX_LEASE_SECONDS"], 1) ?? defaults.Lease,
            PollInterval = Seconds(config["SWITCHYARD_OUTBOX_SECONDS"], 0) ?? defaults.PollInterval,
            BatchSize = Int(config["SWITCHYARD_OUTBOX_BATCH"], 1, 500) ?? defaults.BatchSize,
            Parallelism = Int(config["SWITCHYARD_OUTBOX_PARALLELISM"], 1, 64) ?? defaults.Parallelism,
        };
    }

    private static int? Int(string? value, int min, int max) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max ? n : null;

    private static TimeSpan? Seconds(string? value, double min) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s >= min && s <= 86_400 ? TimeSpan.FromSeconds(s) : null;
}

/// <summary>
/// Wall-clock time for leases (outbox claims, idempotency claims): a crashed process's claim must
/// expire in real time, also when the server's business clock is the manual one.
/// </summary>
public sealed class WallClock(TimeProvider time)
{
    public DateTimeOffset Now => time.GetUtcNow();
}
