using Switchyard.Domain.Common;

namespace Switchyard.Domain.PlanMigration;

/// <summary>The manual steps a request creates (PLN-6, PLN-7).</summary>
public enum TaskKind
{
    PrepareContent,
    ActivateTarget,
    SwitchBilling,
    ReactivateAccount,
    UndoMigration,
    ConfirmAppointments,
    PublishPage,
    DisableOnlineBooking,
    StopProBilling,
    TellVenueToSwapWidgets,
}

/// <summary>PLN-7: a manual step owned by a team, with status and evidence; it is ready once its dependencies are done.</summary>
public sealed class MigrationTask : Entity<string>, IAuditedPart
{
    public const int MaxEvidence = 2000;

    private MigrationTask() { }

    public string RequestId { get; private set; } = "";

    /// <summary>The venue's name, so a team queue reads without loading every request.</summary>
    public string AccountName { get; private set; } = "";
    public int Sequence { get; private set; }
    public TaskKind Kind { get; private set; }
    public Team Team { get; private set; }
    public string Title { get; private set; } = "";

    /// <summary>The kinds this task waits on, comma-separated.</summary>
    public string DependsOn { get; private set; } = "";
    public TaskStatus Status { get; private set; }
    public string? Evidence { get; private set; }
    public string? CompletedBy { get; private set; }
    public DateTimeOffset? CompletedAt { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    string IAuditedPart.AuditObjectId => RequestId;

    string IAuditedPart.AuditObjectType => "planMigrationRequest";

    public IReadOnlyList<TaskKind> Dependencies =>
        DependsOn.Length == 0 ? [] : [.. DependsOn.Split(',').Select(Enum.Parse<TaskKind>)];

    internal static MigrationTask Create(string requestId, string accountName, int sequence, TaskPlan.Step step, DateTimeOffset now) => new()
    {
        Id = Ids.New(Ids.PlanMigrationTask),
        RequestId = requestId,
        AccountName = accountName,
        Sequence = sequence,
        Kind = step.Kind,
        Team = step.Team,
        Title = step.Title,
        DependsOn = string.Join(',', step.DependsOn),
        Status = step.DependsOn.Count == 0 ? TaskStatus.Ready : TaskStatus.Blocked,
        CreatedAt = now,
    };

    internal void Complete(string evidence, string actor, DateTimeOffset now)
    {
        Status = TaskStatus.Done;
        Evidence = evidence.Trim();
        CompletedBy = actor;
        CompletedAt = now;
    }

    internal void Unblock() => Status = TaskStatus.Ready;
}

/// <summary>
/// PLN-6, PLN-7: which tasks a request creates, for which team, and in what order (each task names
/// the tasks it depends on; a task cannot be completed before them).
/// </summary>
public static class TaskPlan
{
    public sealed record Step(TaskKind Kind, Team Team, string Title, IReadOnlyList<TaskKind> DependsOn);

    public static IReadOnlyList<Step> For(PlanMigrationKind kind, Plan sourcePlan, Plan targetPlan, string? oldAccountId, DateOnly? trainingDate)
    {
        var from = Blockers.PlanName(sourcePlan);
        var to = Blockers.PlanName(targetPlan);
        return kind switch
        {
            PlanMigrationKind.Migration =>
            [
                new(TaskKind.PrepareContent, Team.Content, $"Prepare the venue's content on {to} from the chosen content sheet", []),
                new(TaskKind.ActivateTarget, Team.Activation,
                    trainingDate is { } day
                        ? $"Activate the {to} account and train the venue on {day:yyyy-MM-dd}; page, reviews and widgets move then"
                        : $"Activate the {to} account; page, reviews and widgets move then",
                    [TaskKind.PrepareContent]),
                new(TaskKind.SwitchBilling, Team.Finance, $"Start {to} billing and stop {from} billing", [TaskKind.ActivateTarget]),
            ],
            PlanMigrationKind.Undo =>
            [
                new(TaskKind.ReactivateAccount, Team.Activation, $"Reactivate the {to} account (no training: the venue used it before)", []),
                new(TaskKind.UndoMigration, Team.ProductSupport, $"Undo the migration with the old {to} id {oldAccountId}", [TaskKind.ReactivateAccount]),
                new(TaskKind.ConfirmAppointments, Team.Activation, $"Confirm the venue moved its appointments to {to}", [TaskKind.UndoMigration]),
                new(TaskKind.PublishPage, Team.Content, $"Publish the marketplace page on {to}", [TaskKind.UndoMigration]),
                new(TaskKind.DisableOnlineBooking, Team.ProductSupport, $"Disable online booking on {from}", [TaskKind.UndoMigration]),
                new(TaskKind.StopProBilling, Team.Finance,
                    $"Stop {from} billing (this churns the {from} account and removes its agenda)",
                    [TaskKind.ConfirmAppointments, TaskKind.PublishPage, TaskKind.DisableOnlineBooking]),
                new(TaskKind.TellVenueToSwapWidgets, Team.Activation, $"Tell the venue to replace its {from} widgets with its {to} widgets", [TaskKind.UndoMigration]),
            ],
        };
    }
}
