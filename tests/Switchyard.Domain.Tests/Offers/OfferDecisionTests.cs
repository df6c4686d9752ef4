using Switchyard.Domain.Catalog;
using Switchyard.Domain.Common;
using Switchyard.Domain.Offers;
using Switchyard.Domain.Orders;

namespace Switchyard.Domain.Tests.Offers;

/// <summary>OFF-11 (who may accept or reject, and when) and OFF-12 (tax exemption fixed at acceptance).</summary>
public class OfferDecisionTests
{
    [Fact]
    [Trait("rule", "OFF-11")]
    public void Accept_RecipientWithManageBilling_CreatesNewOrder_OFF11()
    {
        var (offer, product) = A.SentOffer();
        var order = offer.Accept(A.Accept(product, A.User("BUYER@example.com"))).Value;

        Assert.Equal(OfferStatus.Accepted, offer.Status);
        Assert.Equal(order.Id, offer.OrderId);
        Assert.Equal(A.Now.AddHours(1), offer.DecidedAt);
        Assert.Equal(OrderStatus.New, order.Status);
        Assert.StartsWith("ord_", order.Id.Value, StringComparison.Ordinal);
        Assert.Equal((offer.Id, offer.PartnerId, offer.CustomerOrgId, OfferType.Initial), (order.OfferId, order.PartnerId, order.CustomerOrgId, order.Type));
        Assert.Equal((A.Start, new DateOnly(2027, 12, 31)), (order.StartDate, order.EndDate));
        Assert.Equal(offer.SubtotalMinor, order.SubtotalMinor);
        Assert.Equal(A.Billing, order.BillingEmail);
    }

    [Fact]
    [Trait("rule", "OFF-11")]
    public void Accept_UserOfAnotherOrg_IsNotFound_OFF11()
    {
        var (offer, product) = A.SentOffer();
        var error = Assert.Single(offer.Accept(A.Accept(product, A.User(orgId15: A.OtherOrgId15))).Errors);
        Assert.Equal(ErrorKind.NotFound, error.Kind);
        Assert.Equal(OfferStatus.Sent, offer.Status);
    }

    [Fact]
    [Trait("rule", "OFF-11")]
    public void Accept_OtherUserOfSameOrg_IsForbiddenNotRecipient_OFF11()
    {
        var (offer, product) = A.SentOffer();
        var error = Assert.Single(offer.Accept(A.Accept(product, A.User("colleague@example.com"))).Errors);
        Assert.Equal(("notRecipient", ErrorKind.Forbidden), (error.Code, error.Kind));
    }

    [Fact]
    [Trait("rule", "OFF-11")]
    public void Accept_RecipientWithoutManageBilling_IsForbidden_OFF11()
    {
        var (offer, product) = A.SentOffer();
        var error = Assert.Single(offer.Accept(A.Accept(product, A.User(manageBilling: false))).Errors);
        Assert.Equal(("manageBillingRequired", ErrorKind.Forbidden), (error.Code, error.Kind));
    }

    [Fact]
    [Trait("rule", "OFF-11")]
    public void Accept_AfterValidUntil_IsConflictOfferExpired_EvenBeforeTheWorkerRan_OFF11()
    {
        var (offer, product) = A.SentOffer();
        var error = Assert.Single(offer.Accept(A.Accept(product, today: A.ValidUntil.AddDays(1))).Errors);
        Assert.Equal(("offerExpired", ErrorKind.Conflict), (error.Code, error.Kind));
        Assert.True(offer.Accept(A.Accept(product, today: A.ValidUntil)).IsSuccess); // the last valid day still counts
    }

    [Theory]
    [Trait("rule", "OFF-11")]
    [InlineData(OfferStatus.Draft, "offerNotSent")]
    [InlineData(OfferStatus.Accepted, "offerNotSent")]
    [InlineData(OfferStatus.Rejected, "offerNotSent")]
    [InlineData(OfferStatus.Error, "offerNotSent")]
    [InlineData(OfferStatus.Expired, "offerExpired")]
    public void Accept_NotSent_IsConflict_OFF11(OfferStatus status, string code)
    {
        var (offer, product) = OfferEditTests.OfferIn(status);
        var error = Assert.Single(offer.Accept(A.Accept(product)).Errors);
        Assert.Equal((code, ErrorKind.Conflict), (error.Code, error.Kind));
        Assert.Equal(status, offer.Status);
    }

    [Fact]
    [Trait("rule", "OFF-11")]
    public void Accept_Twice_SecondIsConflict_OneOrderOnly_OFF11()
    {
        var (offer, product) = A.SentOffer();
        var first = offer.Accept(A.Accept(product));
        var second = offer.Accept(A.Accept(product));
        Assert.True(first.IsSuccess);
        Assert.Equal("offerNotSent", Assert.Single(second.Errors).Code);
        Assert.Equal(first.Value.Id, offer.OrderId);
    }

    [Fact]
    [Trait("rule", "OFF-11")]
    [Trait("rule", "CAT-4")]
    public void Accept_ProductLostItsLicenses_IsRefused_CAT4()
    {
        var (offer, product) = A.SentOffer();
        product.RemoveLicense(product.Licenses[0].Id);
        Assert.Equal("productHasNoLicenses", Assert.Single(offer.Accept(A.Accept(product)).Errors).Code);
        Assert.Equal(OfferStatus.Sent, offer.Status);
    }

    [Fact]
    [Trait("rule", "OFF-11")]
    public void Reject_Recipient_IsFinalWithReason_OFF11()
    {
        var (offer, product) = A.SentOffer();
        Assert.True(offer.Reject(new DecisionContext(A.User(), A.Today, A.Now), "  Budget cut ").IsSuccess);
        Assert.Equal(OfferStatus.Rejected, offer.Status);
        Assert.Equal("Budget cut", offer.RejectionReason);
        Assert.Equal("offerNotSent", Assert.Single(offer.Accept(A.Accept(product)).Errors).Code);
    }

    [Fact]
    [Trait("rule", "OFF-11")]
    public void Reject_NonRecipientOrExpired_IsRefused_OFF11()
    {
        var (offer, _) = A.SentOffer();
        Assert.Equal("notRecipient", Assert.Single(offer.Reject(new DecisionContext(A.User("x@example.com"), A.Today, A.Now), null).Errors).Code);
        Assert.Equal("offerExpired", Assert.Single(offer.Reject(new DecisionContext(A.User(), A.ValidUntil.AddDays(1), A.Now), null).Errors).Code);
        Assert.Equal(OfferStatus.Sent, offer.Status);
    }

    [Theory]
    [Trait("rule", "OFF-12")]
    [InlineData(true)]
    [InlineData(false)]
    public void Accept_CapturesTaxExemptionOnFile_OntoOfferAndOrder_OFF12(bool onFile)
    {
        var (offer, product) = A.SentOffer();
        var order = offer.Accept(A.Accept(product, taxExempt: onFile)).Value;
        Assert.Equal(onFile, offer.TaxExempt);
        Assert.Equal(onFile, order.TaxExempt);
    }

    [Fact]
    [Trait("rule", "OFF-12")]
    public void TaxExempt_CannotBeAppliedAfterAcceptance_OFF12()
    {
        var (offer, product) = A.SentOffer();
        var order = offer.Accept(A.Accept(product, taxExempt: false)).Value;
        // The org files its exemption afterwards: nothing on the offer or order can take it.
        Assert.False(typeof(Offer).GetProperty(nameof(Offer.TaxExempt))!.SetMethod!.IsPublic);
        Assert.False(typeof(Order).GetProperty(nameof(Order.TaxExempt))!.SetMethod!.IsPublic);
        Assert.Equal("offerNotSent", Assert.Single(offer.Accept(A.Accept(product, taxExempt: true)).Errors).Code);
        Assert.False(offer.TaxExempt);
        Assert.False(order.TaxExempt);
    }

    [Fact]
    [Trait("rule", "ORD-3")]
    public void Accept_SnapshotsLicenseMappings_LaterRemapDoesNotChangeOrder_ORD3()
    {
        var (offer, product) = A.SentOffer();
        product.AddLicense(LicenseKind.PermissionSet, A.PermissionSetId);
        var order = offer.Accept(A.Accept(product)).Value;
        product.RemoveLicense(product.Licenses[0].Id);

        var licenses = Assert.Single(order.Items).Licenses;
        Assert.Equal(
            [(LicenseKind.PackageLicense, SalesforceId.To18(A.PackageLicenseId)), (LicenseKind.PermissionSet, SalesforceId.To18(A.PermissionSetId))],
            licenses.Select(l => (l.Kind, l.ExternalId)));
    }
}
