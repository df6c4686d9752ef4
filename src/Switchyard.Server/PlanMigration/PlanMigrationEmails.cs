using System.Globalization;
using System.Net;
using Switchyard.Data;
using Switchyard.Data.Outbox;
using Switchyard.Domain.PlanMigration;
using Switchyard.Server.Notifications;

using TaskStatus = Switchyard.Domain.PlanMigration.TaskStatus;

namespace Switchyard.Server.PlanMigration;

/// <summary>
/// Where each team's queue is announced (SWITCHYARD_TEAM_EMAIL_ACTIVATION, _PRODUCT_SUPPORT, _FINANCE, _CONTENT);
/// a team without an address gets no email, its queue in the console is then the only notice.
/// </summary>
public sealed record PlanMigrationTeams(IReadOnlyDictionary<Team, string> Addresses)
{
    public static PlanMigrationTeams Read(IConfiguration config) => new(new Dictionary<Team, string>(
        new[]
        {
            (Team.Activation, config["SWITCHYARD_TEAM_EMAIL_ACTIVATION"]),
            (Team.ProductSupport, config["SWITCHYARD_TEAM_EMAIL_PRODUCT_SUPPORT"]),
            (Team.Finance, config["SWITCHYARD_TEAM_EMAIL_FINANCE"]),
            (Team.Content, config["SWITCHYARD_TEAM_EMAIL_CONTENT"]),
        }
        .Where(t => !string.IsNullOrWhiteSpace(t.Item2))
        .Select(t => KeyValuePair.Create(t.Item1, t.Item2!.Trim()))));

    public static readonly PlanMigrationTeams None = new(new Dictionary<Team, string>());
}

/// <summary>The payload of a plan-migration email: the request it concerns and the rendered message.</summary>
public sealed record PlanMigrationEmail(string RequestId, EmailMessage Email);

/// <summary>
/// PLN-7, OPS-1: the emails a request's transitions cause, enqueued in the same save as the transition:
/// to each team when one of its tasks becomes ready; to the venue when its request is approved, when it is
/// told to swap its widgets (PLN-6), and when the request is completed. The deduplication key names the
/// request and the step, so each email goes out once.
/// </summary>
public static class PlanMigrationNotices
{
    /// <summary>After approval: the venue hears its change has started; each team with a ready task hears of it.</summary>
    public static void Approved(SwitchyardDb db, PlanMigrationRequest request, Account venue, PlanMigrationTeams teams)
    {
        if (venue.ContactEmail is { } to)
        {
            var what = request.Kind == PlanMigrationKind.Undo
                ? $"Your return to {Blockers.PlanName(request.TargetPlan)} has been approved. Our teams are now taking care of it; you keep your page, reviews and widgets."
                : $"Your move to {Blockers.PlanName(request.TargetPlan)} has been approved. Our teams are now preparing your new account; your page, reviews and widgets move with you."
                    + (request.TrainingDate is { } day ? $" Your training is planned on {day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}." : "");
            Enqueue(db, request, "approved", [to], $"{request.Title}: approved", what);
        }
        TasksReady(db, request, new HashSet<string>(StringComparer.Ordinal), teams);
    }

    /// <summary>After a task: teams whose tasks became ready; the venue when told to swap widgets or when everything is done.</summary>
    public static void TaskCompleted(SwitchyardDb db, PlanMigrationRequest request, MigrationTask done, IReadOnlySet<string> readyBefore,
        Account venue, Account target, PlanMigrationTeams teams)
    {
        TasksReady(db, request, readyBefore, teams);
        var to = target.ContactEmail ?? venue.ContactEmail;
        if (to is null)
        {
            return;
        }
        if (done.Kind == TaskKind.TellVenueToSwapWidgets)
        {
            Enqueue(db, request, "widgets", [to], "Replace your booking widgets",
                $"Your venue is back on {Blockers.PlanName(request.TargetPlan)}. Please replace the {Blockers.PlanName(request.SourcePlan)} booking widgets on your website "
                + $"with your {Blockers.PlanName(request.TargetPlan)} widgets, so that your clients keep booking online.");
        }
        if (request.State == PlanMigrationState.Completed)
        {
            Enqueue(db, request, "completed", [to], $"{request.Title}: done",
                request.Kind == PlanMigrationKind.Undo
                    ? $"Your venue is back on {Blockers.PlanName(request.TargetPlan)}, with its page, reviews and widgets. {Blockers.PlanName(request.SourcePlan)} billing has stopped."
                    : $"Your venue is now on {Blockers.PlanName(request.TargetPlan)}, with its page, reviews and widgets.");
        }
    }

    /// <summary>Tasks that became ready in this transition (not those ready before it, whose team already heard).</summary>
    private static void TasksReady(SwitchyardDb db, PlanMigrationRequest request, IReadOnlySet<string> readyBefore, PlanMigrationTeams teams)
    {
        foreach (var task in request.Tasks.Where(t => t.Status == TaskStatus.Ready && !readyBefore.Contains(t.Id)))
        {
            if (!teams.Addresses.TryGetValue(task.Team, out var address))
            {
                continue;
            }
            Enqueue(db, request, "ready/" + task.Id, [address], $"{PlanMigrationWords.Of(task.Team)}: {task.Title} ({request.AccountName})",
                $"A plan-migration task is ready for your team: {task.Title}. Venue: {request.AccountName}. Request: {request.Title}. "
                + "Record the evidence when it is done, in the team's task queue.");
        }
    }

    private static string Key(PlanMigrationRequest request, string step) => $"{request.Id}/{step}";

    private static void Enqueue(SwitchyardDb db, PlanMigrationRequest request, string step, IReadOnlyList<string> to, string subject, string text)
    {
        var html = "<p>" + WebUtility.HtmlEncode(text) + "</p>";
        db.EnqueueOutbox(PlanMigrationEmailHandler.Type, Key(request, step), new PlanMigrationEmail(request.Id, new EmailMessage(to, subject, text, html)));
    }
}

/// <summary>OPS-1: sends a plan-migration email, the outbox key as its Message-Id; a refused address fails at once.</summary>
public sealed class PlanMigrationEmailHandler(IEmailSender email) : Outbox.IOutboxHandler
{
    public const string Type = "planMigration.email";

    public string MessageType => Type;

    public string Label => "Plan-migration email";

    public async Task DeliverAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var payload = message.Read<PlanMigrationEmail>();
        try
        {
            await email.SendAsync(payload.Email with { DeduplicationKey = message.MessageType + ":" + message.DeduplicationKey }, cancellationToken);
        }
        catch (EmailDeliveryException ex) when (ex.Permanent)
        {
            throw new Outbox.OutboxRefusedException(ex.Message, ex);
        }
    }
}
