using Switchyard.Domain.Legacy;

namespace Switchyard.Domain.Tests.Legacy;

public class LegacyContractTests
{
    private static readonly DateOnly Start = new(2026, 3, 1);
    private static readonly DateOnly End = new(2027, 2, 28);

    private static LegacyLine Contract(string id = "lso_1", string app = "app_a", LegacyOrderStatus status = LegacyOrderStatus.Activated) =>
        new(id, app, LegacyOrderType.New, status, Start, End);

    [Theory]
    [Trait("rule", "LEG-5")]
    [InlineData("2026-02-28", false)]
    [InlineData("2026-03-01", true)]
    [InlineData("2027-02-28", true)]
    [InlineData("2027-03-01", false)]
    public void ActiveAppsOn_FromStartToEnd_Inclusive(string day, bool active)
    {
        var apps = LegacyContracts.ActiveAppsOn([Contract()], DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(active, apps.Contains("app_a"));
    }

    [Fact]
    [Trait("rule", "LEG-5")]
    public void ActiveAppsOn_ActivatedCancellation_EndsTheContractOnItsDate()
    {
        var cancel = new LegacyLine("lso_2", "app_a", LegacyOrderType.Cancellation, LegacyOrderStatus.Activated, new(2026, 9, 30), new(2026, 9, 30));
        Assert.Contains("app_a", LegacyContracts.ActiveAppsOn([Contract(), cancel], new(2026, 9, 30)));
        Assert.DoesNotContain("app_a", LegacyContracts.ActiveAppsOn([Contract(), cancel], new(2026, 10, 1)));
        var contract = Assert.Single(LegacyContracts.Of([Contract(), cancel]));
        Assert.True(contract.CancellationActivated);
    }

    [Fact]
    [Trait("rule", "LEG-5")]
    public void ActiveAppsOn_SubmittedCancellation_DoesNotEndIt()
    {
        var cancel = new LegacyLine("lso_2", "app_a", LegacyOrderType.Cancellation, LegacyOrderStatus.Submitted, new(2026, 9, 30), new(2026, 9, 30));
        Assert.Contains("app_a", LegacyContracts.ActiveAppsOn([Contract(), cancel], new(2026, 12, 1)));
        Assert.True(Assert.Single(LegacyContracts.Of([Contract(), cancel])).CancellationPending);
    }

    [Theory]
    [Trait("rule", "LEG-5")]
    [InlineData(LegacyOrderStatus.Draft)]
    [InlineData(LegacyOrderStatus.Cancelled)]
    [InlineData(LegacyOrderStatus.Error)]
    public void ActiveAppsOn_OrderThatNeverTookEffect_IsNoContract(LegacyOrderStatus status) =>
        Assert.Empty(LegacyContracts.ActiveAppsOn([Contract(status: status)], new(2026, 6, 1)));

    [Fact]
    [Trait("rule", "LEG-5")]
    public void ActiveAppsOn_CancellationOfAnotherApp_ChangesNothing()
    {
        var cancel = new LegacyLine("lso_2", "app_b", LegacyOrderType.Cancellation, LegacyOrderStatus.Activated, new(2026, 4, 1), new(2026, 4, 1));
        Assert.Contains("app_a", LegacyContracts.ActiveAppsOn([Contract(), cancel], new(2026, 6, 1)));
    }

    [Theory]
    [Trait("rule", "LEG-2")]
    [InlineData("Add-On", LegacyOrderType.AddOn)]
    [InlineData("addOn", LegacyOrderType.AddOn)]
    [InlineData("ADDON", LegacyOrderType.AddOn)]
    [InlineData("new", LegacyOrderType.New)]
    [InlineData("Cancellation", LegacyOrderType.Cancellation)]
    [InlineData(" renewal ", LegacyOrderType.Renewal)]
    public void TryParseType_LegacySpellings_CaseInsensitive(string text, LegacyOrderType expected)
    {
        Assert.True(LegacySpellings.TryParseType(text, out var type));
        Assert.Equal(expected, type);
    }

    [Theory]
    [Trait("rule", "LEG-2")]
    [InlineData("")]
    [InlineData("3")]
    [InlineData("refund")]
    public void TryParseType_Unknown_Refused(string text) => Assert.False(LegacySpellings.TryParseType(text, out _));

    [Theory]
    [Trait("rule", "LEG-1")]
    [InlineData("Activated", LegacyOrderStatus.Activated)]
    [InlineData("SUBMITTED", LegacyOrderStatus.Submitted)]
    [InlineData("canceled", LegacyOrderStatus.Cancelled)]
    public void TryParseStatus_Spellings(string text, LegacyOrderStatus expected)
    {
        Assert.True(LegacySpellings.TryParseStatus(text, out var status));
        Assert.Equal(expected, status);
    }

    [Fact]
    [Trait("rule", "LEG-1")]
    public void Activate_SubmittedCancellation_Activates_ThenRefusesTwice()
    {
        var order = LegacyServiceOrder.Create("prt_1", new LegacyServiceOrder.Fields("X-1", "00D000000000001AAA", "Globex", "app_a",
            LegacyOrderType.Cancellation, 1, 0, "USD", End, End, LegacyOrderStatus.Submitted, DateTimeOffset.UnixEpoch));
        Assert.True(order.Activate(DateTimeOffset.UnixEpoch).IsSuccess);
        Assert.Equal(LegacyOrderStatus.Activated, order.Status);
        Assert.Equal("legacyOrderNotSubmitted", order.Activate(DateTimeOffset.UnixEpoch).Errors[0].Code);
    }
}
