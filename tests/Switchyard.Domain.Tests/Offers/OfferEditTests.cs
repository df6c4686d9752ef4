using Switchyard.Domain.Common;
using Switchyard.Domain.Offers;

namespace Switchyard.Domain.Tests.Offers;

public class OfferEditTests
{
    [Fact]
    [Trait("rule", "OFF-4")]
    public void Edit_Draft_ChangesFieldsAndRecomputesEndDate_OFF4()
    {
        var offer = A.InitialDraft();
        var result = offer.Edit(new OfferChanges
        {
            ServiceStartDate = new DateOnly(2027, 2, 1),
            CustomerPo = "CPO-9",
            Opportunity = "Big deal",
            BillingEmail = "",
        }, A.Today);
        Assert.True(result.IsSuccess);
        Assert.Equal(new DateOnly(2027, 2, 1), offer.ServiceStartDate);
        Assert.Equal(new DateOnly(2028, 1, 31), offer.EndDate);
        Assert.Equal("CPO-9", offer.CustomerPo);
        Assert.Equal("Big deal", offer.Opportunity);
        Assert.Null(offer.BillingEmail); // "" clears an optional field
        Assert.Equal("PPO-1", offer.PartnerPo); // null leaves it as is
    }

    [Theory]
    [Trait("rule", "OFF-4")]
    [Trait("rule", "OFF-9")]
    [InlineData(OfferStatus.Sent)]
    [InlineData(OfferStatus.Accepted)]
    [InlineData(OfferStatus.Rejected)]
    [InlineData(OfferStatus.Error)]
    [InlineData(OfferStatus.Expired)]
    public void Edit_NotDraft_IsConflictAndChangesNothing_OFF4_OFF9(OfferStatus status)
    {
        var (offer, product) = OfferIn(status);
        var itemCount = offer.Items.Count;
        var edit = offer.Edit(new OfferChanges { CustomerPo = "late change" }, A.Today);
        var add = offer.AddItem(product, 1, 1m, null);
        var update = offer.UpdateItem(offer.Items[0].Id, 99, null, null);
        var remove = offer.RemoveItem(offer.Items[0].Id);
        foreach (var errors in new[] { edit.Errors, add.Errors, update.Errors, remove.Errors })
        {
            var error = Assert.Single(errors);
            Assert.Equal("offerNotEditable", error.Code);
            Assert.Equal(ErrorKind.Conflict, error.Kind);
        }
        Assert.Null(offer.CustomerPo);
        Assert.Equal(itemCount, offer.Items.Count);
        Assert.Equal(10, offer.Items[0].Quantity);
        Assert.Equal(status, offer.Status);
    }

    [Fact]
    [Trait("rule", "OFF-2")]
    public void Edit_UnsupportedTerms_AreRefused_OFF2()
    {
        var offer = A.InitialDraft();
        var result = offer.Edit(new OfferChanges { TermSet = "net45", ContractTermMonths = 36 }, A.Today);
        Assert.Equal(["unsupportedTermSet", "unsupportedContractTerm"], result.Errors.Codes());
        Assert.Equal(12, offer.ContractTermMonths);
    }

    [Fact]
    [Trait("rule", "OFF-2")]
    public void Edit_InitialEndDateNotMatchingTerm_IsRefused_OFF2()
    {
        var offer = A.InitialDraft();
        Assert.Contains(offer.Edit(new OfferChanges { EndDate = new DateOnly(2027, 6, 30) }, A.Today).Errors,
            e => e is { Code: "unsupportedContractTerm", Field: "endDate" });
        Assert.True(offer.Edit(new OfferChanges { EndDate = offer.EndDate }, A.Today).IsSuccess); // unchanged is fine
    }

    [Fact]
    [Trait("rule", "OFF-3")]
    public void Edit_ClearingRequiredField_IsRefused_OFF3()
    {
        var offer = A.InitialDraft();
        var result = offer.Edit(new OfferChanges { RecipientEmail = " ", Terms = "" }, A.Today);
        Assert.Contains(result.Errors, e => e is { Code: "required", Field: "recipientEmail" });
        Assert.Contains(result.Errors, e => e is { Code: "required", Field: "terms" });
        Assert.Equal(A.Recipient, offer.RecipientEmail);
    }

    [Fact]
    [Trait("rule", "OFF-3")]
    public void Edit_UnrelatedFieldAfterStartDatePassed_IsAllowed_OFF3()
    {
        // Past dates are checked where they change; Send checks them all (OFF-8).
        var offer = A.InitialDraft();
        Assert.True(offer.Edit(new OfferChanges { PartnerPo = "PPO-2" }, new DateOnly(2027, 2, 1)).IsSuccess);
        Assert.Contains(offer.Edit(new OfferChanges { ValidUntil = new DateOnly(2027, 1, 5) }, new DateOnly(2027, 2, 1)).Errors,
            e => e is { Code: "dateInPast", Field: "validUntil" });
    }

    [Fact]
    [Trait("rule", "OFF-6")]
    public void Edit_AddOnEndDate_IsRefusedWithAddOnEndDateFixed_OFF6()
    {
        var offer = A.AddOnDraft(new DateOnly(2027, 7, 1));
        var result = offer.Edit(new OfferChanges { EndDate = new DateOnly(2028, 6, 30) }, new DateOnly(2027, 6, 1));
        var error = Assert.Single(result.Errors);
        Assert.Equal("addOnEndDateFixed", error.Code);
        Assert.Equal("endDate", error.Field);
        Assert.Equal(ErrorKind.Validation, error.Kind);
        Assert.Equal(new DateOnly(2027, 12, 31), offer.EndDate);
    }

    [Fact]
    [Trait("rule", "OFF-6")]
    public void Edit_AddOnEditableFields_AreAccepted_OFF6()
    {
        var offer = A.AddOnDraft(new DateOnly(2027, 7, 1));
        var result = offer.Edit(new OfferChanges
        {
            PartnerPo = "P2",
            CustomerPo = "C2",
            ServiceStartDate = new DateOnly(2027, 8, 1),
            ValidUntil = new DateOnly(2027, 7, 20),
            Opportunity = "Upsell",
            RecipientEmail = "cfo@example.com",
            EndDate = new DateOnly(2027, 12, 31),
        }, new DateOnly(2027, 6, 1));
        Assert.True(result.IsSuccess);
        Assert.Equal(new DateOnly(2027, 8, 1), offer.ServiceStartDate);
        Assert.Equal(new DateOnly(2027, 12, 31), offer.EndDate);
        Assert.Equal("cfo@example.com", offer.RecipientEmail);
    }

    [Fact]
    [Trait("rule", "OFF-6")]
    public void Edit_AddOnOtherFields_AreRefusedEachByName_OFF6()
    {
        var offer = A.AddOnDraft(new DateOnly(2027, 7, 1));
        var result = offer.Edit(new OfferChanges { Terms = "New terms", BillingEmail = "other@example.com", Currency = "EUR" }, new DateOnly(2027, 6, 1));
        Assert.Equal(["terms", "billingEmail", "currency"], result.Errors.Where(e => e.Code == "addOnFieldFixed").Select(e => e.Field));
        Assert.Equal("Standard terms.", offer.Terms);
    }

    [Fact]
    [Trait("rule", "OFF-6")]
    [Trait("rule", "OFF-7")]
    public void Edit_AddOnStartDate_RepricesProratedLines_OFF6_OFF7()
    {
        var offer = A.AddOnDraft(new DateOnly(2027, 7, 1)).With(A.Product(), 15, 100m);
        Assert.Equal(907_397, offer.SubtotalMinor); // 184/365
        Assert.True(offer.Edit(new OfferChanges { ServiceStartDate = new DateOnly(2027, 10, 1) }, new DateOnly(2027, 6, 1)).IsSuccess);
        Assert.Equal(453_699, offer.SubtotalMinor); // 18,000 × 92/365 = 4536.986… → 4536.99
    }

    [Fact]
    [Trait("rule", "OFF-6")]
    public void Edit_AddOnStartOutsideParentTerm_IsRefused_OFF6()
    {
        var offer = A.AddOnDraft(new DateOnly(2027, 7, 1));
        Assert.Contains(offer.Edit(new OfferChanges { ServiceStartDate = new DateOnly(2028, 1, 2) }, new DateOnly(2027, 6, 1)).Errors,
            e => e.Code == "startOutsideParentTerm");
    }

    [Fact]
    [Trait("rule", "OFF-5")]
    public void Edit_CurrencyWithItems_IsRefused_OFF5()
    {
        var offer = A.InitialDraft().With(A.Product());
        Assert.Contains(offer.Edit(new OfferChanges { Currency = "EUR" }, A.Today).Errors, e => e.Code == "currencyFixedWithItems");
        Assert.Equal("USD", offer.CurrencyCode);
    }

    /// <summary>An offer with one item (10 × 100.00) brought to <paramref name="status"/>.</summary>
    internal static (Offer Offer, Domain.Catalog.Product Product) OfferIn(OfferStatus status)
    {
        var product = A.Product();
        var offer = A.InitialDraft().With(product);
        if (status == OfferStatus.Draft)
        {
            return (offer, product);
        }
        Assert.True(offer.Send(A.Send([product])).IsSuccess);
        var outcome = status switch
        {
            OfferStatus.Draft or OfferStatus.Sent => Result.Ok(),
            OfferStatus.Accepted => offer.Accept(A.Accept(product)).IsSuccess ? Result.Ok() : throw new InvalidOperationException(),
            OfferStatus.Rejected => offer.Reject(new DecisionContext(A.User(), A.Today, A.Now), "too expensive"),
            OfferStatus.Error => offer.MarkError(OfferIssues.DeliveryFailed),
            OfferStatus.Expired => offer.Expire(A.ValidUntil.AddDays(1), A.Now),
        };
        Assert.True(outcome.IsSuccess);
        Assert.Equal(status, offer.Status);
        return (offer, product);
    }
}
