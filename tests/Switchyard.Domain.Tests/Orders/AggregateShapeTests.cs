using System.Reflection;

using Switchyard.Domain.Common;
using Switchyard.Domain.Offers;
using Switchyard.Domain.Orders;

namespace Switchyard.Domain.Tests.Orders;

/// <summary>The offer and order types stay mappable by EF Core and closed to changes outside their rules.</summary>
public class AggregateShapeTests
{
    public static TheoryData<Type> Persisted =>
        [typeof(Offer), typeof(OfferItem), typeof(Order), typeof(OrderItem), typeof(OrderItemLicense), typeof(OrderTransaction), typeof(LicenseGrant)];

    [Theory]
    [Trait("rule", "OFF-4")]
    [Trait("rule", "ORD-1")]
    [MemberData(nameof(Persisted))]
    public void PersistedTypes_HavePrivateParameterlessCtorAndNoPublicSetters_OFF4_ORD1(Type type)
    {
        var ctor = type.GetConstructor(BindingFlags.Instance | BindingFlags.NonPublic, Type.EmptyTypes);
        Assert.NotNull(ctor);
        Assert.True(ctor.IsPrivate);
        Assert.Empty(type.GetConstructors(BindingFlags.Instance | BindingFlags.Public));
        var publicSetters = type.GetProperties()
            .Where(p => p.SetMethod is { IsPublic: true })
            .Select(p => p.Name);
        Assert.Empty(publicSetters);
    }

    [Theory]
    [Trait("rule", "SEC-1")]
    [Trait("rule", "SEC-4")]
    [Trait("rule", "AUD-1")]
    [InlineData(typeof(Offer))]
    [InlineData(typeof(Order))]
    public void Aggregates_ArePartnerOwnedVersionedAndAudited_SEC1_SEC4_AUD1(Type type)
    {
        Assert.True(typeof(Entity).IsAssignableFrom(type));
        Assert.True(typeof(IPartnerOwned).IsAssignableFrom(type));
        Assert.True(typeof(IAudited).IsAssignableFrom(type));
    }

    [Fact]
    [Trait("rule", "SEC-1")]
    public void LicenseGrant_IsPartnerOwned_SEC1()
    {
        Assert.True(typeof(IPartnerOwned).IsAssignableFrom(typeof(LicenseGrant)));
    }
}
