namespace Switchyard.Domain.Billing;

/// <summary>BIL-2: Draft → Open → Paid, or Void / Uncollectible. Only a draft can change its content.</summary>
public enum InvoiceStatus
{
    /// <summary>Numbered and priced, not yet issued.</summary>
    Draft,
    /// <summary>Issued: immutable, with an amount due.</summary>
    Open,
    /// <summary>Nothing left to pay (paid, or the rest credited).</summary>
    Paid,
    /// <summary>Cancelled before any payment; the number stays used.</summary>
    Void,
    /// <summary>Written off; a late payment is still accepted.</summary>
    Uncollectible,
}
