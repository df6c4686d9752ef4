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

/// <summary>A partner's customer record's id (<c>cus_…</c>).</summary>
public readonly record struct CustomerId(string Value) : ITypedId<CustomerId>
{
    public string Value { get; } = Value ?? throw new ArgumentNullException(nameof(Value));

    public static string Prefix => Ids.Customer;

    public static CustomerId From(string value) => new(value);

    public static CustomerId New() => TypedIds.New<CustomerId>();

    public override string ToString() => Value;

    public int CompareTo(CustomerId other) => string.CompareOrdinal(Value, other.Value);

    public static bool operator <(CustomerId left, CustomerId right) => left.CompareTo(right) < 0;

    public static bool operator <=(CustomerId left, CustomerId right) => left.CompareTo(right) <= 0;

    public static bool operator >(CustomerId left, CustomerId right) => left.CompareTo(right) > 0;

    public static bool operator >=(CustomerId left, CustomerId right) => left.CompareTo(right) >= 0;
}

/// <summary>
/// A customer org's id: the canonical 18-character org id (<c>00D…</c>, <see cref="OrgIds"/>), given by the
/// platform the org lives on and never generated here, so this kind has no <c>New</c>.
/// </summary>
public readonly record struct CustomerOrgId(string Value) : ITypedId<CustomerOrgId>
{
    public string Value { get; } = Value ?? throw new ArgumentNullException(nameof(Value));

    /// <summary>The kind's name among <see cref="Ids"/>; org ids themselves start 00D (<see cref="OrgIds.Prefix"/>).</summary>
    public static string Prefix => Ids.CustomerOrg;

    public static CustomerOrgId From(string value) => new(value);

    /// <summary>The org's key from either spelling (15 or 18 characters, <see cref="OrgIds.Canonical"/>); for valid ids only.</summary>
    public static CustomerOrgId Canonical(string orgId) => new(OrgIds.Canonical(orgId));

    public override string ToString() => Value;

    public int CompareTo(CustomerOrgId other) => string.CompareOrdinal(Value, other.Value);

    public static bool operator <(CustomerOrgId left, CustomerOrgId right) => left.CompareTo(right) < 0;

    public static bool operator <=(CustomerOrgId left, CustomerOrgId right) => left.CompareTo(right) <= 0;

    public static bool operator >(CustomerOrgId left, CustomerOrgId right) => left.CompareTo(right) > 0;

    public static bool operator >=(CustomerOrgId left, CustomerOrgId right) => left.CompareTo(right) >= 0;
}
