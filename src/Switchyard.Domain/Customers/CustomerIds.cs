using Switchyard.Domain.Common;

namespace Switchyard.Domain.Customers;

/// <summary>A customer user's id (<c>usr_…</c>).</summary>
public readonly record struct CustomerUserId(string Value) : ITypedId<CustomerUserId>
{
    public string Value { get; } = Value ?? throw new ArgumentNullException(nameof(Value));

    public static string Prefix => Ids.CustomerUser;

    public static CustomerUserId From(string value) => new(value);

    public static CustomerUserId New() => TypedIds.New<CustomerUserId>();

    public override string ToString() => Value;

    public int CompareTo(CustomerUserId other) => string.CompareOrdinal(Value, other.Value);

    public static bool operator <(CustomerUserId left, CustomerUserId right) => left.CompareTo(right) < 0;

    public static bool operator <=(CustomerUserId left, CustomerUserId right) => left.CompareTo(right) <= 0;

    public static bool operator >(CustomerUserId left, CustomerUserId right) => left.CompareTo(right) > 0;

    public static bool operator >=(CustomerUserId left, CustomerUserId right) => left.CompareTo(right) >= 0;
}
