namespace Switchyard.Domain.Orders;

/// <summary>ORD-2: what an order transaction records.</summary>
public enum TransactionKind
{
    StatusChanged,
    Provisioned,
    Invoiced,
    PaymentReceived,
    PayoutSent,
}
