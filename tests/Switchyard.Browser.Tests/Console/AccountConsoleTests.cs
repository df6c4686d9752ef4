using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Switchyard.Browser.Tests.Infrastructure;

namespace Switchyard.Browser.Tests.Console;

/// <summary>The signed-in user's own account: changing the password, sign-in lockout, and the console's 404 page.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class AccountConsoleTests(ConsoleServer server)
{
    private const string Password = "a long enough password";
    private const string NewPassword = "an even longer new password";

    /// <summary>A partner user (app.view) who accepted an operator's invitation; returns the page signed in, the email and the user id.</summary>
    private async Task<(IPage Page, string Email, string UserId)> PartnerUserAsync(string name)
    {
        using var api = server.OperatorApi();
        var partnerId = (await ConsoleServer.ReadAsync<JsonElement>(await api.PostAsJsonAsync("/v1/partners", new { name }))).GetProperty("id").GetString()!;
        await ConsoleServer.ReadAsync<JsonElement>(await api.PostAsync($"/v1/partners/{partnerId}/approve", null));
        var email = $"{partnerId}@partner.test";
        var invitation = await ConsoleServer.ReadAsync<JsonElement>(await api.PostAsJsonAsync($"/v1/partners/{partnerId}/users",
            new { email, permissions = new[] { "app.view" } }));
        var page = await server.NewPageAsync();
        await page.GotoAsync(new Uri(invitation.GetProperty("invitationUrl").GetString()!).PathAndQuery);
        await page.FillAsync("#password", Password);
        await page.FillAsync("#confirm", Password);
        await page.ClickAsync("button[type=submit]:has-text('Set password')");
        await page.WaitForURLAsync("**/console/overview");
        return (page, email, invitation.GetProperty("userId").GetString()!);
    }

    private static async Task SubmitPasswordChangeAsync(IPage page, string current, string password, string confirm)
    {
        await page.FillAsync("#current-password", current);
        await page.FillAsync("#new-password", password);
        await page.FillAsync("#confirm-password", confirm);
        await page.ClickAsync("#change-password-submit");
    }

    [Fact]
    [Trait("rule", "AUD-1")]
    public async Task PartnerUser_ChangesPassword_ThenSignsInWithNewOneOnly()
    {
        var (page, email, userId) = await PartnerUserAsync("Passwordia");

        await page.ClickAsync("header #change-password");
        await page.WaitForURLAsync("**/console/account/password");

        await SubmitPasswordChangeAsync(page, Password, "too short", "too short");
        await Assertions.Expect(page.Locator(".error[data-field=password]")).ToContainTextAsync("at least 12 characters");
        await SubmitPasswordChangeAsync(page, Password, NewPassword, NewPassword + "!");
        await Assertions.Expect(page.Locator(".error[data-field=confirm]")).ToContainTextAsync("differ");
        await SubmitPasswordChangeAsync(page, "not my password", NewPassword, NewPassword);
        await Assertions.Expect(page.Locator(".error[data-field=currentPassword]")).ToContainTextAsync("not right");

        await SubmitPasswordChangeAsync(page, Password, NewPassword, NewPassword);
        await Assertions.Expect(page.Locator("#password-changed")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ConsoleServer.ArtifactsDir, "password-changed.png"), FullPage = true });

        using (var api = server.OperatorApi())
        {
            var audit = await ConsoleServer.ReadAsync<JsonElement>(await api.GetAsync($"/v1/operator/audit?objectId={userId}"));
            var changed = Assert.Single(audit.EnumerateArray(), e => e.GetProperty("action").GetString() == "consoleUser.passwordChanged");
            Assert.Equal($"partnerUser:{email}", changed.GetProperty("actor").GetString());
            Assert.Equal("[redacted]", changed.GetProperty("changes").GetProperty("passwordHash").GetProperty("new").GetString());
        }

        await page.ClickAsync("header button:has-text('Sign out')");
        await page.WaitForURLAsync("**/console/sign-in");
        await ConsoleServer.SignInAsync(page, email, Password);
        await Assertions.Expect(page.Locator("#sign-in-error")).ToBeVisibleAsync();
        await ConsoleServer.SignInAsync(page, email, NewPassword);
        await page.WaitForURLAsync("**/console/overview");
    }

    [Fact]
    public async Task PasswordChange_EndsTheUsersOtherSessions_ButNotTheCurrentOne()
    {
        var (page, email, _) = await PartnerUserAsync("Stampia");
        var other = await server.NewPageAsync();
        await ConsoleServer.SignInAsync(other, email, Password);
        await other.WaitForURLAsync("**/console/overview");

        await page.GotoAsync("/console/account/password");
        await SubmitPasswordChangeAsync(page, Password, NewPassword, NewPassword);
        await Assertions.Expect(page.Locator("#password-changed")).ToBeVisibleAsync();

        await other.GotoAsync("/console/products");
        await other.WaitForURLAsync("**/console/sign-in**");
        await page.GotoAsync("/console/products");
        await page.WaitForURLAsync("**/console/products");
    }

    [Fact]
    public async Task SignIn_SixthAttemptAfterFiveFailures_IsRefusedUntilLockEnds_ForKnownAndUnknownEmails()
    {
        var (signedIn, email, _) = await PartnerUserAsync("Lockout Ltd");
        await signedIn.Context.CloseAsync();
        using var api = server.OperatorApi();
        var now = (await ConsoleServer.ReadAsync<JsonElement>(await api.GetAsync("/v1/operator/clock"))).GetProperty("now").GetDateTimeOffset();
        var expected = $"Too many attempts; try again after {now.UtcDateTime.AddMinutes(15).ToString("HH:mm", CultureInfo.InvariantCulture)} UTC";

        var page = await server.NewPageAsync();
        // An email without an account locks the same way, so the lockout does not reveal which emails exist.
        foreach (var who in new[] { email, "nobody-here@partner.test" })
        {
            for (var attempt = 1; attempt <= 5; attempt++)
            {
                await ConsoleServer.SignInAsync(page, who, "wrong password " + attempt.ToString(CultureInfo.InvariantCulture));
                await Assertions.Expect(page.Locator("#sign-in-error")).ToBeVisibleAsync();
            }
            await ConsoleServer.SignInAsync(page, who, Password);
            await Assertions.Expect(page.Locator("#sign-in-locked")).ToContainTextAsync(expected);
            await Assertions.Expect(page.Locator("#sign-in-error")).ToHaveCountAsync(0);
            Assert.Contains("/console/sign-in", page.Url, StringComparison.Ordinal);
        }
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ConsoleServer.ArtifactsDir, "sign-in-locked.png"), FullPage = true });

        // The lock follows the app's clock: once it has passed, the right password works again.
        await ConsoleServer.ReadAsync<JsonElement>(await api.PostAsJsonAsync("/v1/operator/clock", new { now = now.AddMinutes(16) }));
        await ConsoleServer.SignInAsync(page, email, Password);
        await page.WaitForURLAsync("**/console/overview");
    }

    [Fact]
    public async Task UnknownConsoleUrl_ShowsNotFoundPageInsideConsoleLayout()
    {
        var page = await server.NewPageAsync();
        await ConsoleServer.SignInAsync(page, ConsoleServer.OperatorEmail, ConsoleServer.OperatorPassword);
        await page.WaitForURLAsync("**/console/home");

        var response = await page.GotoAsync("/console/no/such/page");
        Assert.Equal((int)HttpStatusCode.NotFound, response!.Status);
        await Assertions.Expect(page.Locator("#not-found h1")).ToHaveTextAsync("404 · Page not found");
        await Assertions.Expect(page.Locator("#not-found")).ToContainTextAsync("/console/no/such/page");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ConsoleServer.ArtifactsDir, "not-found.png"), FullPage = true });
        await Assertions.Expect(page.Locator("header.top nav a:has-text('Partners')")).ToBeVisibleAsync();
        await page.ClickAsync("#not-found a:has-text('Back to the console')");
        await page.WaitForURLAsync("**/console/home");
    }

    [Fact]
    public async Task UnknownObjectInConsole_ShowsThePagesOwnNotFoundMessage()
    {
        var page = await server.NewPageAsync();
        await ConsoleServer.SignInAsync(page, ConsoleServer.OperatorEmail, ConsoleServer.OperatorPassword);
        await page.WaitForURLAsync("**/console/home");

        var response = await page.GotoAsync("/console/partners/prt_unknown");
        Assert.Equal((int)HttpStatusCode.NotFound, response!.Status);
        await Assertions.Expect(page.Locator("main h1")).ToHaveTextAsync("Partner not found");
    }
}
