using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Api.Tests.Infrastructure;
using Switchyard.Data;

namespace Switchyard.Api.Tests.PlanMigration;

/// <summary>A server whose teams have email addresses.</summary>
public sealed class TeamMailApp : SwitchyardApp
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["SWITCHYARD_TEAM_EMAIL_ACTIVATION"] = "activation@ops.example",
        ["SWITCHYARD_TEAM_EMAIL_PRODUCT_SUPPORT"] = "support@ops.example",
        ["SWITCHYARD_TEAM_EMAIL_FINANCE"] = "finance@ops.example",
        ["SWITCHYARD_TEAM_EMAIL_CONTENT"] = "content@ops.example",
    };
}

/// <summary>OPS-1, PLN-7: the venue and the teams hear of a request's steps through the outbox, once each.</summary>
public class PlanMigrationEmailTests(TeamMailApp app) : IClassFixture<TeamMailApp>
{
    private async Task<List<(string Key, string Status)>> MessagesAsync(string requestId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SwitchyardDb>();
        db.Scope.ForSystem("test");
        return [.. (await db.OutboxMessages.AsNoTracking().Where(m => m.MessageType == "planMigration.email" && m.DeduplicationKey.StartsWith(requestId))
            .ToListAsync()).Select(m => (m.DeduplicationKey[(requestId.Length + 1)..], m.Status.ToString()))];
    }

    [Fact]
    [Trait("rule", "OPS-1")]
    [Trait("rule", "PLN-7")]
    public async Task Approval_AndEachTask_EnqueueTheVenueAndTeamEmails_InTheSameSave_SentByTheOutbox_OPS1_PLN7()
    {
        var op = app.Operator();
        await (await op.SendJsonAsync(HttpMethod.Put, "/v1/training-capacity/2027-04-01", new { capacity = 3 })).ExpectAsync(HttpStatusCode.OK);
        var account = (await (await op.PostJsonAsync("/v1/accounts", new
        {
            name = "Mail Venue",
            plan = "connect",
            currency = "EUR",
            fiscalInfo = new { companyName = "Mail Venue SARL", vatNumber = "FR1" },
            contactEmail = "owner@venue.example",
        })).ExpectAsync(HttpStatusCode.Created))["id"]!.GetValue<string>();
        var request = await (await op.PostJsonAsync("/v1/plan-migrations", new { accountId = account, kind = "migration", targetPlan = "pro" })).ExpectAsync(HttpStatusCode.Created);
        var id = request["id"]!.GetValue<string>();
        await (await op.PatchJsonAsync($"/v1/plan-migrations/{id}/checklist", new
        {
            items = new[] { "saysMigration", "notAlreadyOnTarget", "staffAndHours", "descriptionInSellingPoints", "signedContract", "contacts" }
                .Select(key => new { key, @checked = true }).ToArray(),
            contentSheet = "source",
            importClientFile = true,
            trainingFrom = "2027-04-01",
        })).ExpectAsync(HttpStatusCode.OK);
        await (await op.PostAsync($"/v1/plan-migrations/{id}/submit", null)).ExpectAsync(HttpStatusCode.OK);
        Assert.Empty(await MessagesAsync(id));

        request = await (await op.PostJsonAsync($"/v1/plan-migrations/{id}/review", new { decision = "approve" })).ExpectAsync(HttpStatusCode.OK);
        var tasks = request["tasks"]!.AsArray().Select(t => t!["id"]!.GetValue<string>()).ToList();
        var afterApproval = await MessagesAsync(id);
        Assert.Equal(["approved", "ready/" + tasks[0]], afterApproval.Select(m => m.Key).Order(StringComparer.Ordinal));
        Assert.All(afterApproval, m => Assert.Equal("Pending", m.Status));

        foreach (var task in tasks)
        {
            await (await op.PostJsonAsync($"/v1/plan-migrations/{id}/tasks/{task}/complete", new { evidence = "done" })).ExpectAsync(HttpStatusCode.OK);
        }
        var all = await MessagesAsync(id);
        Assert.Equal(new[] { "approved", "completed", "ready/" + tasks[0], "ready/" + tasks[1], "ready/" + tasks[2] }.Order(StringComparer.Ordinal), all.Select(m => m.Key).Order(StringComparer.Ordinal));

        Assert.True(await app.DeliverOutboxAsync() >= 5);
        Assert.All(await MessagesAsync(id), m => Assert.Equal("Delivered", m.Status));
        var mails = Directory.GetFiles(app.MailPickup, "*.eml").Select(File.ReadAllText).ToList();
        Assert.Equal(5, mails.Count);
        Assert.Contains(mails, m => m.Contains("owner@venue.example", StringComparison.Ordinal) && m.Contains("2027-04-01", StringComparison.Ordinal));
        Assert.Contains(mails, m => m.Contains("finance@ops.example", StringComparison.Ordinal));
    }
}
