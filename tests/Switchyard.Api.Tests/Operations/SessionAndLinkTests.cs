using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Switchyard.Api.Tests.Infrastructure;

namespace Switchyard.Api.Tests.Operations;

/// <summary>A server with a configured public address whose every log entry, down to Trace, is captured.</summary>
public sealed class PublicUrlApp : SwitchyardApp
{
    public const string PublicUrl = "https://market.example.com";

    public LogCapture Logs { get; } = new();

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["SWITCHYARD_PUBLIC_URL"] = PublicUrl,
        ["Logging:LogLevel:Default"] = "Trace",
        ["Logging:LogLevel:Microsoft"] = "Trace",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Trace",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Trace).AddProvider(Logs));
    }

    /// <summary>A client that keeps cookies (the console's session and antiforgery cookies).</summary>
    public HttpClient Browser() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
}

/// <summary>SEC-10: sessions end on sign-out, links use the configured address, secrets stay out of logs.</summary>
public class SessionAndLinkTests(PublicUrlApp app) : IClassFixture<PublicUrlApp>
{
    [Fact]
    [Trait("rule", "SEC-10")]
    public async Task SignOut_EndsTheSessionOnTheServer_ACopiedCookieStopsWorking_SEC10()
    {
        await ConsoleSession.CreateOperatorAsync(app, "signout@ops.example", "a long enough password");
        var browser = app.Browser();
        var signedIn = await ConsoleSession.SignInAsync(browser, "signout@ops.example", "a long enough password");
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("switchyard.session=", StringComparison.Ordinal)).Split(';')[0];

        // A copy of the cookie (another browser, a stolen header) works while the session lives.
        var copy = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        copy.DefaultRequestHeaders.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync(new Uri("/console/partners", UriKind.Relative))).StatusCode);

        var fields = await ConsoleSession.FormFieldsAsync(browser, "/console/partners", "/console/sign-out");
        var signedOut = await browser.PostAsync(new Uri("/console/sign-out", UriKind.Relative), new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);

        var after = await copy.GetAsync(new Uri("/console/partners", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/console/sign-in", after.Headers.Location!.OriginalString.Replace("http://localhost", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("rule", "SEC-10")]
    public async Task InvitationLinks_UseThePublicUrl_NeverTheRequestsHostHeader_SEC10()
    {
        var op = app.Operator();
        await (await op.PostJsonAsync("/v1/customer-orgs", new { orgId = "00D00000000HOST", name = "Host Org" })).ExpectAsync(HttpStatusCode.Created);
        var user = await (await op.PostJsonAsync("/v1/customer-orgs/00D00000000HOST/users", new { email = "host@cust.example", manageBilling = true }))
            .ExpectAsync(HttpStatusCode.Created);
        using var customer = new HttpRequestMessage(HttpMethod.Post, $"/v1/customer-orgs/00D00000000HOST/users/{user["id"]}/invitation");
        customer.Headers.Host = "evil.example";
        var invited = await (await op.SendAsync(customer)).ExpectAsync(HttpStatusCode.Created);
        Assert.StartsWith(PublicUrlApp.PublicUrl + "/console/invitation?token=", invited["invitationUrl"]!.GetValue<string>(), StringComparison.Ordinal);

        var partnerId = await app.CreatePartnerAsync("Host Partner");
        using var partner = new HttpRequestMessage(HttpMethod.Post, $"/v1/partners/{partnerId}/users")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { email = "host@partner.example", permissions = new[] { "app.view" } }),
        };
        partner.Headers.Host = "evil.example";
        partner.Headers.Add("X-Forwarded-Host", "evil.example");
        var partnerInvite = await (await op.SendAsync(partner)).ExpectAsync(HttpStatusCode.Created);
        Assert.StartsWith(PublicUrlApp.PublicUrl + "/console/invitation?token=", partnerInvite["invitationUrl"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("rule", "SEC-10")]
    public async Task Secrets_NeverAppearInLogs_EvenAtTrace_SEC10()
    {
        var op = app.Operator();
        await (await op.PostJsonAsync("/v1/customer-orgs", new { orgId = "00D00000000LOGS", name = "Log Org" })).ExpectAsync(HttpStatusCode.Created);
        var user = await (await op.PostJsonAsync("/v1/customer-orgs/00D00000000LOGS/users", new { email = "logs@cust.example", manageBilling = true }))
            .ExpectAsync(HttpStatusCode.Created);
        var invited = await (await op.PostAsync($"/v1/customer-orgs/00D00000000LOGS/users/{user["id"]}/invitation", null)).ExpectAsync(HttpStatusCode.Created);
        var link = new Uri(invited["invitationUrl"]!.GetValue<string>());
        var token = Uri.UnescapeDataString(link.Query["?token=".Length..]);

        // The invitee opens the link and sets a password (the token travels in the query string both times).
        var browser = app.Browser();
        var pathAndQuery = link.PathAndQuery;
        var fields = await ConsoleSession.FormFieldsAsync(browser, pathAndQuery);
        fields["Input.Password"] = "invitee password 123";
        fields["Input.Confirm"] = "invitee password 123";
        var accepted = await browser.PostAsync(new Uri(pathAndQuery, UriKind.Relative), new FormUrlEncodedContent(fields));
        Assert.True(accepted.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK, $"{(int)accepted.StatusCode}");

        // A new API key, used once.
        var partnerId = await app.CreatePartnerAsync("Log Partner");
        var key = await app.IssuePartnerKeyAsync(partnerId, "app.view");
        await (await app.ClientWithKey(key).GetAsync(new Uri("/v1/account", UriKind.Relative))).ExpectAsync(HttpStatusCode.OK);
        var secretPart = key[(key.LastIndexOf('_') + 1)..];

        var entries = app.Logs.Entries;
        Assert.Contains(entries, e => e.Level == LogLevel.Debug && e.Message.Contains("/console/invitation", StringComparison.Ordinal));
        Assert.DoesNotContain(entries, e => e.Message.Contains(token, StringComparison.Ordinal) || e.Message.Contains(Uri.EscapeDataString(token), StringComparison.Ordinal));
        Assert.DoesNotContain(entries, e => e.Message.Contains(secretPart, StringComparison.Ordinal));
        Assert.DoesNotContain(entries, e => e.Message.Contains("invitee password", StringComparison.Ordinal));
    }
}
