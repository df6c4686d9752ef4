using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Api.Tests.Infrastructure;

namespace Switchyard.Api.Tests.Operations;

/// <summary>
/// A server with low limits (5 requests a minute per caller or address, 3 sign-ins a minute per address) where a
/// test chooses its client address with the X-Test-Address header (the in-memory server has none).
/// </summary>
public sealed class LowLimitApp : SwitchyardApp
{
    public const string AddressHeader = "X-Test-Address";

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["SWITCHYARD_RATE_LIMIT_PER_MINUTE"] = "5",
        ["SWITCHYARD_SIGN_IN_LIMIT_PER_MINUTE"] = "3",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(s => s.AddSingleton<IStartupFilter, TestAddressFilter>());
    }

    public HttpClient FromAddress(string address, string? bearer = null)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Add(AddressHeader, address);
        if (bearer is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }
        return client;
    }

    private sealed class TestAddressFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers[AddressHeader].FirstOrDefault() is { } address)
                {
                    context.Connection.RemoteIpAddress = IPAddress.Parse(address);
                }
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}

/// <summary>SEC-9: rate limits apply before authentication, per client address.</summary>
public class PreAuthRateLimitTests(LowLimitApp app) : IClassFixture<LowLimitApp>
{
    private static string RandomToken() => "sy_" + Guid.NewGuid().ToString("N") + "_" + Guid.NewGuid().ToString("N");

    [Fact]
    [Trait("rule", "SEC-9")]
    public async Task ManyRandomTokensFromOneAddress_Meet429s_PerAddressNotPerToken_SEC9()
    {
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 200; i++)
        {
            last = await app.FromAddress("203.0.113.10", RandomToken()).GetAsync(new Uri("/v1/account", UriKind.Relative));
            statuses.Add(last.StatusCode);
        }
        // Five guesses a minute from this address, however many different tokens it sends.
        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.Unauthorized));
        Assert.Equal(195, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        var problem = await last!.ExpectAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal("rateLimited", problem.Code());
        Assert.InRange(last!.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));

        // No key at all counts against the same address; a malformed header too.
        await (await app.FromAddress("203.0.113.10").GetAsync(new Uri("/v1/account", UriKind.Relative))).ExpectAsync(HttpStatusCode.TooManyRequests);

        // Another address has its own budget, and a valid key is limited by its own quota, not its sender's address.
        await (await app.FromAddress("203.0.113.11", RandomToken()).GetAsync(new Uri("/v1/account", UriKind.Relative))).ExpectAsync(HttpStatusCode.Unauthorized);
        var partnerId = await app.CreatePartnerAsync("Honest", approve: false);
        var key = await app.IssuePartnerKeyAsync(partnerId, "app.view");
        await (await app.FromAddress("203.0.113.10", key).GetAsync(new Uri("/v1/account", UriKind.Relative))).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    [Trait("rule", "SEC-9")]
    public async Task ConsoleSignIns_AreLimitedPerAddress_WhateverTheAuthorizationHeader_SEC9()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++)
        {
            // A random bearer token, the operator's real key, or none: the sign-in form is limited by address alike.
            var bearer = (i % 3) switch { 0 => RandomToken(), 1 => SwitchyardApp.OperatorKey, _ => null };
            var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Email"] = $"guess{i}@example.com", ["Input.Password"] = "guess" });
            var response = await app.FromAddress("198.51.100.20", bearer).PostAsync(new Uri("/console/sign-in", UriKind.Relative), form);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.NotNull(response.Headers.RetryAfter?.Delta);
            }
        }
        Assert.Equal(3, statuses.Count(s => s != HttpStatusCode.TooManyRequests));
        Assert.Equal(9, statuses.Count(s => s == HttpStatusCode.TooManyRequests));

        // Invitation forms (a token to guess) share the sign-in budget of the address.
        var invitation = await app.FromAddress("198.51.100.20").PostAsync(new Uri("/console/invitation?token=guess", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string>()));
        Assert.Equal(HttpStatusCode.TooManyRequests, invitation.StatusCode);

        // Reading the sign-in page is not a sign-in attempt.
        Assert.Equal(HttpStatusCode.OK, (await app.FromAddress("198.51.100.21").GetAsync(new Uri("/console/sign-in", UriKind.Relative))).StatusCode);
    }
}
