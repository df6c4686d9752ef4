namespace Switchyard.Domain.Offers;

/// <summary>OFF-1: derived from the customer's orders, never chosen by the partner. Orders carry the same type.</summary>
public enum OfferType
{
    /// <summary>No active order from this partner for the customer: a new 12-month contract.</summary>
    Initial,
    /// <summary>Tied to the customer's active order; ends with it and is prorated (OFF-6, OFF-7).</summary>
    AddOn,
}
