using Switchyard.Domain.Common;

namespace Switchyard.Domain.Billing;

/// <summary>
/// BIL-1: the last invoice number a partner used. Taking a number updates this row in the same
/// transaction as the invoice, so numbers have no gaps; its version makes two concurrent takers
/// collide (the loser retries) instead of both using one number.
/// </summary>
public sealed class InvoiceSequence : Entity<string>, IPartnerOwned
{
    private InvoiceSequence() { }

    public string PartnerId { get; private set; } = "";
    public int Last { get; private set; }

    public static InvoiceSequence Start(string partnerId) => new() { Id = partnerId, PartnerId = partnerId };

    public int Next() => ++Last;
}
