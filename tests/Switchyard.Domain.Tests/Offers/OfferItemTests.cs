using Switchyard.Domain.Common;
using Switchyard.Domain.Offers;

namespace Switchyard.Domain.Tests.Offers;

public class OfferItemTests
{
    [Fact]
    [Trait("rule", "OFF-5")]
    [Trait("rule", "OFF-7")]
    public void AddItem_Initial_SnapshotsProductAndRecomputesSubtotal_OFF5_OFF7()
    {
        var offer = A.InitialDraft();
        var item = offer.AddItem(A.Product("Seats"), 10, 100m, " PO-7 ").Value;
        offer.With(A.Product("Support"), 2, 49.99m);

        Assert.StartsWith("oit_", item.Id.Value, StringComparison.Ordinal);
        Assert.Equal("Seats", item.ProductName);
        Assert.Equal(10_000, item.UnitPriceMonthlyMinor);
        Assert.Equal("PO-7", item.PartnerPo);
        Assert.Equal(1_200_000, item.LineTotalMinor);
        Assert.Equal(1_200_000 + 119_976, offer.SubtotalMinor); // 2 × 49.99 × 12 = 1199.76
        Assert.Equal(13_199.76m, offer.Subtotal.Amount);
    }

    [Fact]
    [Trait("rule", "OFF-7")]
    public void AddItem_AddOnFromJuly_ProratesBy184Of365_OFF7()
    {
        var offer = A.AddOnDraft(new DateOnly(2027, 7, 1)).With(A.Product(), 15, 100m);
        Assert.Equal(907_397, offer.Items[0].LineTotalMinor);
        Assert.Equal(907_397, offer.SubtotalMinor);
    }

    [Fact]
    [Trait("rule", "CAT-4")]
    public void AddItem_ProductWithoutLicenses_IsRefused_CAT4()
    {
        var offer = A.InitialDraft();
        var result = offer.AddItem(A.Product(licensed: false), 1, 10m, null);
        var error = Assert.Single(result.Errors);
        Assert.Equal("productHasNoLicenses", error.Code);
        Assert.Equal("productId", error.Field);
        Assert.Empty(offer.Items);
    }

    [Fact]
    [Trait("rule", "OFF-5")]
    public void AddItem_BadQuantityAndNegativePrice_ReportsBoth_OFF5()
    {
        var result = A.InitialDraft().AddItem(A.Product(), 0, -1m, null);
        Assert.Contains(result.Errors, e => e is { Code: "invalidQuantity", Field: "quantity" });
        Assert.Contains(result.Errors, e => e is { Code: "negativePrice", Field: "unitPriceMonthly" });
    }

    [Theory]
    [Trait("rule", "OFF-5")]
    [InlineData("USD", 1.234)]
    [InlineData("JPY", 100.5)]
    [InlineData("BHD", 1.2345)]
    public void AddItem_PriceFinerThanMinorUnit_IsRefused_OFF5(string currency, double price)
    {
        var offer = A.InitialDraft(A.Draft() with { Currency = currency });
        var result = offer.AddItem(A.Product(), 1, (decimal)price, null);
        Assert.Contains(result.Errors, e => e is { Code: "moneyPrecision", Field: "unitPriceMonthly" });
    }

    [Fact]
    [Trait("rule", "OFF-5")]
    public void AddItem_FreeItem_IsAllowed_OFF5()
    {
        var offer = A.InitialDraft().With(A.Product(), 5, 0m);
        Assert.Equal(0, offer.SubtotalMinor);
    }

    [Fact]
    [Trait("rule", "OFF-5")]
    public void AddItem_AnotherPartnersProduct_IsRefused_OFF5()
    {
        var result = A.InitialDraft().AddItem(A.Product(partnerId: A.OtherPartnerId), 1, 1m, null);
        Assert.Equal("unknownProduct", Assert.Single(result.Errors).Code);
    }

    [Fact]
    [Trait("rule", "OFF-5")]
    public void AddItem_AbsurdlyLargeLine_IsRefusedNotOverflowed_OFF5()
    {
        var result = A.InitialDraft().AddItem(A.Product(), int.MaxValue, 1_000_000_000m, null);
        Assert.Equal("amountTooLarge", Assert.Single(result.Errors).Code);
    }

    [Fact]
    [Trait("rule", "OFF-5")]
    public void AddItem_MoreThanMaxItems_IsRefused_OFF5()
    {
        var offer = A.InitialDraft();
        var product = A.Product();
        for (var i = 0; i < Offer.MaxItems; i++)
        {
            offer.With(product, 1, 1m);
        }
        Assert.Equal("tooManyItems", Assert.Single(offer.AddItem(product, 1, 1m, null).Errors).Code);
    }

    [Fact]
    [Trait("rule", "OFF-5")]
    [Trait("rule", "OFF-7")]
    public void UpdateItem_ChangesLineAndSubtotal_OFF5_OFF7()
    {
        var offer = A.InitialDraft().With(A.Product(), 10, 100m);
        var item = offer.UpdateItem(offer.Items[0].Id, 20, null, "PO-2").Value;
        Assert.Equal(20, item.Quantity);
        Assert.Equal(10_000, item.UnitPriceMonthlyMinor);
        Assert.Equal("PO-2", item.PartnerPo);
        Assert.Equal(2_400_000, offer.SubtotalMinor);

        Assert.True(offer.UpdateItem(item.Id, null, 50m, "").IsSuccess);
        Assert.Null(item.PartnerPo);
        Assert.Equal(1_200_000, offer.SubtotalMinor);

        Assert.Equal("invalidQuantity", Assert.Single(offer.UpdateItem(item.Id, -3, null, null).Errors).Code);
        Assert.Equal(20, item.Quantity);
    }

    [Fact]
    [Trait("rule", "OFF-7")]
    public void RemoveItem_RecomputesSubtotal_UnknownItemIsNotFound_OFF7()
    {
        var offer = A.InitialDraft().With(A.Product(), 10, 100m).With(A.Product("B"), 1, 1m);
        Assert.True(offer.RemoveItem(offer.Items[0].Id).IsSuccess);
        Assert.Equal(1_200, offer.SubtotalMinor);
        Assert.Equal(ErrorKind.NotFound, Assert.Single(offer.RemoveItem(OfferItemId.From("oit_missing")).Errors).Kind);
    }
}
