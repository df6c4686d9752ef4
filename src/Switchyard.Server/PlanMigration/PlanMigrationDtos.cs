using Switchyard.Domain.PlanMigration;

using TaskStatus = Switchyard.Domain.PlanMigration.TaskStatus;

namespace Switchyard.Server.PlanMigration;

public sealed record FiscalInfoDto(string? CompanyName, string? VatNumber);

public sealed record CreateAccountRequest(
    string? Name,
    Plan? Plan,
    decimal? OutstandingDebt,
    string? Currency,
    FiscalInfoDto? FiscalInfo,
    string? MarketplacePage,
    int? Reviews,
    int? Widgets,
    int? Appointments,
    bool? OnlineBooking,
    bool? BillingActive,
    string? ContactEmail);

public sealed record UpdateAccountRequest(decimal? OutstandingDebt);

public sealed record AccountDto(
    string Id,
    string Name,
    string NormalisedName,
    Plan Plan,
    AccountStatus Status,
    decimal OutstandingDebt,
    string Currency,
    FiscalInfoDto FiscalInfo,
    string? MarketplacePage,
    bool PagePublished,
    int Reviews,
    int Widgets,
    int Appointments,
    bool OnlineBooking,
    bool BillingActive,
    string? ContactEmail,
    string? SourceAccountId,
    bool MarkedMigrated,
    DateTimeOffset CreatedAt)
{
    public static AccountDto From(Account a) => new(a.Id, a.Name, a.NormalisedName, a.Plan, a.Status, a.OutstandingDebt.Amount, a.CurrencyCode,
        new FiscalInfoDto(a.CompanyName, a.VatNumber), a.MarketplacePage, a.PagePublished, a.Reviews, a.Widgets, a.Appointments,
        a.OnlineBooking, a.BillingActive, a.ContactEmail, a.SourceAccountId, a.IsMarkedMigrated, a.CreatedAt);
}

public sealed record CreatePlanMigrationRequest(
    string? AccountId,
    PlanMigrationKind? Kind,
    Plan? TargetPlan,
    FiscalInfoDto? FiscalInfo,
    string? Description,
    decimal? SetupFee);

public sealed record ChecklistChangeDto(string? Key, bool? Checked, string? Explanation);

public sealed record UpdateChecklistRequest(
    IReadOnlyList<ChecklistChangeDto>? Items,
    string? Description,
    ContentSheet? ContentSheet,
    bool? ImportClientFile,
    DateOnly? TrainingFrom);

public sealed record ReviewRequest(string? Decision, string? Reasons);

public sealed record CompleteTaskRequest(string? Evidence, bool? ConfirmVenueKeptWhatItNeeds);

public sealed record CancelRequest(string? Reason);

public sealed record BlockerDto(string Code, string Message, string? Suggestion);

public sealed record ChecklistItemDto(string Key, string Label, ChecklistStatus Status, string? Explanation);

public sealed record TaskDto(
    string Id,
    string RequestId,
    string AccountName,
    int Sequence,
    TaskKind Kind,
    Team Team,
    string Title,
    IReadOnlyList<TaskKind> DependsOn,
    TaskStatus Status,
    string? Evidence,
    string? CompletedBy,
    DateTimeOffset? CompletedAt)
{
    public static TaskDto From(MigrationTask t) => new(t.Id, t.RequestId, t.AccountName, t.Sequence, t.Kind, t.Team, t.Title, t.Dependencies,
        t.Status, t.Evidence, t.CompletedBy, t.CompletedAt);
}

public sealed record WaitingStepDto(string Step, Team? Team, string? TaskId, string Description);

public sealed record PlanMigrationDto(
    string Id,
    string AccountId,
    string AccountName,
    string? TargetAccountId,
    PlanMigrationKind Kind,
    Plan SourcePlan,
    Plan TargetPlan,
    PlanMigrationState State,
    string Title,
    string? Description,
    decimal SetupFee,
    string Currency,
    FiscalInfoDto FiscalInfo,
    ContentSheet? ContentSheet,
    bool? ImportClientFile,
    DateOnly? TrainingDate,
    string? RejectionReasons,
    string? ReviewedBy,
    string? BatchId,
    IReadOnlyList<ChecklistItemDto> Checklist,
    IReadOnlyList<TaskDto> Tasks,
    IReadOnlyList<WaitingStepDto> WaitsOn,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset? SubmittedAt,
    DateTimeOffset? ApprovedAt,
    DateTimeOffset? CompletedAt)
{
    public static PlanMigrationDto From(PlanMigrationRequest r) => new(r.Id, r.AccountId, r.AccountName, r.TargetAccountId, r.Kind, r.SourcePlan,
        r.TargetPlan, r.State, r.Title, r.Description, r.SetupFee.Amount, r.CurrencyCode, new FiscalInfoDto(r.CompanyName, r.VatNumber),
        r.ContentSheet, r.ImportClientFile, r.TrainingDate, r.RejectionReasons, r.ReviewedBy, r.BatchId,
        [.. r.Checklist.Select(i => new ChecklistItemDto(i.Key, i.Label, i.Status, i.Explanation))],
        [.. r.Tasks.Select(TaskDto.From)],
        [.. r.WaitsOn.Select(w => new WaitingStepDto(w.Step, w.Team, w.TaskId, w.Description))],
        r.CreatedBy, r.CreatedAt, r.SubmittedAt, r.ApprovedAt, r.CompletedAt);
}

public sealed record TrainingDayDto(DateOnly Date, int Capacity, int Booked, int Free)
{
    public static TrainingDayDto From(TrainingDay d) => new(d.Date, d.Capacity, d.Booked, d.Free);
}

public sealed record SetCapacityRequest(int? Capacity);

public sealed record ForecastDto(DateOnly From, DateOnly? Date);

public sealed record BulkProblemDto(int? Line, string? Column, string? RequestId, string Code, string Message)
{
    public static BulkProblemDto From(BulkProblem p) => new(p.Line, p.Column, p.RequestId, p.Code, p.Message);
}

public sealed record BulkItemDto(
    int? Line,
    string? AccountId,
    string? AccountName,
    PlanMigrationKind Kind,
    Plan? TargetPlan,
    string Outcome,
    string? RequestId,
    string? SourceRequestId,
    IReadOnlyList<BlockerDto> Blockers,
    IReadOnlyList<BulkProblemDto> Problems)
{
    public static BulkItemDto From(BulkItem i) => new(i.Line, i.AccountId, i.AccountName, i.Kind, i.TargetPlan, i.Outcome, i.RequestId, i.SourceRequestId,
        [.. i.Blockers.Select(b => new BlockerDto(b.Code, b.Message, b.Suggestion))], [.. i.Problems.Select(BulkProblemDto.From)]);
}

/// <summary>A bulk run: status valid (dry run, no problem), invalid (nothing written) or created (every request opened in the batch).</summary>
public sealed record BulkReportDto(string? BatchId, bool DryRun, string Status, int Rows, int Created, int Skipped,
    IReadOnlyList<BulkItemDto> Items, IReadOnlyList<BulkProblemDto> Errors)
{
    public static BulkReportDto From(BulkReport r) => new(r.BatchId, r.DryRun, r.Status, r.Rows, r.Created, r.Skipped,
        [.. r.Items.Select(BulkItemDto.From)], [.. r.Errors.Select(BulkProblemDto.From)]);
}
