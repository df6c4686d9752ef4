using Switchyard.Domain.Common;
using Switchyard.Domain.Offers;

namespace Switchyard.Domain.Tests.Offers;

public class OfferSendTests
{
    [Fact]
    [Trait("rule", "OFF-8")]
    public void Send_ValidDraft_BecomesSent_OFF8()
    {
        var product = A.Product();
        var offer = A.InitialDraft().With(product);
        var result = offer.Send(A.Send([product]));
        Assert.True(result.IsSuccess);
        Assert.Equal(OfferStatus.Sent, offer.Status);
        Assert.Equal(A.Now, offer.SentAt);
    }

    [Fact]
    [Trait("rule", "OFF-8")]
    public void Send_EverythingWrong_ListsEveryProblemAtOnce_OFF8()
    {
        var offer = A.InitialDraft();
        var ctx = A.Send([], today: new DateOnly(2027, 1, 5)) with { PaymentAccountConnected = false };
        var result = offer.Send(ctx);
        Assert.Equal(OfferStatus.Draft, offer.Status);
        Assert.All(result.Errors, e => Assert.Equal(ErrorKind.Validation, e.Kind));
        var found = result.Errors.Select(e => (e.Field, e.Code)).ToList();
        Assert.Contains(("items", "itemsRequired"), found);
        Assert.Contains(("serviceStartDate", "dateInPast"), found);
        Assert.Contains(("validUntil", "dateInPast"), found);
        Assert.Contains(("paymentConnection", "paymentAccountNotConnected"), found);
        Assert.Equal(4, found.Count);
    }

    [Fact]
    [Trait("rule", "OFF-8")]
    public void Send_AddOnInsideParentTerm_SendsButPastStartIsRefused_OFF8()
    {
        var product = A.Product();
        var offer = A.AddOnDraft(new DateOnly(2027, 12, 20)).With(product);
        var result = offer.Send(A.Send([product], today: new DateOnly(2027, 12, 10)));
        Assert.True(result.IsSuccess);

        var late = A.AddOnDraft(new DateOnly(2027, 12, 31)).With(product);
        var refused = late.Send(A.Send([product], today: new DateOnly(2028, 1, 2)));
        Assert.Contains(refused.Errors, e => e is { Code: "dateInPast", Field: "serviceStartDate" });
    }

    [Fact]
    [Trait("rule", "OFF-8")]
    [Trait("rule", "CAT-4")]
    public void Send_ProductLostItsLicenses_IsRefusedPerItem_OFF8_CAT4()
    {
        var licensed = A.Product("Seats");
        var offer = A.InitialDraft().With(A.Product("Other")).With(licensed);
        Assert.True(licensed.RemoveLicense(licensed.Licenses[0].Id).IsSuccess);
        var result = offer.Send(A.Send([licensed])); // "Other" is not in the context at all
        Assert.Contains(result.Errors, e => e is { Code: "unknownProduct", Field: "items[0].productId" });
        Assert.Contains(result.Errors, e => e is { Code: "productHasNoLicenses", Field: "items[1].productId" });
    }

    [Fact]
    [Trait("rule", "OFF-8")]
    [Trait("rule", "MIG-7")]
    public void Send_ItemWhoseAppIsActiveOnLegacyChannel_IsRefusedLegacyContractActive_OFF8()
    {
        var legacyApp = A.Entry("Legacy app");
        var onLegacy = A.Product("On legacy", entry: legacyApp);
        var fresh = A.Product("Net-new");
        var offer = A.InitialDraft().With(fresh).With(onLegacy);
        var result = offer.Send(A.Send([fresh, onLegacy], legacy: new HashSet<string> { legacyApp.Id.Value }));
        var error = Assert.Single(result.Errors);
        Assert.Equal("legacyContractActive", error.Code);
        Assert.Equal("items[1].productId", error.Field);
        Assert.Contains("On legacy", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("rule", "OFF-8")]
    [Trait("rule", "ONB-1")]
    public void Send_PartnerNotApproved_IsForbidden_OFF8()
    {
        var product = A.Product();
        var offer = A.InitialDraft().With(product);
        var error = Assert.Single(offer.Send(A.Send([product]) with { PartnerApproved = false }).Errors);
        Assert.Equal("partnerNotApproved", error.Code);
        Assert.Equal(ErrorKind.Forbidden, error.Kind);
        Assert.Equal(OfferStatus.Draft, offer.Status);
    }

    [Fact]
    [Trait("rule", "OFF-9")]
    public void Send_AlreadySent_IsConflict_OFF9()
    {
        var (offer, product) = A.SentOffer();
        var error = Assert.Single(offer.Send(A.Send([product])).Errors);
        Assert.Equal("offerNotDraft", error.Code);
        Assert.Equal(ErrorKind.Conflict, error.Kind);
    }

    [Fact]
    [Trait("rule", "OFF-9")]
    public void Offer_HasNoWithdrawOperation_OFF9()
    {
        // A sent offer can be neither edited (see OfferEditTests) nor withdrawn: no such method exists.
        var names = typeof(Offer).GetMethods().Select(m => m.Name).ToList();
        Assert.DoesNotContain(names, n => n.Contains("Withdraw", StringComparison.OrdinalIgnoreCase) || n.Contains("Cancel", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    [Trait("rule", "OFF-14")]
    public void Send_Success_NotifiesRecipientAndBillingWithOfferLink_OFF14()
    {
        var product = A.Product();
        var offer = A.InitialDraft().With(product);
        var notification = offer.Send(A.Send([product])).Value;
        Assert.Equal(offer.Id, notification.OfferId);
        Assert.Equal([A.Recipient, A.Billing], notification.To);
        Assert.Equal(new Uri("https://market.example.com/customer/offers/" + offer.Id), notification.Link);
        Assert.Contains("12,000.00 USD", notification.Subject, StringComparison.Ordinal);
        Assert.Contains("2026-12-20", notification.Subject, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("rule", "OFF-14")]
    public void Send_NoSeparateBillingEmail_NotifiesRecipientOnce_OFF14()
    {
        var product = A.Product();
        var offer = A.InitialDraft(A.Draft() with { BillingEmail = "BUYER@example.com" }).With(product);
        Assert.Equal([A.Recipient], offer.Send(A.Send([product])).Value.To);
    }
}
