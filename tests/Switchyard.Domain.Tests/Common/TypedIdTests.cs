using System.Reflection;
using Switchyard.Domain.Common;
using Switchyard.Domain.Customers;
using Switchyard.Domain.Offers;
using Switchyard.Domain.Orders;

namespace Switchyard.Domain.Tests.Common;

/// <summary>Typed ids: generated in one place with their kind's prefix, compared by value, never one kind for another.</summary>
public class TypedIdTests
{
    [Fact]
    public void New_CarriesItsKindsPrefix_AndIsUnique()
    {
        var first = OfferId.New();
        var second = OfferId.New();

        Assert.StartsWith("off_", first.Value, StringComparison.Ordinal);
        Assert.True(TypedIds.HasPrefix<OfferId>(first.Value));
        Assert.False(TypedIds.HasPrefix<OrderId>(first.Value));
        Assert.NotEqual(first, second);
        Assert.StartsWith("ord_", OrderId.New().Value, StringComparison.Ordinal);
    }

    [Fact]
    public void AnId_IsItsPlainString_ComparedByValue()
    {
        var id = OfferId.From("off_0196f1c2");

        Assert.Equal("off_0196f1c2", id.ToString());
        Assert.Equal(OfferId.From("off_0196f1c2"), id);
        // The same text as another kind of id is a different value.
        Assert.False(id.Equals((object)OrderId.From("off_0196f1c2")));
        Assert.Throws<ArgumentNullException>(() => OfferId.From(null!));
    }

    [Fact]
    public void EveryIdKind_HasItsOwnPrefixFromIds()
    {
        var prefixes = typeof(ITypedId).Assembly.GetTypes()
            .Where(t => t.IsValueType && typeof(ITypedId).IsAssignableFrom(t))
            .Select(t => (string)t.GetProperty("Prefix", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!)
            .ToList();
        var declared = typeof(Ids).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral)
            .Select(f => (string)f.GetValue(null)!).ToHashSet(StringComparer.Ordinal);

        Assert.NotEmpty(prefixes);
        Assert.Equal(prefixes.Count, prefixes.Distinct(StringComparer.Ordinal).Count());
        Assert.All(prefixes, p => Assert.Contains(p, declared));
    }

    [Fact]
    public void ACustomerOrgId_IsTheCanonicalOrgId_WhicheverSpellingIsGiven_OFF3()
    {
        var fromShort = CustomerOrgId.Canonical("00D000000000001");
        var fromLong = CustomerOrgId.Canonical(fromShort.Value);

        Assert.Equal(18, fromShort.Value.Length);
        Assert.Equal(OrgIds.Canonical("00D000000000001"), fromShort.Value);
        Assert.Equal(fromShort, fromLong);
        Assert.Equal(fromShort, CustomerOrgId.Canonical(" 00D000000000001 "));
        // A customer record's id and its org's id are different kinds, even for the same text.
        Assert.False(CustomerId.From(fromShort.Value).Equals((object)fromShort));
        Assert.StartsWith("cus_", CustomerId.New().Value, StringComparison.Ordinal);
    }
}
