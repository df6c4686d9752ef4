using Switchyard.Domain.Catalog;
using Switchyard.Domain.ChannelMigration;
using Switchyard.Domain.Customers;
using Switchyard.Domain.Legacy;
using Switchyard.Domain.Offers;
using Switchyard.Domain.Orders;

namespace Switchyard.Domain.Tests.ChannelMigration;

public class MigrationStateTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 6, 1);

    private static Decision Decision(DateOnly? asOf = null) => MigrationDecisions.Decide(new DecisionInput("app_a", true,
        [new LegacyContract("lso_1", "app_a", new(2026, 1, 1), new(2026, 12, 31), false, false, 5)], [], asOf ?? Today));

    private static Migration Start(MigrationPath path = MigrationPath.CancelAndMove) =>
        Migration.Start("prt_1", CustomerId.From("cus_1"), CustomerOrgId.From("00D000000000001AAA"), CatalogEntryId.From("app_a"), path, Decision(), Now).Value;

    [Fact]
    [Trait("rule", "MIG-9")]
    public void HappyPath_PlannedToCompleted_EachStepLinked()
    {
        var m = Start();
        Assert.Equal(MigrationState.Planned, m.State);
        Assert.True(m.CancellationSubmitted("lso_c", Today, Now).IsSuccess);
        Assert.Equal("lso_c", m.CancellationOrderId);
        Assert.True(m.CancellationActivated(Now).IsSuccess);
        Assert.True(m.OfferWasSent(OfferId.From("off_1"), new(2027, 1, 1), Now).IsSuccess);
        Assert.True(m.OfferWasAccepted(OrderId.From("ord_1"), Now).IsSuccess);
        Assert.Equal("notDue", m.Complete(new(2026, 12, 31), Now).Errors[0].Code);
        Assert.True(m.Complete(new(2027, 1, 1), Now).IsSuccess);
        Assert.Equal(MigrationState.Completed, m.State);
        Assert.Equal(("off_1", "ord_1"), (m.OfferId?.Value, m.OrderId?.Value));
    }

    [Fact]
    [Trait("rule", "MIG-5")]
    public void OfferBeforeCancellationActivated_Refused()
    {
        var m = Start();
        m.CancellationSubmitted("lso_c", Today, Now);
        Assert.Equal("cancellationNotActivated", m.OfferWasSent(OfferId.From("off_1"), new(2027, 1, 1), Now).Errors[0].Code);
    }

    [Fact]
    [Trait("rule", "MIG-7")]
    public void OfferStartingWhileLegacyActive_Refused()
    {
        var m = Start();
        m.CancellationSubmitted("lso_c", Today, Now);
        m.CancellationActivated(Now);
        Assert.Equal("legacyContractActive", m.OfferWasSent(OfferId.From("off_1"), new(2026, 12, 31), Now).Errors[0].Code);
    }

    [Fact]
    [Trait("rule", "MIG-2")]
    public void Start_KeepAndAdd_RefusedNamingTheRule()
    {
        var refused = Migration.Start("prt_1", CustomerId.From("cus_1"), CustomerOrgId.From("org"), CatalogEntryId.From("app_a"), MigrationPath.KeepAndAdd, Decision(), Now);
        Assert.Equal("legacyContractNotExpandable", refused.Errors[0].Code);
    }

    [Fact]
    [Trait("rule", "MIG-5")]
    public void Start_CancelAndMoveTooLate_CancelByPassed()
    {
        var refused = Migration.Start("prt_1", CustomerId.From("cus_1"), CustomerOrgId.From("org"), CatalogEntryId.From("app_a"), MigrationPath.CancelAndMove, Decision(new(2026, 12, 26)), Now);
        Assert.Equal("cancelByPassed", refused.Errors[0].Code);
    }

    [Fact]
    [Trait("rule", "MIG-6")]
    public void AtRenewal_CancellationDueOnCancelByDay()
    {
        var m = Start(MigrationPath.AtRenewal);
        Assert.False(m.CancellationDue(new(2026, 12, 23)));
        Assert.True(m.CancellationDue(new(2026, 12, 24)));
        Assert.True(Start().CancellationDue(Today));
    }

    [Fact]
    [Trait("rule", "MIG-9")]
    public void IllegalTransitions_AreErrors_NotNoOps()
    {
        var m = Start();
        Assert.Equal("illegalTransition", m.CancellationActivated(Now).Errors[0].Code);
        Assert.Equal("illegalTransition", m.OfferWasAccepted(OrderId.From("ord"), Now).Errors[0].Code);
        Assert.True(m.Abandon(Now).IsSuccess);
        Assert.Equal("illegalTransition", m.Fail("x", Now).Errors[0].Code);
    }
}
