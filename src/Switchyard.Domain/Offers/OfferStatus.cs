namespace Switchyard.Domain.Offers;

/// <summary>Offer lifecycle. Accepted, Rejected and Expired are final; only Draft is editable (OFF-4).</summary>
public enum OfferStatus
{
    Draft,
    Sent,
    Accepted,
    Rejected,
    /// <summary>OFF-10: a customer-side condition stopped delivery; see the offer's error code.</summary>
    Error,
    Expired,
}
