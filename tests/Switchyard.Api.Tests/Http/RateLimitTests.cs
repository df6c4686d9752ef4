using System.Net;
using Switchyard.Api.Tests.Infrastructure;

namespace Switchyard.Api.Tests.Http;

/// <summary>A server that allows five requests a minute per key.</summary>
public sealed class RateLimitedApp : SwitchyardApp
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["SWITCHYARD_RATE_LIMIT_PER_MINUTE"] = "5" };
}

/// <summary>SEC-7: requests are limited per key; the limit answers 429 with Retry-After.</summary>
public class RateLimitTests(RateLimitedApp app) : IClassFixture<RateLimitedApp>
{
    [Fact]
    [Trait("rule", "SEC-7")]
    public async Task SixthRequestOfOneKey_Is429WithRetryAfter_AnotherKeyIsNotAffected_SEC7()
    {
        // Three operator requests: well within the operator key's own five.
        var partnerId = await app.CreatePartnerAsync("Chatty", approve: false);
        var chatty = app.ClientWithKey(await app.IssuePartnerKeyAsync(partnerId, "app.view"));
        var quiet = app.ClientWithKey(await app.IssuePartnerKeyAsync(partnerId, "app.view"));

        for (var i = 1; i <= 5; i++)
        {
            await (await chatty.GetAsync("/v1/account")).ExpectAsync(HttpStatusCode.OK);
        }
        var limited = await chatty.GetAsync("/v1/account");
        var problem = await limited.ExpectAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.Equal("rateLimited", problem.Code());
        Assert.Equal(429, problem["status"]!.GetValue<int>());
        var retryAfter = limited.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));

        // Writes are limited too, and nothing is written.
        var write = await chatty.PatchJsonAsync("/v1/account", new { phone = "+1 555 0111" });
        Assert.Equal(HttpStatusCode.TooManyRequests, write.StatusCode);

        await (await quiet.GetAsync("/v1/account")).ExpectAsync(HttpStatusCode.OK);
        var account = await (await quiet.GetAsync("/v1/account")).ExpectAsync(HttpStatusCode.OK);
        Assert.Null(account["phone"]);
    }

    [Fact]
    [Trait("rule", "SEC-7")]
    public async Task ForgedTokensWithAKeysPublicPrefix_DoNotUseUpThatKeysQuota_SEC7()
    {
        var partnerId = await app.CreatePartnerAsync("Victim", approve: false);
        var token = await app.IssuePartnerKeyAsync(partnerId, "app.view");
        var victim = app.ClientWithKey(token);
        // The prefix is public (key lists show it); the secret part is not.
        var prefix = token[..token.LastIndexOf('_')];
        for (var i = 0; i < 6; i++)
        {
            var forged = app.ClientWithKey(prefix + "_" + new string((char)('a' + i), token.Length - prefix.Length - 1));
            var response = await forged.GetAsync("/v1/account");
            Assert.True(response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.TooManyRequests, $"{(int)response.StatusCode}");
        }
        for (var i = 1; i <= 5; i++)
        {
            await (await victim.GetAsync("/v1/account")).ExpectAsync(HttpStatusCode.OK);
        }
        await (await victim.GetAsync("/v1/account")).ExpectAsync(HttpStatusCode.TooManyRequests);
    }
}
