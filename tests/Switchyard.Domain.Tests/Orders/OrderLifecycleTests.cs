using Switchyard.Domain.Catalog;
using Switchyard.Domain.Common;
using Switchyard.Domain.Offers;
using Switchyard.Domain.Orders;
using Switchyard.Domain.Tests.Offers;

namespace Switchyard.Domain.Tests.Orders;

/// <summary>ORD-1 (state machine), ORD-2 (contents and history), ORD-3 (provisioning), ORD-5 (expiry).</summary>
public class OrderLifecycleTests
{
    private static readonly DateOnly StartDay = new(2027, 1, 1);
    private static readonly DateTimeOffset StartInstant = new(2027, 1, 1, 0, 10, 0, TimeSpan.Zero);

    [Fact]
    [Trait("rule", "ORD-1")]
    public void StartProcessing_OnStartDate_MovesNewToProcessing_ORD1()
    {
        var (order, _) = A.NewOrder();
        Assert.True(order.StartProcessing(StartDay, StartInstant).IsSuccess);
        Assert.Equal(OrderStatus.Processing, order.Status);
    }

    [Fact]
    [Trait("rule", "ORD-1")]
    public void StartProcessing_BeforeStartDate_IsConflictNotDue_ORD1()
    {
        var (order, _) = A.NewOrder();
        var error = Assert.Single(order.StartProcessing(StartDay.AddDays(-1), StartInstant).Errors);
        Assert.Equal(("orderNotDue", ErrorKind.Conflict), (error.Code, error.Kind));
        Assert.Equal(OrderStatus.New, order.Status);
    }

    [Fact]
    [Trait("rule", "ORD-1")]
    public void Transitions_FromWrongState_AreConflictsNeverNoOps_ORD1()
    {
        var (order, _) = A.NewOrder();
        Assert.Equal("orderNotProcessing", Assert.Single(order.Activate(StartInstant).Errors).Code);
        Assert.Equal("orderNotActivated", Assert.Single(order.Expire(new DateOnly(2028, 1, 1), StartInstant).Errors).Code);
        Assert.Equal("orderNotInError", Assert.Single(order.Retry(StartInstant).Errors).Code);

        order.StartProcessing(StartDay, StartInstant);
        Assert.Equal("orderNotNew", Assert.Single(order.StartProcessing(StartDay, StartInstant).Errors).Code);
        order.Activate(StartInstant);
        Assert.Equal("orderCannotFail", Assert.Single(order.Fail("x", StartInstant).Errors).Code);
        Assert.Equal("orderNotProcessing", Assert.Single(order.Activate(StartInstant).Errors).Code);
        Assert.Equal(OrderStatus.Activated, order.Status);
    }

    [Theory]
    [Trait("rule", "ORD-1")]
    [InlineData(false)]
    [InlineData(true)]
    public void Fail_ThenOperatorRetry_ReturnsToStatusItFailedFrom_ORD1(bool whileProcessing)
    {
        var (order, _) = A.NewOrder();
        if (whileProcessing)
        {
            order.StartProcessing(StartDay, StartInstant);
        }
        var from = order.Status;
        Assert.True(order.Fail("provisioningFailed", StartInstant).IsSuccess);
        Assert.Equal((OrderStatus.Error, "provisioningFailed"), (order.Status, order.ErrorCode));

        Assert.True(order.Retry(StartInstant.AddHours(1)).IsSuccess);
        Assert.Equal(from, order.Status);
        Assert.Null(order.ErrorCode);
    }

    [Fact]
    [Trait("rule", "ORD-2")]
    public void Order_CarriesItemsDatesSubtotalAndTransactionsInTimeOrder_ORD2()
    {
        var (order, _) = A.NewOrder();
        order.StartProcessing(StartDay, StartInstant);
        order.Activate(StartInstant.AddMinutes(1));
        var invoiced = order.RecordFinance(TransactionKind.Invoiced, "Invoice inv_1 issued", StartInstant.AddHours(2), "inv_1", new Money(1_200_000, Currency.USD));
        // A payment learnt about late but dated earlier still sorts by its instant.
        order.RecordFinance(TransactionKind.PaymentReceived, "Paid", StartInstant.AddHours(1), "pay_1", new Money(1_200_000, Currency.USD));

        var item = Assert.Single(order.Items);
        Assert.Equal((10, 10_000L, 1_200_000L), (item.Quantity, item.UnitPriceMonthlyMinor, item.LineTotalMinor));
        Assert.Equal(new DateOnly(2027, 12, 31), order.EndDate);
        Assert.Equal(1_200_000, order.Subtotal.Minor);
        Assert.Equal(1_200_000, invoiced.Value.AmountMinor);
        Assert.Equal(
            [TransactionKind.StatusChanged, TransactionKind.StatusChanged, TransactionKind.Provisioned, TransactionKind.StatusChanged,
             TransactionKind.PaymentReceived, TransactionKind.Invoiced],
            order.Transactions.Select(t => t.Kind));
        Assert.Equal(order.Transactions.Select(t => t.At).Order(), order.Transactions.Select(t => t.At));
        Assert.All(order.Transactions, t => Assert.StartsWith("trx_", t.Id, StringComparison.Ordinal));
    }

    [Fact]
    [Trait("rule", "ORD-2")]
    public void RecordFinance_StatusKindsOrOtherCurrency_AreRefused_ORD2()
    {
        var (order, _) = A.NewOrder();
        Assert.Equal("notFinancialTransaction", Assert.Single(order.RecordFinance(TransactionKind.Provisioned, "x", A.Now, null, null).Errors).Code);
        Assert.Equal("currencyMismatch", Assert.Single(order.RecordFinance(TransactionKind.Invoiced, "x", A.Now, null, new Money(1, Currency.EUR)).Errors).Code);
    }

    [Fact]
    [Trait("rule", "ORD-3")]
    public void Activate_GrantsEachMappedLicenseWithItemQuantity_ORD3()
    {
        var (offer, product) = A.SentOffer();
        product.AddLicense(LicenseKind.PermissionSet, A.PermissionSetId);
        var order = offer.Accept(A.Accept(product)).Value;
        order.StartProcessing(StartDay, StartInstant);

        var grants = order.Activate(StartInstant).Value;

        Assert.Equal(OrderStatus.Activated, order.Status);
        Assert.Equal(StartInstant, order.ActivatedAt);
        Assert.Equal(2, grants.Count);
        Assert.All(grants, g =>
        {
            Assert.Equal((A.PartnerId, A.OrgId, order.Id, product.Id, 10), (g.PartnerId, g.CustomerOrgId.Value, g.OrderId, g.ProductId, g.Quantity));
            Assert.Equal((StartDay, new DateOnly(2027, 12, 31)), (g.FromDate, g.ToDate));
            Assert.StartsWith("grt_", g.Id, StringComparison.Ordinal);
        });
        Assert.Equal([LicenseKind.PackageLicense, LicenseKind.PermissionSet], grants.Select(g => g.LicenseKind));
        Assert.Equal(2, order.Transactions.Count(t => t.Kind == TransactionKind.Provisioned));
    }

    [Fact]
    [Trait("rule", "ORD-5")]
    public void Expire_AfterEndDate_ActivatedBecomesExpired_ORD5()
    {
        var (order, _) = A.NewOrder();
        order.StartProcessing(StartDay, StartInstant);
        var grants = order.Activate(StartInstant).Value;

        Assert.Equal("orderNotEnded", Assert.Single(order.Expire(new DateOnly(2027, 12, 31), A.Now).Errors).Code);
        Assert.True(order.Expire(new DateOnly(2028, 1, 1), A.Now).IsSuccess);
        Assert.Equal(OrderStatus.Expired, order.Status);
        Assert.False(order.IsActive);
        Assert.All(grants, g => Assert.False(g.IsActiveOn(new DateOnly(2028, 1, 1))));
        Assert.Empty(EntitlementCalculator.On(grants, new DateOnly(2028, 1, 1)));
    }

    [Fact]
    [Trait("rule", "ORD-2")]
    [Trait("rule", "OFF-6")]
    public void AddOnOrder_EndsWithParentAndKeepsParentTerm_ORD2()
    {
        var (addOn, _, parent) = EntitlementTests.AddOnOrder(sameProduct: true);
        Assert.Equal(OfferType.AddOn, addOn.Type);
        Assert.Equal(parent.Id, addOn.ParentOrderId);
        Assert.Equal((new DateOnly(2027, 7, 1), parent.EndDate), (addOn.StartDate, addOn.EndDate));
        Assert.Equal(parent.StartDate, addOn.TermStartDate);
        Assert.Equal(907_397, addOn.SubtotalMinor); // 15 × 100 × 12 × 184/365
    }
}
