using Switchyard.Domain.Common;

namespace Switchyard.Domain.Orders;

/// <summary>ORD-2: one event in an order's history (status change, provisioning, invoice, payment, payout).</summary>
public sealed class OrderTransaction : Entity<string>
{
    private OrderTransaction() { }

    public OrderId OrderId { get; private set; }

    /// <summary>Position in the order's history: breaks ties between transactions at the same instant.</summary>
    public int Sequence { get; private set; }
    public DateTimeOffset At { get; private set; }
    public TransactionKind Kind { get; private set; }
    public string Description { get; private set; } = "";

    /// <summary>The related object: offer, license, invoice, payment or payout id.</summary>
    public string? Reference { get; private set; }

    /// <summary>In the order's currency, when the transaction moves money.</summary>
    public long? AmountMinor { get; private set; }

    internal static OrderTransaction Create(OrderId orderId, int sequence, DateTimeOffset at, TransactionKind kind,
        string description, string? reference, long? amountMinor) => new()
        {
            Id = Ids.New(Ids.Transaction),
            OrderId = orderId,
            Sequence = sequence,
            At = at,
            Kind = kind,
            Description = description,
            Reference = reference,
            AmountMinor = amountMinor,
        };
}
