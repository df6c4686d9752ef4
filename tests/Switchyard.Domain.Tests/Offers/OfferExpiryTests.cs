using Switchyard.Domain.Common;
using Switchyard.Domain.Offers;

namespace Switchyard.Domain.Tests.Offers;

/// <summary>OFF-13 with TIM-1: a sent offer lapses at the end of its valid-until day in the marketplace zone.</summary>
public class OfferExpiryTests
{
    [Fact]
    [Trait("rule", "OFF-13")]
    public void Expire_SentAfterValidUntil_BecomesExpired_OFF13()
    {
        var (offer, _) = A.SentOffer();
        var at = new DateTimeOffset(2026, 12, 21, 0, 5, 0, TimeSpan.Zero);
        Assert.True(offer.Expire(new DateOnly(2026, 12, 21), at).IsSuccess);
        Assert.Equal(OfferStatus.Expired, offer.Status);
        Assert.Equal(at, offer.DecidedAt);
    }

    [Fact]
    [Trait("rule", "OFF-13")]
    public void Expire_OnValidUntilDay_IsConflictStillValid_OFF13()
    {
        var (offer, _) = A.SentOffer();
        var error = Assert.Single(offer.Expire(A.ValidUntil, A.Now).Errors);
        Assert.Equal(("offerStillValid", ErrorKind.Conflict), (error.Code, error.Kind));
        Assert.Equal(OfferStatus.Sent, offer.Status);
    }

    [Theory]
    [Trait("rule", "OFF-13")]
    [Trait("rule", "TIM-2")]
    [InlineData(OfferStatus.Draft)]
    [InlineData(OfferStatus.Accepted)]
    [InlineData(OfferStatus.Rejected)]
    [InlineData(OfferStatus.Error)]
    [InlineData(OfferStatus.Expired)]
    public void Expire_NotSent_IsConflict_SoASecondWorkerRunChangesNothing_OFF13_TIM2(OfferStatus status)
    {
        var (offer, _) = OfferEditTests.OfferIn(status);
        var error = Assert.Single(offer.Expire(new DateOnly(2027, 6, 1), A.Now).Errors);
        Assert.Equal("offerNotSent", error.Code);
        Assert.Equal(status, offer.Status);
    }

    [Theory]
    [Trait("rule", "TIM-1")]
    [Trait("rule", "OFF-13")]
    [InlineData("Europe/Paris", "2026-12-20T22:59:59Z", false)] // 23:59:59 in Paris (UTC+1): still the 20th
    [InlineData("Europe/Paris", "2026-12-20T23:00:00Z", true)]  // midnight in Paris: the 21st
    [InlineData("America/New_York", "2026-12-21T04:59:59Z", false)] // 23:59:59 on the 20th in New York (UTC-5)
    [InlineData("America/New_York", "2026-12-21T05:00:00Z", true)]
    [InlineData("UTC", "2026-12-20T23:59:59Z", false)]
    [InlineData("UTC", "2026-12-21T00:00:00Z", true)]
    public void Expire_EndOfValidUntilDay_InMarketplaceZone_TIM1_OFF13(string zone, string instant, bool expires)
    {
        var calendar = new MarketplaceCalendar(TimeZoneInfo.FindSystemTimeZoneById(zone));
        var now = DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture);
        var (offer, _) = A.SentOffer();

        Assert.Equal(expires, now >= offer.ExpiresAt(calendar));
        Assert.Equal(expires, offer.Expire(calendar.DateOf(now), now).IsSuccess);
        Assert.Equal(expires ? OfferStatus.Expired : OfferStatus.Sent, offer.Status);
    }

    [Fact]
    [Trait("rule", "TIM-1")]
    public void ExpiresAt_ParisInSummer_IsTwentyTwoUtc_TIM1()
    {
        var paris = new MarketplaceCalendar(TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris"));
        var offer = A.AddOnDraft(new DateOnly(2027, 7, 1)); // valid until 2027-07-01, CEST (UTC+2)
        Assert.Equal(new DateTimeOffset(2027, 7, 1, 22, 0, 0, TimeSpan.Zero), offer.ExpiresAt(paris));
    }
}
