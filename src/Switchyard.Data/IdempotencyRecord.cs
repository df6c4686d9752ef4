namespace Switchyard.Data;

/// <summary>
/// SEC-3: the first response to a POST with an Idempotency-Key, kept per key owner so a retry gets
/// the same status and body back.
/// </summary>
public sealed class IdempotencyRecord
{
    /// <summary>The caller (API key id or console user id) that used the key.</summary>
    public string Owner { get; set; } = "";
    public string Key { get; set; } = "";

    /// <summary>SHA-256 of method, path and body: the same key with another request answers 409.</summary>
    public string RequestHash { get; set; } = "";

    /// <summary>0 while the first request is still running.</summary>
    public int StatusCode { get; set; }
    public string? ContentType { get; set; }
    public byte[] Body { get; set; } = [];
    public string? Location { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>
    /// OPS-5: while the first request runs, its claim holds until this wall-clock instant (renewed as it
    /// runs); a claim left by a request that never finished (a crash) is taken over by a retry after it.
    /// </summary>
    public DateTimeOffset? ClaimedUntil { get; set; }
}

/// <summary>The manual clock's current instant, persisted so it never moves backwards across restarts.</summary>
public sealed class ClockState
{
    public int Id { get; set; } = 1;
    public DateTimeOffset Now { get; set; }
}
