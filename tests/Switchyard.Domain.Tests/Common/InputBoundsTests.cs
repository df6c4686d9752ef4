using Switchyard.Domain.Common;
using Switchyard.Domain.Offers;

namespace Switchyard.Domain.Tests.Common;

/// <summary>SEC-8 in the domain: text, dates and amounts outside their bounds are named errors, never exceptions.</summary>
public class InputBoundsTests
{
    [Theory]
    [Trait("rule", "SEC-8")]
    [InlineData("1e27")]
    [InlineData("-1e27")]
    [InlineData("79228162514264337593543950335")]
    public void AHugeAmount_IsAMoneyRangeError_NotAnOverflow(string amount)
    {
        var result = Money.FromAmount(decimal.Parse(amount, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture),
            Currency.From("USD"), "unitPriceMonthly");
        Assert.True(result.IsFailure);
        Assert.Equal("moneyRange", result.Errors[0].Code);
        Assert.Equal("unitPriceMonthly", result.Errors[0].Field);
    }

    [Fact]
    [Trait("rule", "SEC-8")]
    public void TheEndOfATermNearTheEndOfTheCalendar_DoesNotThrow() =>
        Assert.Equal(DateOnly.MaxValue, OfferTerms.EndOfTerm(new DateOnly(9999, 6, 1)));

    [Theory]
    [Trait("rule", "SEC-8")]
    [InlineData("a\0b", false, true)]
    [InlineData("a\u0001", false, true)]
    [InlineData("two\nlines", false, true)]
    [InlineData("two\nlines\tand a tab", true, false)]
    [InlineData("nul\0", true, true)]
    [InlineData("emoji 😀 and accents é", false, false)]
    public void ControlCharacters_AreRefused_LineBreaksOnlyInMultiLineFields(string value, bool multiLine, bool refused)
    {
        var errors = new List<Error>();
        Validate.MaxLength(errors, "name", value, multiLine: multiLine);
        Assert.Equal(refused, errors.Any(e => e.Code == "invalidCharacters" && e.Field == "name"));
    }

    [Fact]
    [Trait("rule", "SEC-8")]
    public void ALoneSurrogate_IsRefusedAsBrokenUnicode()
    {
        // Built at run time: a lone surrogate in an attribute's string is replaced by U+FFFD when compiled.
        var broken = "broken " + (char)0xD800;
        var errors = new List<Error>();
        Validate.MaxLength(errors, "name", broken);
        Assert.Contains(errors, e => e.Code == "invalidCharacters" && e.Field == "name");
    }
}
