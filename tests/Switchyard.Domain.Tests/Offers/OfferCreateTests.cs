using Switchyard.Domain.Offers;
using Switchyard.Domain.Orders;

namespace Switchyard.Domain.Tests.Offers;

public class OfferCreateTests
{
    [Fact]
    [Trait("rule", "OFF-1")]
    public void Create_NoActiveOrder_IsInitialDraft_OFF1()
    {
        var offer = Offer.Create(A.Draft(), A.Context(), A.Today, A.Now).Value;
        Assert.Equal(OfferType.Initial, offer.Type);
        Assert.Equal(OfferStatus.Draft, offer.Status);
        Assert.Null(offer.ParentOrderId);
        Assert.StartsWith("off_", offer.Id.Value, StringComparison.Ordinal);
        Assert.Equal(A.PartnerId, offer.PartnerId);
        Assert.Equal(A.Now, offer.CreatedAt);
    }

    [Fact]
    [Trait("rule", "OFF-1")]
    public void Create_ActiveOrder_IsAddOnTiedToIt_OFF1()
    {
        var offer = Offer.Create(A.Draft(new DateOnly(2027, 7, 1)) with { ValidUntil = new DateOnly(2027, 6, 30) },
            A.Context(A.Parent2027), new DateOnly(2027, 6, 1), A.Now).Value;
        Assert.Equal(OfferType.AddOn, offer.Type);
        Assert.Equal(OrderId.From("ord_parent"), offer.ParentOrderId);
        Assert.Equal(new DateOnly(2027, 1, 1), offer.ParentTermStart);
        Assert.Equal(new DateOnly(2027, 12, 31), offer.ParentTermEnd);
    }

    [Theory]
    [Trait("rule", "OFF-1")]
    [InlineData(OrderStatus.New, true)]
    [InlineData(OrderStatus.Processing, true)]
    [InlineData(OrderStatus.Activated, true)]
    [InlineData(OrderStatus.Expired, false)]
    [InlineData(OrderStatus.Error, false)]
    public void CustomerContext_OrderStatus_DecidesAddOn_OFF1(OrderStatus status, bool addOn)
    {
        var (order, _) = A.NewOrder();
        MoveTo(order, status);
        var ctx = CustomerContext.For(A.Customer(), [order]);
        Assert.Equal(addOn, ctx.ActiveOrder is not null);
        if (addOn)
        {
            Assert.Equal(order.Id, ctx.ActiveOrder!.OrderId);
            Assert.Equal(order.StartDate, ctx.ActiveOrder.TermStart);
            Assert.Equal(order.EndDate, ctx.ActiveOrder.TermEnd);
        }
    }

    [Fact]
    [Trait("rule", "OFF-1")]
    public void CustomerContext_OtherPartnersOrder_DoesNotMakeAddOn_OFF1()
    {
        var (order, _) = A.NewOrder();
        var customerOfOtherPartner = Domain.Customers.Customer.Create(A.OtherPartnerId, "Acme", A.OrgId15, "it@example.com", A.Now).Value;
        Assert.Null(CustomerContext.For(customerOfOtherPartner, [order]).ActiveOrder);
    }

    [Fact]
    [Trait("rule", "OFF-2")]
    public void Create_OtherTermSetAndTerm_AreRefusedWithNamedCodes_OFF2()
    {
        var result = Offer.Create(A.Draft() with { TermSet = "net60Monthly", ContractTermMonths = 24 }, A.Context(), A.Today, A.Now);
        Assert.True(result.IsFailure);
        Assert.Contains(result.Errors, e => e is { Code: "unsupportedTermSet", Field: "termSet" });
        Assert.Contains(result.Errors, e => e is { Code: "unsupportedContractTerm", Field: "contractTermMonths" });
    }

    [Fact]
    [Trait("rule", "OFF-2")]
    public void Create_InitialEndDate_IsStartPlus12MonthsMinusOneDay_OFF2()
    {
        var offer = A.InitialDraft(A.Draft(new DateOnly(2027, 3, 15)));
        Assert.Equal(new DateOnly(2028, 3, 14), offer.EndDate);
        Assert.Equal(12, offer.ContractTermMonths);
        Assert.Equal(OfferTerms.Net30UpfrontAnnual, offer.TermSet);
    }

    [Fact]
    [Trait("rule", "OFF-3")]
    public void Create_MissingAndInvalidFields_ReportsEveryProblemAtOnce_OFF3()
    {
        var draft = new OfferDraft { RecipientEmail = "not-an-email", BillingEmail = "also bad", Currency = "XXX" };
        var result = Offer.Create(draft, A.Context(), A.Today, A.Now);
        var fields = result.Errors.Select(e => (e.Field, e.Code)).ToList();
        Assert.Contains(("termSet", "required"), fields);
        Assert.Contains(("contractTermMonths", "required"), fields);
        Assert.Contains(("serviceStartDate", "required"), fields);
        Assert.Contains(("validUntil", "required"), fields);
        Assert.Contains(("terms", "required"), fields);
        Assert.Contains(("recipientEmail", "invalidEmail"), fields);
        Assert.Contains(("billingEmail", "invalidEmail"), fields);
        Assert.Contains(("currency", "unsupportedCurrency"), fields);
    }

    [Fact]
    [Trait("rule", "OFF-3")]
    public void Create_OptionalFieldsAbsent_BillingEmailFallsBackToRecipient_OFF3()
    {
        var offer = A.InitialDraft(A.Draft() with { BillingEmail = null, PartnerPo = null, CustomerPo = "", Opportunity = null });
        Assert.Null(offer.BillingEmail);
        Assert.Null(offer.CustomerPo);
        Assert.Equal(A.Recipient, offer.EffectiveBillingEmail);
    }

    [Theory]
    [Trait("rule", "OFF-3")]
    [InlineData("00D5g000004AbCd", null)]            // 15 characters: accepted, stored as 18
    [InlineData("00D5g000004AbCdXXX", "idChecksum")] // wrong checksum
    [InlineData("0015g000004AbCd", "idPrefix")]      // an account id, not an org id
    [InlineData("00D5g00", "idLength")]
    public void Create_CustomerOrgId_IsValidatedLikeCat3_OFF3(string orgId, string? code)
    {
        var result = Offer.Create(A.Draft() with { CustomerOrgId = orgId }, A.Context(), A.Today, A.Now);
        if (code is null)
        {
            Assert.Equal(A.OrgId, result.Value.CustomerOrgId.Value);
            Assert.Equal(18, result.Value.CustomerOrgId.Value.Length);
        }
        else
        {
            Assert.Contains(result.Errors, e => e.Code == code && e.Field == "customerOrgId");
        }
    }

    [Fact]
    [Trait("rule", "OFF-3")]
    public void Create_OrgIdOfAnotherOrg_IsRefused_OFF3()
    {
        var result = Offer.Create(A.Draft() with { CustomerOrgId = A.OtherOrgId15 }, A.Context(), A.Today, A.Now);
        Assert.Contains(result.Errors, e => e is { Code: "customerOrgMismatch", Field: "customerOrgId" });
    }

    [Fact]
    [Trait("rule", "OFF-3")]
    public void Create_DatesInThePast_AreRefused_OFF3()
    {
        var result = Offer.Create(A.Draft(A.Today.AddDays(-1)) with { ValidUntil = A.Today.AddDays(-1) }, A.Context(), A.Today, A.Now);
        Assert.Contains(result.Errors, e => e is { Code: "dateInPast", Field: "serviceStartDate" });
        Assert.Contains(result.Errors, e => e is { Code: "dateInPast", Field: "validUntil" });
    }

    [Fact]
    [Trait("rule", "OFF-5")]
    public void Create_LowerCaseCurrency_IsNormalised_OFF5()
    {
        var offer = A.InitialDraft(A.Draft() with { Currency = "eur" });
        Assert.Equal("EUR", offer.Currency.Code);
        Assert.Equal(0, offer.Subtotal.Minor);
    }

    [Fact]
    [Trait("rule", "OFF-6")]
    public void Create_AddOn_EndsWithParentOrder_OFF6()
    {
        var offer = A.AddOnDraft(new DateOnly(2027, 7, 1));
        Assert.Equal(new DateOnly(2027, 12, 31), offer.EndDate);
    }

    [Fact]
    [Trait("rule", "OFF-6")]
    public void Create_AddOnStartingAfterParentEnds_IsRefused_OFF6()
    {
        var result = Offer.Create(A.Draft(new DateOnly(2028, 1, 1)), A.Context(A.Parent2027), A.Today, A.Now);
        Assert.Contains(result.Errors, e => e is { Code: "startOutsideParentTerm", Field: "serviceStartDate" });
    }

    [Fact]
    [Trait("rule", "OFF-6")]
    public void Create_AddOnInAnotherCurrency_IsRefused_OFF6()
    {
        var result = Offer.Create(A.Draft(new DateOnly(2027, 7, 1)) with { Currency = "EUR" }, A.Context(A.Parent2027), A.Today, A.Now);
        Assert.Contains(result.Errors, e => e is { Code: "currencyMismatch", Field: "currency" });
    }

    private static void MoveTo(Order order, OrderStatus status)
    {
        var today = order.StartDate;
        var now = A.Now;
        switch (status)
        {
            case OrderStatus.New:
                break;
            case OrderStatus.Processing:
                Assert.True(order.StartProcessing(today, now).IsSuccess);
                break;
            case OrderStatus.Activated:
                Assert.True(order.StartProcessing(today, now).IsSuccess);
                Assert.True(order.Activate(now).IsSuccess);
                break;
            case OrderStatus.Expired:
                Assert.True(order.StartProcessing(today, now).IsSuccess);
                Assert.True(order.Activate(now).IsSuccess);
                Assert.True(order.Expire(order.EndDate.AddDays(1), now).IsSuccess);
                break;
            case OrderStatus.Error:
                Assert.True(order.Fail("provisioningFailed", now).IsSuccess);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(status));
        }
        Assert.Equal(status, order.Status);
    }
}
