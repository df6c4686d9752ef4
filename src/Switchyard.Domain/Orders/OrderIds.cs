using Switchyard.Domain.Common;

namespace Switchyard.Domain.Orders;

/// <summary>An order's id (<c>ord_…</c>).</summary>
public readonly record struct OrderId(string Value) : ITypedId<OrderId>
{
    public string Value { get; } = Value ?? throw new ArgumentNullException(nameof(Value));

    public static string Prefix => Ids.Order;

    public static OrderId From(string value) => new(value);

    public static OrderId New() => TypedIds.New<OrderId>();

    public override string ToString() => Value;

    public int CompareTo(OrderId other) => string.CompareOrdinal(Value, other.Value);

    public static bool operator <(OrderId left, OrderId right) => left.CompareTo(right) < 0;

    public static bool operator <=(OrderId left, OrderId right) => left.CompareTo(right) <= 0;

    public static bool operator >(OrderId left, OrderId right) => left.CompareTo(right) > 0;

    public static bool operator >=(OrderId left, OrderId right) => left.CompareTo(right) >= 0;
}

/// <summary>An order item's id (<c>ori_…</c>).</summary>
public readonly record struct OrderItemId(string Value) : ITypedId<OrderItemId>
{
    public string Value { get; } = Value ?? throw new ArgumentNullException(nameof(Value));

    public static string Prefix => Ids.OrderItem;

    public static OrderItemId From(string value) => new(value);

    public static OrderItemId New() => TypedIds.New<OrderItemId>();

    public override string ToString() => Value;

    public int CompareTo(OrderItemId other) => string.CompareOrdinal(Value, other.Value);

    public static bool operator <(OrderItemId left, OrderItemId right) => left.CompareTo(right) < 0;

    public static bool operator <=(OrderItemId left, OrderItemId right) => left.CompareTo(right) <= 0;

    public static bool operator >(OrderItemId left, OrderItemId right) => left.CompareTo(right) > 0;

    public static bool operator >=(OrderItemId left, OrderItemId right) => left.CompareTo(right) >= 0;
}
