using System.Net;
using Microsoft.EntityFrameworkCore;
using Switchyard.Api.Tests.Infrastructure;

namespace Switchyard.Api.Tests.Http;

public class HardeningTests(SwitchyardApp app) : IClassFixture<SwitchyardApp>
{
    [Theory]
    [InlineData("/console/sign-in")]
    [InlineData("/v1/partners")]
    [InlineData("/health")]
    public async Task EveryResponse_CarriesBrowserHardeningHeaders(string path)
    {
        var response = await app.Anonymous().GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("rule", "SEC-3")]
    public async Task IdempotencyRecords_AreKeptADayThenRemoved_SEC3()
    {
        var op = app.Operator();
        using var first = new HttpRequestMessage(HttpMethod.Post, "/v1/partners") { Content = JsonContent("Kept") };
        first.Headers.Add("Idempotency-Key", "retention-1");
        await (await op.SendAsync(first)).ExpectAsync(HttpStatusCode.Created);

        await (await op.PostJsonAsync("/v1/operator/clock", new { now = SwitchyardApp.ClockStart.AddHours(23) })).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1, await CountAsync("retention-1"));

        await (await op.PostJsonAsync("/v1/operator/clock", new { now = SwitchyardApp.ClockStart.AddHours(25) })).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(0, await CountAsync("retention-1"));
    }

    [Fact]
    [Trait("rule", "SEC-3")]
    public async Task ClockRunWithAKey_MovingPastTheRetention_KeepsItsOwnAnswerForItsRetries_SEC3()
    {
        var op = app.Operator();
        var now = (await (await op.GetAsync("/v1/operator/clock")).ExpectAsync(HttpStatusCode.OK))["now"]!.GetValue<DateTimeOffset>();
        var body = new StringContent($$"""{"now":"{{now.AddDays(3):O}}"}""", System.Text.Encoding.UTF8, "application/json");

        // The run's own claim was made under the old time, so it is older than a day once the run has moved
        // the clock; the run's expiry step must not remove it.
        using var first = new HttpRequestMessage(HttpMethod.Post, "/v1/operator/clock") { Content = body };
        first.Headers.Add("Idempotency-Key", "clock-jump-1");
        await (await op.SendAsync(first)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1, await CountAsync("clock-jump-1"));

        using var retry = new HttpRequestMessage(HttpMethod.Post, "/v1/operator/clock") { Content = body };
        retry.Headers.Add("Idempotency-Key", "clock-jump-1");
        var replay = await op.SendAsync(retry);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());
    }

    private async Task<int> CountAsync(string key)
    {
        await using var scope = app.DbScope(out var db);
        return await db.IdempotencyRecords.CountAsync(r => r.Key == key);
    }

    private static StringContent JsonContent(string name) =>
        new($$"""{"name":"{{name}}"}""", System.Text.Encoding.UTF8, "application/json");
}

/// <summary>A server behind a TLS proxy on the private network.</summary>
public class TrustedProxyApp : SwitchyardApp
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["SWITCHYARD_TRUST_FORWARDED"] = "1" };
}

public class ForwardedHeadersTests(TrustedProxyApp app) : IClassFixture<TrustedProxyApp>
{
    [Theory]
    [InlineData("https", true)]
    [InlineData("http", false)]
    [Trait("rule", "SEC-2")]
    public async Task ConsoleCookies_AreSecure_WhenTheProxySaysHttps_SEC2(string proto, bool secure)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/console/sign-in");
        request.Headers.Add("X-Forwarded-Proto", proto);
        var response = await app.Anonymous().SendAsync(request);
        var cookies = response.Headers.GetValues("Set-Cookie").ToList();
        Assert.NotEmpty(cookies);
        Assert.All(cookies, c => Assert.Equal(secure, c.Contains("secure", StringComparison.OrdinalIgnoreCase)));
    }
}
