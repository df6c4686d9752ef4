using Switchyard.Data;
using Switchyard.Data.Outbox;

namespace Switchyard.Server.Outbox;

/// <summary>
/// OPS-1: delivers one type of outbox message (an email, a payment-provider call, a step on the legacy
/// channel). Register it with <see cref="OutboxSetup.AddOutboxHandler{THandler}"/> and enqueue messages
/// with <see cref="OutboxEnqueue.EnqueueOutbox{T}"/> under the same <see cref="MessageType"/>.
/// </summary>
/// <remarks>
/// Delivery is at least once: after a crash a message may be delivered again, always with the same
/// deduplication key, which the handler must hand to the receiver so the effect happens once.
/// </remarks>
public interface IOutboxHandler
{
    /// <summary>A short stable name (e.g. <c>offer.email</c>), stored with each message.</summary>
    string MessageType { get; }

    /// <summary>What the operator reads in the error queue (e.g. "Offer email").</summary>
    string Label { get; }

    /// <summary>
    /// Delivers the message. Throwing fails this attempt: it is retried with backoff until the last
    /// attempt, then shown in the error queue; <see cref="OutboxRefusedException"/> fails it at once.
    /// </summary>
    Task DeliverAsync(OutboxMessage message, CancellationToken cancellationToken);

    /// <summary>
    /// Called once when the message is given up (in the same save that marks it failed), to record the
    /// failure on the object it belongs to; <paramref name="db"/> sees every tenant.
    /// </summary>
    Task OnFailedAsync(SwitchyardDb db, OutboxMessage message, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>The receiver refused the message for good (a malformed address, a rejected request): retrying cannot help.</summary>
public sealed class OutboxRefusedException(string message, Exception? inner = null) : Exception(message, inner);
