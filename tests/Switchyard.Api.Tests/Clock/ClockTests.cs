using System.Net;
using Switchyard.Api.Tests.Infrastructure;
using Switchyard.Api.Tests.Offers;

namespace Switchyard.Api.Tests.Clock;

public class ManualClockTests(SwitchyardApp app) : IClassFixture<SwitchyardApp>
{
    [Fact]
    [Trait("rule", "TIM-2")]
    public async Task Clock_NeverMovesBackwards_409AndUnchanged_TIM2()
    {
        var op = app.Operator();
        await (await op.PostJsonAsync("/v1/operator/clock", new { now = "2027-03-01T00:00:00Z" })).ExpectAsync(HttpStatusCode.OK);

        var refused = await (await op.PostJsonAsync("/v1/operator/clock", new { now = "2027-02-01T00:00:00Z" })).ExpectAsync(HttpStatusCode.Conflict);
        Assert.Equal("clockBackwards", refused.Code());

        var clock = await (await op.GetAsync("/v1/operator/clock")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(new DateTimeOffset(2027, 3, 1, 0, 0, 0, TimeSpan.Zero), clock["now"]!.GetValue<DateTimeOffset>());
        Assert.Equal("2027-03-01", clock["today"]!.GetValue<string>());
    }

    [Fact]
    [Trait("rule", "PRM-4")]
    public async Task Clock_IsForOperatorsOnly_PRM4()
    {
        var (_, partner) = await app.PartnerAsync("Clockless");
        await (await partner.PostJsonAsync("/v1/operator/clock", new { now = "2030-01-01T00:00:00Z" })).ExpectAsync(HttpStatusCode.Forbidden);
    }
}

/// <summary>Without SWITCHYARD_CLOCK=manual the clock endpoint does not exist.</summary>
public class SystemClockApp : SwitchyardApp
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["SWITCHYARD_CLOCK"] = "system" };
}

public class SystemClockTests(SystemClockApp app) : IClassFixture<SystemClockApp>
{
    [Fact]
    [Trait("rule", "TIM-2")]
    public async Task ClockEndpoint_WithoutManualMode_Is404_TIM2()
    {
        await (await app.Operator().PostJsonAsync("/v1/operator/clock", new { now = "2030-01-01T00:00:00Z" })).ExpectAsync(HttpStatusCode.NotFound);
    }
}

/// <summary>The marketplace in New York: calendar dates are New York's (UTC−5 in winter).</summary>
public class NewYorkApp : SwitchyardApp
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["SWITCHYARD_TIME_ZONE"] = "America/New_York" };
}

public class MarketplaceTimeZoneTests(NewYorkApp app) : IClassFixture<NewYorkApp>
{
    [Fact]
    [Trait("rule", "TIM-1")]
    [Trait("rule", "OFF-13")]
    public async Task OfferExpires_AtTheEndOfItsValidUntilDay_InTheMarketplaceZone_TIM1()
    {
        var s = await OfferScenario.CreateAsync(app);
        var id = await s.SentAsync(start: "2027-02-01", validUntil: "2027-01-10");

        // 2027-01-11 00:00 in New York is 05:00 UTC.
        await s.SetClockAsync("2027-01-11T04:59:59Z");
        Assert.Equal("sent", (await (await s.Partner.GetAsync($"/v1/offers/{id}")).ExpectAsync(HttpStatusCode.OK))["status"]!.GetValue<string>());
        var clock = await (await app.Operator().GetAsync("/v1/operator/clock")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("2027-01-10", clock["today"]!.GetValue<string>());

        await s.SetClockAsync("2027-01-11T05:00:00Z");
        Assert.Equal("expired", (await (await s.Partner.GetAsync($"/v1/offers/{id}")).ExpectAsync(HttpStatusCode.OK))["status"]!.GetValue<string>());
    }
}
