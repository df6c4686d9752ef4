using Switchyard.Domain.Common;
using Switchyard.Domain.Offers;

namespace Switchyard.Domain.Tests.Offers;

/// <summary>OFF-10: customer-side conditions move a sent offer to Error; a retry brings it back once fixed.</summary>
public class OfferErrorTests
{
    private static RetryContext Retry(bool byOperator = false, bool receivesOffers = true, string[]? billingUsers = null) => new()
    {
        Today = A.Today,
        Now = A.Now.AddDays(1),
        ByOperator = byOperator,
        CustomerReceivesOffers = receivesOffers,
        ManageBillingEmails = billingUsers ?? [A.Recipient, A.Billing],
        PortalBaseUrl = A.Portal,
    };

    [Theory]
    [Trait("rule", "OFF-10")]
    [InlineData(false, new[] { A.Recipient, A.Billing }, OfferIssues.CustomerNotOptedIn)]
    [InlineData(true, new[] { A.Recipient }, OfferIssues.NoBillingUser)]
    [InlineData(true, new[] { "AP@Example.com", "Buyer@Example.com" }, null)]
    public void CustomerSideProblem_FindsTheCondition_OFF10(bool receivesOffers, string[] billingUsers, string? expected)
    {
        var (offer, _) = A.SentOffer();
        Assert.Equal(expected, OfferIssues.CustomerSideProblem(offer, receivesOffers, billingUsers));
    }

    [Fact]
    [Trait("rule", "OFF-10")]
    public void MarkError_Sent_MovesToErrorWithCode_NotA422_OFF10()
    {
        var (offer, _) = A.SentOffer();
        Assert.True(offer.MarkError(OfferIssues.CustomerNotOptedIn).IsSuccess);
        Assert.Equal(OfferStatus.Error, offer.Status);
        Assert.Equal("customerNotOptedIn", offer.ErrorCode);
        Assert.False(offer.ErrorNeedsOperator);
    }

    [Fact]
    [Trait("rule", "OFF-10")]
    public void MarkError_Draft_IsConflict_OFF10()
    {
        var offer = A.InitialDraft();
        Assert.Equal("offerNotSent", Assert.Single(offer.MarkError(OfferIssues.DeliveryFailed).Errors).Code);
        Assert.Throws<ArgumentException>(() => offer.MarkError("madeUp"));
    }

    [Fact]
    [Trait("rule", "OFF-10")]
    [Trait("rule", "OFF-14")]
    public void Retry_DeliveryFailedByPartner_ReturnsToSentAndNotifiesAgain_OFF10()
    {
        var (offer, _) = A.SentOffer();
        offer.MarkError(OfferIssues.DeliveryFailed);
        var notification = offer.Retry(Retry()).Value;
        Assert.Equal(OfferStatus.Sent, offer.Status);
        Assert.Null(offer.ErrorCode);
        Assert.Equal([A.Recipient, A.Billing], notification.To);
    }

    [Fact]
    [Trait("rule", "OFF-10")]
    public void Retry_CauseStillPresent_IsConflictAndStaysInError_OFF10()
    {
        var (offer, _) = A.SentOffer();
        offer.MarkError(OfferIssues.CustomerNotOptedIn);
        var error = Assert.Single(offer.Retry(Retry(receivesOffers: false)).Errors);
        Assert.Equal("offerIssueUnresolved", error.Code);
        Assert.Equal(OfferStatus.Error, offer.Status);

        Assert.True(offer.Retry(Retry()).IsSuccess); // the customer opted in
    }

    [Fact]
    [Trait("rule", "OFF-10")]
    public void Retry_OperatorOnlyCode_RefusesPartnerAllowsOperator_OFF10()
    {
        var (offer, _) = A.SentOffer();
        offer.MarkError(OfferIssues.ProcessingFailed);
        Assert.True(offer.ErrorNeedsOperator);
        var error = Assert.Single(offer.Retry(Retry(byOperator: false)).Errors);
        Assert.Equal(("operatorRequired", ErrorKind.Forbidden), (error.Code, error.Kind));
        Assert.True(offer.Retry(Retry(byOperator: true)).IsSuccess);
    }

    [Theory]
    [Trait("rule", "OFF-10")]
    [InlineData(OfferIssues.CustomerNotOptedIn, false)]
    [InlineData(OfferIssues.NoBillingUser, false)]
    [InlineData(OfferIssues.DeliveryFailed, false)]
    [InlineData(OfferIssues.ProcessingFailed, true)]
    public void NeedsOperator_PerCode_OFF10(string code, bool operatorOnly)
    {
        Assert.Equal(operatorOnly, OfferIssues.NeedsOperator(code));
    }

    [Fact]
    [Trait("rule", "OFF-10")]
    public void Retry_NotInErrorOrPastValidity_IsConflict_OFF10()
    {
        var (offer, _) = A.SentOffer();
        Assert.Equal("offerNotInError", Assert.Single(offer.Retry(Retry()).Errors).Code);
        offer.MarkError(OfferIssues.DeliveryFailed);
        Assert.Equal("offerExpired", Assert.Single(offer.Retry(Retry() with { Today = A.ValidUntil.AddDays(1) }).Errors).Code);
    }
}
