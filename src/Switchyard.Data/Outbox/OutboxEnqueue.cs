using Switchyard.Domain.Common;

namespace Switchyard.Data.Outbox;

/// <summary>OPS-1: the one way to ask for a side effect outside the database.</summary>
public static class OutboxEnqueue
{
    /// <summary>
    /// Adds an outbox message to the context: it is written by the caller's own <c>SaveChangesAsync</c>,
    /// in the same transaction as the change that causes it, and delivered after the commit by the
    /// due-work runner (retries with backoff; after the last attempt it shows in the operator's error
    /// queue). Never call the outside world from a request after its save: enqueue instead.
    /// </summary>
    /// <remarks>
    /// To add a message type: write a class implementing <c>IOutboxHandler</c> (Switchyard.Server.Outbox)
    /// whose <c>MessageType</c> is the name passed here, register it with
    /// <c>services.AddOutboxHandler&lt;YourHandler&gt;()</c>, and enqueue with that name. The handler
    /// receives the payload (<c>message.Read&lt;T&gt;()</c>) and the deduplication key, which it must hand
    /// to the receiver (an email's Message-Id, a Stripe idempotency key) so a repeated delivery takes
    /// effect once. A handler throws to fail an attempt (retried later) or throws
    /// <c>OutboxRefusedException</c> when retrying cannot help.
    /// </remarks>
    /// <param name="db">The caller's context; nothing is written until it saves.</param>
    /// <param name="messageType">The handler's <c>MessageType</c>, e.g. <c>offer.email</c>.</param>
    /// <param name="deduplicationKey">
    /// Unique per message type and stable for one logical side effect (e.g. the offer id and the version it
    /// was sent at); enqueueing a key twice makes the save fail.
    /// </param>
    /// <param name="payload">Serialised as JSON (web defaults).</param>
    /// <param name="partnerId">The partner the message concerns, when one does.</param>
    public static OutboxMessage EnqueueOutbox<T>(this SwitchyardDb db, string messageType, string deduplicationKey, T payload, string? partnerId = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageType);
        ArgumentException.ThrowIfNullOrEmpty(deduplicationKey);
        if (messageType.Length > OutboxMessage.MaxTypeLength || deduplicationKey.Length > OutboxMessage.MaxKeyLength)
        {
            throw new ArgumentException($"An outbox message type has at most {OutboxMessage.MaxTypeLength} characters and a key at most {OutboxMessage.MaxKeyLength}.");
        }
        var message = new OutboxMessage(Ids.New(Ids.Outbox))
        {
            MessageType = messageType,
            DeduplicationKey = deduplicationKey,
            Payload = OutboxMessage.Write(payload),
            PartnerId = partnerId,
        };
        db.OutboxMessages.Add(message);
        return message;
    }
}
