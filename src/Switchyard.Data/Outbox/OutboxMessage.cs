using System.Text.Json;
using Switchyard.Domain.Common;

namespace Switchyard.Data.Outbox;

/// <summary>Where an outbox message stands (OPS-1).</summary>
public enum OutboxStatus
{
    /// <summary>Waiting for its first or next delivery attempt.</summary>
    Pending,

    /// <summary>The receiver took it.</summary>
    Delivered,

    /// <summary>Every attempt failed (or the receiver refused it for good): shown in the operator's error queue.</summary>
    Failed,
}

/// <summary>
/// OPS-1: a side effect outside the database (an email, a payment-provider call, a payout, a step on
/// the legacy channel), written in the same transaction as the change that causes it and delivered
/// afterwards by the due-work runner with retries and backoff.
/// </summary>
/// <remarks>
/// The pair (<see cref="MessageType"/>, <see cref="DeduplicationKey"/>) is unique and is handed to the
/// receiver (an email's Message-Id, a payment provider's idempotency key), so a delivery repeated after
/// a crash is recognised there and takes effect once.
/// </remarks>
public sealed class OutboxMessage : Entity<string>
{
    public const int MaxTypeLength = 100;
    public const int MaxKeyLength = 200;
    public const int MaxErrorLength = 2000;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private OutboxMessage()
    {
    }

    internal OutboxMessage(string id) => Id = id;

    /// <summary>The handler's name for this kind of message, e.g. <c>offer.email</c>.</summary>
    public string MessageType { get; set; } = "";

    /// <summary>Unique per message type; the receiver deduplicates on it.</summary>
    public string DeduplicationKey { get; set; } = "";

    /// <summary>The message's content as JSON, read back by its handler.</summary>
    public string Payload { get; set; } = "{}";

    /// <summary>The partner the message concerns, when one does (shown to the operator).</summary>
    public string? PartnerId { get; set; }

    public OutboxStatus Status { get; set; } = OutboxStatus.Pending;

    /// <summary>Delivery attempts started (a claim counts, so a crash mid-delivery is one).</summary>
    public int Attempts { get; set; }

    /// <summary>Set by the save from the server's clock.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Not delivered before this instant (the server's clock): now when written, later after a failure (backoff).</summary>
    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>
    /// While set and in the future (wall-clock time, not the manual clock), a worker is delivering the
    /// message; a worker that died leaves it to expire, and the message is picked up again.
    /// </summary>
    public DateTimeOffset? ClaimedUntil { get; set; }

    public DateTimeOffset? LastAttemptAt { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
    public string? LastError { get; set; }

    /// <summary>Reads the payload back as the type it was written from.</summary>
    public T Read<T>() => JsonSerializer.Deserialize<T>(Payload, Json) ?? throw new InvalidOperationException($"Outbox message {Id} has an empty payload.");

    internal static string Write<T>(T payload) => JsonSerializer.Serialize(payload, Json);
}
