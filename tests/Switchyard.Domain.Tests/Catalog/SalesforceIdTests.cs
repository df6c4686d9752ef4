using Switchyard.Domain.Catalog;
using Switchyard.Domain.Common;

namespace Switchyard.Domain.Tests.Catalog;

/// <summary>
/// CAT-3: Salesforce-style ids. Expected checksums are worked out by hand: for each 5-character chunk,
/// bit i is set when character i is an uppercase A-Z, and the 5-bit value indexes
/// "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345".
/// </summary>
public class SalesforceIdTests
{
    [Theory]
    [Trait("rule", "CAT-3")]
    // "001A0": A at index 3 → 8 → I; "00000" → 0 → A; "6Vm9r": V at index 1 → 2 → C (a well-known account id).
    [InlineData("001A0000006Vm9r", "IAC")]
    // No uppercase letters at all → 0,0,0 → AAA.
    [InlineData("050000000000001", "AAA")]
    // "0PS00": P(1), S(2) → 2+4 = 6 → G.
    [InlineData("0PS000000000001", "GAA")]
    // "00D00": D(2) → 4 → E.
    [InlineData("00D000000000001", "EAA")]
    // Every character uppercase → 31 → '5' in each chunk.
    [InlineData("ABCDEFGHIJKLMNO", "555")]
    // "aBcDe": B(1), D(3) → 10 → K; "FgHiJ": F(0), H(2), J(4) → 21 → V; "kLmNo": L(1), N(3) → 10 → K.
    [InlineData("aBcDeFgHiJkLmNo", "KVK")]
    // "050Ab": A(3) → 8 → I; "00000" → A; "00XyZ": X(2), Z(4) → 20 → U.
    [InlineData("050Ab0000000XyZ", "IAU")]
    public void Checksum_KnownIds_MatchesHandComputedSuffix_CAT3(string id15, string expected)
    {
        Assert.Equal(expected, SalesforceId.Checksum(id15));
        Assert.Equal(id15 + expected, SalesforceId.To18(id15));
        Assert.Empty(SalesforceId.Validate(id15 + expected, "externalId"));
    }

    [Fact]
    [Trait("rule", "CAT-3")]
    public void Checksum_IsCaseSensitive_FlippingOneLetterChangesIt_CAT3()
    {
        Assert.NotEqual(SalesforceId.Checksum("001A0000006Vm9r"), SalesforceId.Checksum("001a0000006Vm9r"));
    }

    [Fact]
    [Trait("rule", "CAT-3")]
    public void Checksum_OfAnIdNotFifteenCharacters_Throws_CAT3()
    {
        Assert.Throws<ArgumentException>(() => SalesforceId.Checksum("0500000000001"));
    }

    [Theory]
    [Trait("rule", "CAT-3")]
    [InlineData("050000000000001", null)]
    [InlineData("050000000000001AAA", null)]
    [InlineData("05000000000001", "idLength")]
    [InlineData("0500000000000012", "idLength")]
    [InlineData("05000000000000!", "idCharacters")]
    [InlineData("05000000000000é", "idCharacters")]
    [InlineData("050000000000001AAB", "idChecksum")]
    [InlineData("050000000000001aaa", "idChecksum")]
    [InlineData("0PS000000000001", "idPrefix")]
    [InlineData("", "required")]
    public void Validate_PackageLicenseIds_ReportsTheRightCode_CAT3(string value, string? code)
    {
        var errors = SalesforceId.Validate(value, "externalId", LicenseMapping.PrefixFor(LicenseKind.PackageLicense));
        if (code is null)
        {
            Assert.Empty(errors);
        }
        else
        {
            var error = Assert.Single(errors);
            Assert.Equal(code, error.Code);
            Assert.Equal("externalId", error.Field);
        }
    }

    [Fact]
    [Trait("rule", "CAT-3")]
    public void Validate_PermissionSetPrefix_Is0PS_CAT3()
    {
        Assert.Equal("0PS", LicenseMapping.PrefixFor(LicenseKind.PermissionSet));
        Assert.Empty(SalesforceId.Validate("0PS000000000001GAA", "externalId", "0PS"));
        Assert.Equal("idPrefix", Assert.Single(SalesforceId.Validate("050000000000001", "externalId", "0PS")).Code);
    }

    [Fact]
    [Trait("rule", "CAT-3")]
    public void Validate_SeveralProblems_AreAllReported_CAT3()
    {
        var codes = SalesforceId.Validate("0PS-1", "externalId", "050").Select(e => e.Code).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["idCharacters", "idLength", "idPrefix"], codes);
    }
}
