using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Switchyard.Browser.Tests.Infrastructure;

namespace Switchyard.Browser.Tests.Console;

[Collection(ConsoleCollection.Name)]
public sealed class OperatorConsoleTests(ConsoleServer server)
{
    [Fact]
    [Trait("rule", "ONB-1")]
    public async Task Operator_ApprovesAppliedPartner_SeesStatusApproved()
    {
        using var api = server.OperatorApi();
        var partner = await ConsoleServer.ReadAsync<JsonElement>(await api.PostAsJsonAsync("/v1/partners", new { name = "Acme Analytics" }));
        var partnerId = partner.GetProperty("id").GetString()!;

        var page = await server.NewPageAsync();
        await page.GotoAsync("/console/partners");
        Assert.Contains("/console/sign-in", page.Url, StringComparison.Ordinal);
        await ConsoleServer.SignInAsync(page, ConsoleServer.OperatorEmail, ConsoleServer.OperatorPassword);
        await page.WaitForURLAsync("**/console/partners");

        await page.GotoAsync("/console/partners?status=applied");
        var row = page.Locator("#partners tr", new PageLocatorOptions { HasText = "Acme Analytics" });
        await Assertions.Expect(row).ToContainTextAsync("applied");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ConsoleServer.ArtifactsDir, "partners.png"), FullPage = true });

        await row.Locator("a", new LocatorLocatorOptions { HasText = "Acme Analytics" }).ClickAsync();
        await page.WaitForURLAsync($"**/console/partners/{partnerId}");
        await page.ClickAsync("#approve");
        await Assertions.Expect(page.Locator("#partner-status")).ToHaveTextAsync("approved");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ConsoleServer.ArtifactsDir, "partner-detail.png"), FullPage = true });

        var read = await ConsoleServer.ReadAsync<JsonElement>(await api.GetAsync($"/v1/partners/{partnerId}"));
        Assert.Equal("approved", read.GetProperty("status").GetString());
        var audit = await ConsoleServer.ReadAsync<JsonElement>(await api.GetAsync($"/v1/operator/audit?objectId={partnerId}"));
        Assert.Contains(audit.EnumerateArray(), e => e.GetProperty("action").GetString() == "partner.approved"
            && e.GetProperty("actor").GetString() == $"operator:{ConsoleServer.OperatorEmail}");
    }

    [Fact]
    [Trait("rule", "SEC-2")]
    public async Task FormPost_WithoutAntiforgeryToken_IsRefused()
    {
        using var api = server.OperatorApi();
        var partner = await ConsoleServer.ReadAsync<JsonElement>(await api.PostAsJsonAsync("/v1/partners", new { name = "Forged Ltd" }));
        var partnerId = partner.GetProperty("id").GetString()!;

        var page = await server.NewPageAsync();
        await ConsoleServer.SignInAsync(page, ConsoleServer.OperatorEmail, ConsoleServer.OperatorPassword);
        await page.WaitForURLAsync("**/console/partners");

        // The session cookie is sent (same browser context), but the form's antiforgery token is not.
        var forged = await page.Context.APIRequest.PostAsync($"/console/partners/{partnerId}", new APIRequestContextOptions
        {
            Form = page.Context.APIRequest.CreateFormData(),
            MaxRedirects = 0,
        });
        Assert.Equal((int)HttpStatusCode.BadRequest, forged.Status);

        var forgedForm = page.Context.APIRequest.CreateFormData();
        forgedForm.Set("_handler", "approve");
        var forgedApprove = await page.Context.APIRequest.PostAsync($"/console/partners/{partnerId}", new APIRequestContextOptions { Form = forgedForm, MaxRedirects = 0 });
        Assert.Equal((int)HttpStatusCode.BadRequest, forgedApprove.Status);

        var signOut = await page.Context.APIRequest.PostAsync("/console/sign-out", new APIRequestContextOptions { MaxRedirects = 0 });
        Assert.True(signOut.Status == (int)HttpStatusCode.BadRequest, $"{signOut.Status} {await signOut.TextAsync()}");

        var read = await ConsoleServer.ReadAsync<JsonElement>(await api.GetAsync($"/v1/partners/{partnerId}"));
        Assert.Equal("applied", read.GetProperty("status").GetString());
    }
}
