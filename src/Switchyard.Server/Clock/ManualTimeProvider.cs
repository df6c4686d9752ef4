namespace Switchyard.Server.Clock;

/// <summary>
/// The clock of SWITCHYARD_CLOCK=manual: it stands still until an operator moves it forward
/// (POST /v1/operator/clock). For tests and demos only.
/// </summary>
public sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _gate = new();
    private DateTimeOffset _now = start.ToUniversalTime();

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    /// <summary>Moves the clock to <paramref name="now"/>; false when that would move it backwards.</summary>
    public bool TryAdvanceTo(DateTimeOffset now)
    {
        lock (_gate)
        {
            if (now < _now)
            {
                return false;
            }
            _now = now.ToUniversalTime();
            return true;
        }
    }
}
