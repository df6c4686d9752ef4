namespace Switchyard.Domain.Orders;

/// <summary>ORD-1: New → Processing → Activated → Expired; Error from New or Processing (an operator retries).</summary>
public enum OrderStatus
{
    /// <summary>Accepted, not yet processed.</summary>
    New,
    /// <summary>On or after the start date, while licenses are provisioned.</summary>
    Processing,
    Activated,
    /// <summary>ORD-5: past the end date; its grants have ended.</summary>
    Expired,
    Error,
}
