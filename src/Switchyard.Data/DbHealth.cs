namespace Switchyard.Data;

/// <summary>
/// OPS-4: remembers the last time a request or worker met a database outage (<see cref="DbOutage"/>), so readiness
/// reports a full disk or a lost server that a cheap probe alone would not notice. One per process; wall-clock
/// milliseconds (not the business clock, which tests move by months).
/// </summary>
public sealed class DbHealth
{
    /// <summary>How long after an outage readiness keeps failing unless a probe write succeeds.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(30);

    private long _lastOutageTicks;
    private string? _lastOutage;

    public void RecordOutage(string description)
    {
        _lastOutage = description;
        Interlocked.Exchange(ref _lastOutageTicks, Math.Max(1, Environment.TickCount64));
    }

    public void RecordRecovery() => Interlocked.Exchange(ref _lastOutageTicks, 0);

    /// <summary>The description of an outage seen within <see cref="Window"/>, else null.</summary>
    public string? RecentOutage
    {
        get
        {
            var ticks = Interlocked.Read(ref _lastOutageTicks);
            return ticks != 0 && Environment.TickCount64 - ticks < (long)Window.TotalMilliseconds ? _lastOutage : null;
        }
    }
}
