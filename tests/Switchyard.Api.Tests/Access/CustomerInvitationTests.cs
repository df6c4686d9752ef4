using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Api.Tests.Infrastructure;
using Switchyard.Domain.Access;
using Switchyard.Domain.Common;

namespace Switchyard.Api.Tests.Access;

/// <summary>POST /v1/customer-orgs/{orgId}/users/{userId}/invitation: operator only; the link is shown once and works once.</summary>
public class CustomerInvitationTests(SwitchyardApp app) : IClassFixture<SwitchyardApp>
{
    private async Task<(string OrgId, string UserId)> CustomerUserAsync(string orgId, string email)
    {
        var op = app.Operator();
        await (await op.PostJsonAsync("/v1/customer-orgs", new { orgId, name = "Customer " + orgId })).ExpectAsync(HttpStatusCode.Created);
        var user = await (await op.PostJsonAsync($"/v1/customer-orgs/{orgId}/users", new { email, manageBilling = true })).ExpectAsync(HttpStatusCode.Created);
        return (orgId, user["id"]!.GetValue<string>());
    }

    [Fact]
    [Trait("rule", "PRM-4")]
    [Trait("rule", "PRM-5")]
    public async Task Invite_WithPartnerKey_Is403_PRM4()
    {
        var (orgId, userId) = await CustomerUserAsync("00D0000000000I1", "partner.tries@cust.example");
        var (_, partner) = await app.PartnerAsync("Invite Tryer");

        var response = await partner.PostAsync($"/v1/customer-orgs/{orgId}/users/{userId}/invitation", null);

        await response.ExpectAsync(HttpStatusCode.Forbidden);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        await using var scope = app.DbScope(out var db);
        Assert.False(await db.ConsoleUsers.AnyAsync(u => u.Email == "partner.tries@cust.example"));
    }

    [Fact]
    [Trait("rule", "PRM-5")]
    public async Task Invite_UnknownUserOrOrg_Is404_PRM5()
    {
        var (orgId, _) = await CustomerUserAsync("00D0000000000I2", "known@cust.example");
        var op = app.Operator();

        await (await op.PostAsync($"/v1/customer-orgs/{orgId}/users/usr_unknown/invitation", null)).ExpectAsync(HttpStatusCode.NotFound);
        await (await op.PostAsync("/v1/customer-orgs/00D0000000000ZZ/users/usr_unknown/invitation", null)).ExpectAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    [Trait("rule", "SEC-2")]
    public async Task Invite_LinkShownOnce_TokenWorksOnce_SEC2()
    {
        var (orgId, userId) = await CustomerUserAsync("00D0000000000I3", "portal.buyer@cust.example");
        var op = app.Operator();

        var invitation = await (await op.PostAsync($"/v1/customer-orgs/{orgId}/users/{userId}/invitation", null)).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("portal.buyer@cust.example", invitation["email"]!.GetValue<string>());
        var url = new Uri(invitation["invitationUrl"]!.GetValue<string>());
        Assert.Equal("/console/invitation", url.AbsolutePath);
        var token = Uri.UnescapeDataString(url.Query["?token=".Length..]);
        var consoleUserId = invitation["userId"]!.GetValue<string>();

        // Shown once: a second invitation for the same user gives no new link, and only the token's hash is stored.
        var again = await (await op.PostAsync($"/v1/customer-orgs/{orgId}/users/{userId}/invitation", null)).ExpectAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("duplicateUser", again.Code());
        var listed = await (await op.GetAsync($"/v1/customer-orgs/{orgId}/users")).Content.ReadAsStringAsync();
        Assert.DoesNotContain(token, listed, StringComparison.Ordinal);
        await using (var scope = app.DbScope(out var db))
        {
            var stored = await db.ConsoleUsers.AsNoTracking().SingleAsync(u => u.Id == consoleUserId);
            Assert.Equal(Secrets.Hash(token), stored.InvitationHash);
            Assert.DoesNotContain(token, stored.InvitationHash!, StringComparison.Ordinal);
            Assert.Equal(ActorKind.CustomerUser, stored.Kind);
            Assert.StartsWith(orgId, stored.CustomerOrgId?.Value, StringComparison.Ordinal);
            Assert.False(stored.IsActive);
        }

        // Works once: accepting sets the password; the same token is then refused.
        await using (var scope = app.DbScope(out var db))
        {
            var hasher = scope.ServiceProvider.GetRequiredService<IPasswordHasher<ConsoleUser>>();
            var user = await db.ConsoleUsers.SingleAsync(u => u.Id == consoleUserId);
            Assert.True(user.AcceptInvitation(token, hasher.HashPassword(user, "a long enough password"), SwitchyardApp.ClockStart).IsSuccess);
            await db.SaveChangesAsync();
        }
        await using (var scope = app.DbScope(out var db))
        {
            var user = await db.ConsoleUsers.SingleAsync(u => u.Id == consoleUserId);
            Assert.True(user.IsActive);
            var reused = user.AcceptInvitation(token, "another hash", SwitchyardApp.ClockStart);
            Assert.Equal("invalidInvitation", Assert.Single(reused.Errors).Code);
            Assert.Null(await db.ConsoleUsers.SingleOrDefaultAsync(u => u.InvitationHash == Secrets.Hash(token)));
        }
    }
}
