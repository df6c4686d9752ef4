using Switchyard.Domain.Common;

namespace Switchyard.Domain.Tests.Common;

public class MoneyTests
{
    [Theory]
    [InlineData("USD", 2.005, 201)]
    [InlineData("USD", -2.005, -201)]
    [InlineData("USD", 2.004, 200)]
    [InlineData("JPY", 2.5, 3)]
    [InlineData("BHD", 1.0005, 1001)]
    public void Round_HalfAwayFromZero_PerCurrencyMinorUnit(string code, double amount, long minor)
    {
        var money = Money.Round((decimal)amount, Currency.From(code));
        Assert.Equal(minor, money.Minor);
    }

    [Fact]
    public void FromAmount_MoreDecimalsThanCurrency_IsRefusedWithField()
    {
        var result = Money.FromAmount(1.234m, Currency.USD, "unitPriceMonthly");
        Assert.True(result.IsFailure);
        Assert.Equal("moneyPrecision", result.Errors[0].Code);
        Assert.Equal("unitPriceMonthly", result.Errors[0].Field);
    }

    [Fact]
    public void Add_DifferentCurrencies_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => new Money(1, Currency.USD) + new Money(1, Currency.EUR));
    }

    [Fact]
    public void Amount_IsMajorUnits()
    {
        Assert.Equal(12.34m, new Money(1234, Currency.USD).Amount);
        Assert.Equal(1234m, new Money(1234, Currency.JPY).Amount);
        Assert.Equal(1.234m, new Money(1234, Currency.BHD).Amount);
    }
}
