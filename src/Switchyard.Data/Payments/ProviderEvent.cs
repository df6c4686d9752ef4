using Switchyard.Domain.Common;

namespace Switchyard.Data.Payments;

/// <summary>
/// SEC-6: an inbound payment-provider event (a Stripe webhook) that was verified and processed, kept by
/// the provider's event id so a replay of the same event changes nothing.
/// </summary>
public sealed class ProviderEvent : Entity<string>
{
    public const int MaxIdLength = 255;
    public const int MaxTypeLength = 100;
    public const int MaxOutcomeLength = 500;

    private ProviderEvent()
    {
    }

    public ProviderEvent(string id, string provider, string type, DateTimeOffset occurredAt, DateTimeOffset receivedAt)
    {
        Id = id;
        Provider = provider;
        Type = type;
        OccurredAt = occurredAt;
        ReceivedAt = receivedAt;
    }

    public string Provider { get; private set; } = "";

    /// <summary>The provider's event type, e.g. <c>account.updated</c>.</summary>
    public string Type { get; private set; } = "";

    /// <summary>When the provider says the event happened (Stripe's <c>created</c>).</summary>
    public DateTimeOffset OccurredAt { get; private set; }
    public DateTimeOffset ReceivedAt { get; private set; }

    /// <summary>The partner the event concerned, when one was found.</summary>
    public string? PartnerId { get; set; }

    /// <summary>What processing did: applied, ignored as stale, unknown account…</summary>
    public string Outcome { get; set; } = "";
}
