using Switchyard.Domain.ChannelMigration;
using Switchyard.Domain.Legacy;

namespace Switchyard.Domain.Tests.ChannelMigration;

/// <summary>One test per row of the decision table, then one per MIG rule.</summary>
public class DecisionTableTests
{
    private const string AppA = "app_a";
    private const string AppB = "app_b";
    private static readonly DateOnly AsOf = new(2026, 6, 1);
    private static readonly DateOnly End = new(2026, 12, 31);

    private static LegacyContract Legacy(string app = AppA, DateOnly? end = null, bool cancelled = false) =>
        new("lso_1", app, new(2026, 1, 1), end ?? End, cancelled, false, 10);

    private static PlatformHolding Platform(string app) =>
        new("ord_1", new HashSet<string> { app }, new(2026, 1, 1), new(2026, 12, 31), true);

    private static Decision Decide(string app = AppA, bool contracted = true, IReadOnlyList<LegacyContract>? legacy = null,
        IReadOnlyList<PlatformHolding>? platform = null, DateOnly? asOf = null) =>
        MigrationDecisions.Decide(new DecisionInput(app, contracted, legacy ?? [], platform ?? [], asOf ?? AsOf));

    [Fact]
    [Trait("rule", "MIG-1")]
    public void Row1_NetNewCustomer_InitialOnPlatform_Allowed()
    {
        var d = Decide();
        Assert.Equal([MigrationPath.NetNew], d.AllowedPaths);
        Assert.Equal(MigrationPath.NetNew, d.Recommended);
        Assert.Equal(AsOf, d.RecommendedPlan!.PlatformStart);
    }

    [Fact]
    [Trait("rule", "MIG-5")]
    public void Row2_LegacyCustomer_CancelAndMove_AllowedAsInitialFromDayAfterEnd()
    {
        var plan = Decide(legacy: [Legacy()]).PlanFor(MigrationPath.CancelAndMove);
        Assert.NotNull(plan);
        Assert.Equal(new DateOnly(2027, 1, 1), plan.PlatformStart);
        Assert.Equal(new DateOnly(2026, 12, 24), plan.CancelBy);
    }

    [Fact]
    [Trait("rule", "MIG-2")]
    public void Row3_LegacyCustomer_KeepAndAddLicensesOnPlatform_RefusedWithReason()
    {
        var d = Decide(legacy: [Legacy()]);
        Assert.DoesNotContain(MigrationPath.KeepAndAdd, d.AllowedPaths);
        var blocker = Assert.Single(d.BlockersFor(MigrationPath.KeepAndAdd));
        Assert.Equal("legacyContractNotExpandable", blocker.Code);
        Assert.Contains("legacy channel", blocker.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("rule", "MIG-6")]
    public void Row4_LegacyCustomer_MigrateAtRenewal_StartsDayAfterContractEnd()
    {
        var plan = Decide(legacy: [Legacy()]).PlanFor(MigrationPath.AtRenewal);
        Assert.NotNull(plan);
        Assert.Equal(End.AddDays(1), plan.PlatformStart);
        Assert.Equal(End, plan.ContractEnd);
    }

    [Fact]
    [Trait("rule", "MIG-3")]
    public void Row5_PlatformCustomer_AddLicenses_AllowedAsAddOn()
    {
        var d = Decide(platform: [Platform(AppA)]);
        Assert.Equal([MigrationPath.AddLicenses], d.AllowedPaths);
        Assert.Equal("alreadyOnPlatform", Assert.Single(d.BlockersFor(MigrationPath.NetNew)).Code);
    }

    [Fact]
    [Trait("rule", "MIG-3")]
    public void Row6_PlatformCustomer_AddAnotherProduct_AllowedAsAddOn()
    {
        var d = Decide(app: AppB, platform: [Platform(AppA)]);
        Assert.Equal([MigrationPath.AddProduct], d.AllowedPaths);
    }

    [Fact]
    [Trait("rule", "MIG-1")]
    public void NetNewIsPerProduct_LegacyForAppA_AppBIsNetNew()
    {
        var d = Decide(app: AppB, legacy: [Legacy(AppA)]);
        Assert.Equal(MigrationPath.NetNew, d.Recommended);
        Assert.Null(d.Contract);
    }

    [Fact]
    [Trait("rule", "MIG-3")]
    public void AddOnOnlyForPlatformPurchases_LegacyApp_AddLicensesRefused()
    {
        var d = Decide(legacy: [Legacy()]);
        Assert.Equal("addOnRequiresPlatformOrder", Assert.Single(d.BlockersFor(MigrationPath.AddLicenses)).Code);
    }

    [Fact]
    [Trait("rule", "MIG-4")]
    public void NotContractedApp_EveryPathRefused()
    {
        var d = Decide(contracted: false, legacy: [Legacy()]);
        Assert.Empty(d.Allowed);
        Assert.Null(d.Recommended);
        Assert.All(MigrationPaths.All, p => Assert.Equal("appNotContracted", Assert.Single(d.BlockersFor(p)).Code));
    }

    [Theory]
    [Trait("rule", "MIG-5")]
    [InlineData("2026-12-23", true)]
    [InlineData("2026-12-24", true)] // the cancel-by day itself still counts
    [InlineData("2026-12-25", false)]
    public void CancelBy_ContractEndMinusSevenDays_Inclusive(string asOf, bool allowed)
    {
        var d = Decide(legacy: [Legacy()], asOf: DateOnly.Parse(asOf, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(allowed, d.AllowedPaths.Contains(MigrationPath.CancelAndMove));
    }

    [Fact]
    [Trait("rule", "MIG-5")]
    public void TooLate_CancelByPassed_NextRenewalOfferedWithItsDates()
    {
        var d = Decide(legacy: [Legacy()], asOf: new(2026, 12, 28));
        var blocker = Assert.Single(d.BlockersFor(MigrationPath.CancelAndMove));
        Assert.Equal("cancelByPassed", blocker.Code);
        Assert.Contains("2027-12-24", blocker.Message, StringComparison.Ordinal);
        Assert.Contains("2028-01-01", blocker.Message, StringComparison.Ordinal);
        Assert.Equal(MigrationPath.AtRenewal, d.Recommended);
        var plan = d.RecommendedPlan!;
        Assert.Equal(new DateOnly(2027, 12, 31), plan.ContractEnd);
        Assert.Equal(new DateOnly(2027, 12, 24), plan.CancelBy);
        Assert.Equal(new DateOnly(2028, 1, 1), plan.PlatformStart);
    }

    [Fact]
    [Trait("rule", "MIG-5")]
    public void CancellationAlreadyActivated_CancelAndMove_NoDeadline()
    {
        var d = Decide(legacy: [Legacy(cancelled: true)], asOf: new(2026, 12, 30));
        var plan = d.PlanFor(MigrationPath.CancelAndMove)!;
        Assert.Null(plan.CancelBy);
        Assert.Equal(End.AddDays(1), plan.PlatformStart);
    }

    [Fact]
    [Trait("rule", "MIG-7")]
    public void LegacyActive_NetNewRefused_LegacyContractActive()
    {
        var d = Decide(legacy: [Legacy()]);
        Assert.Equal("legacyContractActive", Assert.Single(d.BlockersFor(MigrationPath.NetNew)).Code);
    }

    [Fact]
    [Trait("rule", "MIG-8")]
    public void ExpiredLegacyContract_IsNetNewAgain()
    {
        var d = Decide(legacy: [Legacy(end: new(2026, 5, 31))]);
        Assert.Equal(MigrationPath.NetNew, d.Recommended);
    }
}
