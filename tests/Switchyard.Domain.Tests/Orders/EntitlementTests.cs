using Switchyard.Domain.Catalog;
using Switchyard.Domain.Offers;
using Switchyard.Domain.Orders;
using Switchyard.Domain.Tests.Offers;

namespace Switchyard.Domain.Tests.Orders;

/// <summary>ORD-4 (add-on quantities add), ORD-6 (entitlements on any date), ORD-5 (grants end).</summary>
public class EntitlementTests
{
    private static readonly DateTimeOffset Now = new(2027, 6, 15, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    [Trait("rule", "ORD-4")]
    [Trait("rule", "ORD-6")]
    public void On_AddOnOfSameProduct_Adds10And15To25FromAddOnStart_ORD4()
    {
        var (addOn, product, parent) = AddOnOrder(sameProduct: true);
        var grants = parent.Activate(Now).Value.Concat(Provision(addOn)).ToList();

        Assert.Equal(10, EntitlementCalculator.On(grants, new DateOnly(2027, 6, 30))[product.Id]);
        Assert.Equal(25, EntitlementCalculator.On(grants, new DateOnly(2027, 7, 1))[product.Id]);
        Assert.Equal(25, EntitlementCalculator.On(grants, new DateOnly(2027, 12, 31))[product.Id]);
        Assert.Empty(EntitlementCalculator.On(grants, new DateOnly(2028, 1, 1))); // ORD-5
        Assert.Empty(EntitlementCalculator.On(grants, new DateOnly(2026, 12, 31)));
    }

    [Fact]
    [Trait("rule", "ORD-4")]
    public void On_AddOnOfNewProduct_IsGrantedAlongside_ORD4()
    {
        var (addOn, newProduct, parent) = AddOnOrder(sameProduct: false);
        var grants = parent.Activate(Now).Value.Concat(Provision(addOn)).ToList();
        var july = EntitlementCalculator.On(grants, new DateOnly(2027, 7, 1));
        Assert.Equal(2, july.Count);
        Assert.Equal(15, july[newProduct.Id]);
        Assert.Equal(10, july[parent.Items[0].ProductId]);
        Assert.False(EntitlementCalculator.On(grants, new DateOnly(2027, 6, 30)).ContainsKey(newProduct.Id));
    }

    [Fact]
    [Trait("rule", "ORD-6")]
    public void On_ItemWithTwoLicenses_CountsProductOnce_ButEachLicenseHasTheSeats_ORD6()
    {
        var (offer, product) = A.SentOffer();
        product.AddLicense(LicenseKind.PermissionSet, A.PermissionSetId);
        var order = offer.Accept(A.Accept(product)).Value;
        order.StartProcessing(order.StartDate, Now);
        var grants = order.Activate(Now).Value;
        var day = new DateOnly(2027, 3, 1);

        Assert.Equal(10, Assert.Single(EntitlementCalculator.On(grants, day)).Value);
        Assert.Equal([10, 10], EntitlementCalculator.Licenses(grants, day).Select(l => l.Quantity));
    }

    [Fact]
    [Trait("rule", "ORD-4")]
    [Trait("rule", "ORD-3")]
    public void Licenses_AddOnSameProduct_SumsSeatsPerLicense_ORD4()
    {
        var (addOn, _, parent) = AddOnOrder(sameProduct: true);
        var grants = parent.Activate(Now).Value.Concat(Provision(addOn)).ToList();
        var seat = Assert.Single(EntitlementCalculator.Licenses(grants, new DateOnly(2027, 8, 1)));
        Assert.Equal((LicenseKind.PackageLicense, 25), (seat.Kind, seat.Quantity));
    }

    [Fact]
    [Trait("rule", "ORD-6")]
    public void On_NoGrants_IsEmpty_ORD6()
    {
        Assert.Empty(EntitlementCalculator.On([], new DateOnly(2027, 1, 1)));
    }

    /// <summary>
    /// An initial order (10 × A, 2027) in Processing, and an accepted add-on order from 2027-07-01 for 15 of A
    /// (or of a new product B). Returns the add-on order, its product, and the parent order.
    /// </summary>
    internal static (Order AddOn, Product Product, Order Parent) AddOnOrder(bool sameProduct)
    {
        var (parent, productA) = A.NewOrder();
        Assert.True(parent.StartProcessing(parent.StartDate, Now).IsSuccess);

        var ctx = CustomerContext.For(A.Customer(), [parent]);
        var today = new DateOnly(2027, 6, 15);
        var draft = A.Draft(new DateOnly(2027, 7, 1)) with { ValidUntil = new DateOnly(2027, 6, 30) };
        var offer = Offer.Create(draft, ctx, today, Now).Value;
        var product = sameProduct ? productA : A.Product("Product B");
        offer.With(product, 15, 100m);
        Assert.True(offer.Send(A.Send([product], today)).IsSuccess);
        var addOn = offer.Accept(A.Accept(product, today: today)).Value;
        return (addOn, product, parent);
    }

    private static IReadOnlyList<LicenseGrant> Provision(Order order)
    {
        Assert.True(order.StartProcessing(order.StartDate, Now).IsSuccess);
        return order.Activate(Now).Value;
    }
}
