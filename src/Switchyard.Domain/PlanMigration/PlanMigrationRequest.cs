using System.Globalization;

using Switchyard.Domain.Common;

namespace Switchyard.Domain.PlanMigration;

/// <summary>
/// A request to move a venue to the other plan, or to undo such a move (PLN-2..7). States:
/// Draft → Submitted → InProgress → Completed; a rejected review returns to Draft with its reasons;
/// Draft or Submitted → Cancelled. Every transition is one method that checks its source state.
/// </summary>
public sealed class PlanMigrationRequest : Entity<string>, IAudited
{
    public const int MaxDescription = 4000;
    public const int MaxReasons = 2000;

    private readonly List<ChecklistItem> _checklist = [];
    private readonly List<MigrationTask> _tasks = [];

    private PlanMigrationRequest() { }

    /// <summary>The account the venue is on now: the source of a migration, the migrated account an undo leaves.</summary>
    public string AccountId { get; private set; } = "";
    public string AccountName { get; private set; } = "";

    /// <summary>The account on the target plan: opened at approval for a migration; the old account for an undo.</summary>
    public string? TargetAccountId { get; private set; }
    public PlanMigrationKind Kind { get; private set; }
    public Plan SourcePlan { get; private set; }
    public Plan TargetPlan { get; private set; }
    public PlanMigrationState State { get; private set; }

    /// <summary>"Migration to Pro", or "Undo Migration" (PLN-6).</summary>
    public string Title { get; private set; } = "";
    public string? Description { get; private set; }
    public long SetupFeeMinor { get; private set; }
    public string CurrencyCode { get; private set; } = "EUR";
    public string CompanyName { get; private set; } = "";
    public string VatNumber { get; private set; } = "";
    public ContentSheet? ContentSheet { get; private set; }
    public bool? ImportClientFile { get; private set; }
    public DateOnly? TrainingDate { get; private set; }
    public string? RejectionReasons { get; private set; }
    public string? ReviewedBy { get; private set; }
    public string? BatchId { get; private set; }
    public string CreatedBy { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? SubmittedAt { get; private set; }
    public DateTimeOffset? ApprovedAt { get; private set; }
    public DateTimeOffset? CompletedAt { get; private set; }

    public IReadOnlyList<ChecklistItem> Checklist => [.. _checklist.OrderBy(i => i.Sequence)];
    public IReadOnlyList<MigrationTask> Tasks => [.. _tasks.OrderBy(t => t.Sequence)];

    public Money SetupFee => new(SetupFeeMinor, Currency.From(CurrencyCode));

    public bool IsOpen => State is PlanMigrationState.Draft or PlanMigrationState.Submitted or PlanMigrationState.InProgress;

    /// <summary>PLN-6: the review of an undo is the team lead's approval; of a migration, content review.</summary>
    public string ReviewName => Kind == PlanMigrationKind.Undo ? "team-lead approval" : "content review";

    /// <summary>
    /// Opens a request (PLN-2: blockers first). <paramref name="oldAccount"/> is, for an undo, the account the
    /// venue was moved from. <paramref name="hasOpenRequest"/>: the account already has a request in flight.
    /// </summary>
    public static Result<PlanMigrationRequest> Open(Account account, Account? oldAccount, PlanMigrationInput input,
        bool hasOpenRequest, string actor, DateTimeOffset now)
    {
        if (input.Kind == PlanMigrationKind.Migration && account.Plan == input.TargetPlan)
        {
            return Errors.Conflict("alreadyOnTargetPlan", $"The account is already on {Blockers.PlanName(input.TargetPlan)}.");
        }
        if (input.Kind == PlanMigrationKind.Undo)
        {
            if (oldAccount is null || !oldAccount.IsMarkedMigrated)
            {
                return Errors.Conflict("nothingToUndo", "This account was not opened by a plan migration that is still in place, so there is nothing to undo.");
            }
            if (oldAccount.Plan != input.TargetPlan)
            {
                return Errors.Validation("undoTargetPlan", "targetPlan",
                    $"An undo returns the venue to its former plan, {Blockers.PlanName(oldAccount.Plan)}.");
            }
        }
        if (account.Status != AccountStatus.Active)
        {
            return Errors.Conflict("accountNotActive", "Only an active account can change plan.");
        }
        if (hasOpenRequest)
        {
            return Errors.Conflict("requestAlreadyOpen", "The account already has a plan-migration request in progress.");
        }
        var errors = new List<Error>();
        TextRules.Check(errors, "description", input.Description, MaxDescription, multiLine: true);
        TextRules.Check(errors, "fiscalInfo.companyName", input.CompanyName, Validate.MaxNameLength);
        TextRules.Check(errors, "fiscalInfo.vatNumber", input.VatNumber, 30);
        long setupFee = 0;
        if (input.SetupFee is { } fee)
        {
            var money = fee is < 0 or > 1_000_000m
                ? Result<Money>.Failure(Errors.Validation("outOfRange", "setupFee", "The setup fee is between 0 and 1,000,000."))
                : Money.FromAmount(fee, account.Currency, "setupFee");
            if (money.IsFailure)
            {
                errors.AddRange(money.Errors);
            }
            else if (input.Kind == PlanMigrationKind.Undo && money.Value.Minor != 0)
            {
                errors.Add(Errors.Validation("undoSetupFeeZero", "setupFee", "An undo migration has no setup fee."));
            }
            else
            {
                setupFee = money.Value.Minor;
            }
        }
        if (errors.Count > 0)
        {
            return Result<PlanMigrationRequest>.Failure(errors);
        }
        var blockers = Blockers.For(account, input.TargetPlan, input.CompanyName, input.VatNumber);
        if (blockers.Count > 0)
        {
            return Result<PlanMigrationRequest>.Failure(blockers
                .Select(b => Errors.Validation(b.Code, b.Code == Blockers.OutstandingDebt ? "accountId" : "fiscalInfo",
                    b.Suggestion is null ? b.Message : b.Message + " " + b.Suggestion))
                .ToList());
        }
        var request = new PlanMigrationRequest
        {
            Id = Ids.New(Ids.PlanMigration),
            AccountId = account.Id,
            AccountName = account.Name,
            TargetAccountId = oldAccount?.Id,
            Kind = input.Kind,
            SourcePlan = account.Plan,
            TargetPlan = input.TargetPlan,
            State = PlanMigrationState.Draft,
            Title = input.Kind == PlanMigrationKind.Undo ? "Undo Migration" : $"Migration to {Blockers.PlanName(input.TargetPlan)}",
            Description = string.IsNullOrWhiteSpace(input.Description) ? null : input.Description.Trim(),
            SetupFeeMinor = setupFee,
            CurrencyCode = account.CurrencyCode,
            CompanyName = input.CompanyName?.Trim() ?? account.CompanyName,
            VatNumber = input.VatNumber?.Trim() ?? account.VatNumber,
            BatchId = input.BatchId,
            CreatedBy = actor,
            CreatedAt = now,
        };
        var sequence = 0;
        foreach (var (key, label) in ChecklistKeys.For(input.Kind))
        {
            // PLN-6: the undo's name and zero fee are set by the request itself.
            var done = key is ChecklistKeys.NamedUndo or ChecklistKeys.ZeroSetupFee;
            request._checklist.Add(ChecklistItem.Create(request.Id, ++sequence, key, label, done));
        }
        return request;
    }

    /// <summary>
    /// PLN-4: items checked or explained, and the values some items need. Only a draft changes (409
    /// otherwise); every problem is reported at once and then nothing changes.
    /// </summary>
    public Result<Unit> UpdateChecklist(ChecklistUpdate update)
    {
        if (State != PlanMigrationState.Draft)
        {
            return Errors.Conflict("requestNotDraft", $"Only a draft request's checklist changes; this one is {StateName(State)}.");
        }
        var errors = new List<Error>();
        TextRules.Check(errors, "description", update.Description, MaxDescription, multiLine: true);
        var byKey = _checklist.ToDictionary(i => i.Key, StringComparer.Ordinal);
        foreach (var (change, index) in update.Items.Select((c, i) => (c, i)))
        {
            var field = $"items[{index}]";
            if (change.Key is null || !byKey.TryGetValue(change.Key, out var item))
            {
                errors.Add(Errors.Validation("unknownChecklistItem", field + ".key",
                    $"'{change.Key}' is not an item of this checklist; the items are {string.Join(", ", byKey.Keys)}."));
                continue;
            }
            TextRules.Check(errors, field + ".explanation", change.Explanation, ChecklistItem.MaxExplanation, multiLine: true);
            if (change.Checked == true && !string.IsNullOrWhiteSpace(change.Explanation))
            {
                errors.Add(Errors.Validation("checkedOrExplained", field, "An item is either checked or explained, not both."));
            }
            if (change.Checked == true && ChecklistKeys.FromValues.Contains(item.Key) && !HasValueFor(item.Key, update))
            {
                errors.Add(Errors.Validation("checklistValueMissing", field, $"'{item.Label}' is checked by giving its value."));
            }
        }
        if (update.ContentSheet is not null && Kind == PlanMigrationKind.Undo)
        {
            errors.Add(Errors.Validation("notForUndo", "contentSheet", "An undo reuses the former account's content."));
        }
        if (errors.Count > 0)
        {
            return Result<Unit>.Failure(errors);
        }
        if (update.Description is not null)
        {
            Description = string.IsNullOrWhiteSpace(update.Description) ? null : update.Description.Trim();
        }
        if (update.ContentSheet is { } sheet)
        {
            ContentSheet = sheet;
            byKey[ChecklistKeys.ContentSheet].Check();
        }
        if (update.ImportClientFile is { } import && byKey.TryGetValue(ChecklistKeys.ClientFile, out var clientFile))
        {
            ImportClientFile = import;
            clientFile.Check();
        }
        foreach (var change in update.Items)
        {
            var item = byKey[change.Key!];
            if (!string.IsNullOrWhiteSpace(change.Explanation))
            {
                item.Explain(change.Explanation);
            }
            else if (change.Checked == true)
            {
                item.Check();
            }
            else if (change.Checked == false && !ChecklistKeys.FromValues.Contains(item.Key))
            {
                item.Reopen();
            }
        }
        return Result.Ok();
    }

    /// <summary>
    /// PLN-4: the forecast training date, once a place is booked in the capacity table. Returns the date
    /// booked before (its place is to be released), if any.
    /// </summary>
    public Result<DateOnly?> SetTrainingDate(DateOnly date)
    {
        if (State != PlanMigrationState.Draft)
        {
            return Errors.Conflict("requestNotDraft", $"Only a draft request's checklist changes; this one is {StateName(State)}.");
        }
        if (Kind == PlanMigrationKind.Undo)
        {
            return Errors.Validation("notForUndo", "trainingFrom", "An undo needs no training: the venue used that plan before.");
        }
        var previous = TrainingDate;
        TrainingDate = date;
        _checklist.Single(i => i.Key == ChecklistKeys.TrainingDate).Check();
        return previous;
    }

    /// <summary>PLN-4, PLN-5: Draft → Submitted once every checklist item is checked or explained.</summary>
    public Result<Unit> Submit(DateTimeOffset now)
    {
        if (State != PlanMigrationState.Draft)
        {
            return Errors.Conflict("requestNotDraft", $"Only a draft request can be submitted; this one is {StateName(State)}.");
        }
        var open = _checklist.Where(i => !i.IsDone).OrderBy(i => i.Sequence).ToList();
        if (open.Count > 0)
        {
            return Result<Unit>.Failure(open
                .Select(i => Errors.Validation("checklistIncomplete", $"checklist.{i.Key}", $"Check or explain: {i.Label}."))
                .ToList());
        }
        State = PlanMigrationState.Submitted;
        SubmittedAt = now;
        return Result.Ok();
    }

    /// <summary>
    /// PLN-5 (and PLN-6's team-lead approval for an undo): Submitted → InProgress with the team tasks,
    /// or back to Draft with the reasons. For a migration, approval opens the account on the target
    /// plan (returned, to be stored).
    /// </summary>
    public Result<Account?> Review(bool approve, string? reasons, Account account, string actor, DateTimeOffset now)
    {
        if (State != PlanMigrationState.Submitted)
        {
            return Errors.Conflict("requestNotSubmitted", $"Only a submitted request can be reviewed; this one is {StateName(State)}.");
        }
        var errors = new List<Error>();
        TextRules.Check(errors, "reasons", reasons, MaxReasons, multiLine: true, required: !approve);
        if (errors.Count > 0)
        {
            return Result<Account?>.Failure(errors);
        }
        ReviewedBy = actor;
        if (!approve)
        {
            State = PlanMigrationState.Draft;
            RejectionReasons = reasons!.Trim();
            return Result<Account?>.Success(null);
        }
        Account? opened = null;
        if (Kind == PlanMigrationKind.Migration)
        {
            opened = Account.OpenTarget(account, TargetPlan, now);
            TargetAccountId = opened.Id;
        }
        RejectionReasons = null;
        State = PlanMigrationState.InProgress;
        ApprovedAt = now;
        var sequence = 0;
        foreach (var step in TaskPlan.For(Kind, SourcePlan, TargetPlan, TargetAccountId, TrainingDate))
        {
            _tasks.Add(MigrationTask.Create(Id, AccountName, ++sequence, step, now));
        }
        return Result<Account?>.Success(opened);
    }

    /// <summary>
    /// PLN-7: completes one task with its evidence. A task whose dependencies are not done answers 409
    /// naming them; the effects of the step (PLN-3 asset transfer, PLN-6 undo steps) apply to the two
    /// accounts. Stopping the old plan's billing needs <paramref name="confirmed"/> (PLN-6).
    /// </summary>
    public Result<MigrationTask> CompleteTask(string taskId, string? evidence, bool confirmed, Account account, Account target,
        string actor, DateTimeOffset now)
    {
        if (State != PlanMigrationState.InProgress)
        {
            return Errors.Conflict("requestNotInProgress", $"Tasks are completed while the request is in progress; this one is {StateName(State)}.");
        }
        var task = _tasks.SingleOrDefault(t => t.Id == taskId);
        if (task is null)
        {
            return Errors.NotFound("Task");
        }
        if (task.Status == TaskStatus.Done)
        {
            return Errors.Conflict("taskAlreadyDone", "This task is already done.");
        }
        var waiting = _tasks.Where(t => task.Dependencies.Contains(t.Kind) && t.Status != TaskStatus.Done).OrderBy(t => t.Sequence).ToList();
        if (waiting.Count > 0)
        {
            return Errors.Conflict("taskOutOfOrder", "This task waits on: " + string.Join("; ", waiting.Select(t => t.Title)) + ".");
        }
        var errors = new List<Error>();
        TextRules.Check(errors, "evidence", evidence, MigrationTask.MaxEvidence, multiLine: true, required: true);
        if (task.Kind == TaskKind.StopProBilling && !confirmed)
        {
            errors.Add(Errors.Validation("confirmationRequired", "confirmVenueKeptWhatItNeeds",
                $"Stopping {Blockers.PlanName(SourcePlan)} billing churns that account and removes its agenda: confirm the venue kept what it needs first."));
        }
        if (task.Kind == TaskKind.UndoMigration && !target.IsMarkedMigrated)
        {
            errors.Add(Errors.Conflict("nothingToUndo", "The former account no longer shows as migrated."));
        }
        if (errors.Count > 0)
        {
            return Result<MigrationTask>.Failure(errors);
        }
        Apply(task.Kind, account, target);
        task.Complete(evidence!, actor, now);
        foreach (var next in _tasks.Where(t => t.Status == TaskStatus.Blocked))
        {
            if (next.Dependencies.All(kind => _tasks.Any(t => t.Kind == kind && t.Status == TaskStatus.Done)))
            {
                next.Unblock();
            }
        }
        if (_tasks.All(t => t.Status == TaskStatus.Done))
        {
            State = PlanMigrationState.Completed;
            CompletedAt = now;
        }
        return task;
    }

    /// <summary>A draft or submitted request can be withdrawn; work already under way cannot.</summary>
    public Result<Unit> Cancel(string? reason)
    {
        if (State is not (PlanMigrationState.Draft or PlanMigrationState.Submitted))
        {
            return Errors.Conflict("requestNotCancellable", $"Only a draft or submitted request can be cancelled; this one is {StateName(State)}.");
        }
        var errors = new List<Error>();
        TextRules.Check(errors, "reason", reason, MaxReasons, multiLine: true);
        if (errors.Count > 0)
        {
            return Result<Unit>.Failure(errors);
        }
        State = PlanMigrationState.Cancelled;
        return Result.Ok();
    }

    /// <summary>PLN-7: the step the request waits on, at a glance.</summary>
    public IReadOnlyList<WaitingStep> WaitsOn => State switch
    {
        PlanMigrationState.Draft => _checklist.Any(i => !i.IsDone)
            ? [new WaitingStep("checklist", null, null, string.Create(CultureInfo.InvariantCulture,
                $"The account manager: {_checklist.Count(i => !i.IsDone)} checklist item(s) to check or explain"))]
            : [new WaitingStep("submission", null, null, "The account manager: submit for " + ReviewName)],
        PlanMigrationState.Submitted => [new WaitingStep("review", null, null, char.ToUpperInvariant(ReviewName[0]) + ReviewName[1..])],
        PlanMigrationState.InProgress => [.. _tasks.Where(t => t.Status == TaskStatus.Ready).OrderBy(t => t.Sequence)
            .Select(t => new WaitingStep("task", t.Team, t.Id, t.Title))],
        PlanMigrationState.Completed or PlanMigrationState.Cancelled => [],
    };

    private void Apply(TaskKind kind, Account account, Account target)
    {
        switch (kind)
        {
            case TaskKind.PrepareContent:
            case TaskKind.TellVenueToSwapWidgets:
                break;
            case TaskKind.ActivateTarget:
                target.Activate();
                account.MoveAssetsTo(target);
                break;
            case TaskKind.SwitchBilling:
                target.StartBilling();
                account.Disable();
                break;
            case TaskKind.ReactivateAccount:
                target.Activate();
                target.StartBilling();
                break;
            case TaskKind.UndoMigration:
                target.TakeAssetsBackFrom(account);
                break;
            case TaskKind.ConfirmAppointments:
                account.MoveAppointmentsTo(target);
                break;
            case TaskKind.PublishPage:
                target.PublishPage();
                break;
            case TaskKind.DisableOnlineBooking:
                account.DisableOnlineBooking();
                break;
            case TaskKind.StopProBilling:
                account.Churn();
                break;
            default:
                throw new InvalidOperationException($"No effect defined for {kind}.");
        }
    }

    private bool HasValueFor(string key, ChecklistUpdate update) => key switch
    {
        ChecklistKeys.ContentSheet => (update.ContentSheet ?? ContentSheet) is not null,
        ChecklistKeys.ClientFile => (update.ImportClientFile ?? ImportClientFile) is not null,
        ChecklistKeys.TrainingDate => TrainingDate is not null,
        _ => true,
    };

    public static string StateName(PlanMigrationState state) => state switch
    {
        PlanMigrationState.Draft => "a draft",
        PlanMigrationState.Submitted => "submitted",
        PlanMigrationState.InProgress => "in progress",
        PlanMigrationState.Completed => "completed",
        PlanMigrationState.Cancelled => "cancelled",
    };
}

/// <summary>What the request waits on: a step (checklist, submission, review or a task), the team, and in words.</summary>
public sealed record WaitingStep(string Step, Team? Team, string? TaskId, string Description);

/// <summary>What an account manager gives to open a request (PLN-2).</summary>
public sealed record PlanMigrationInput(
    PlanMigrationKind Kind,
    Plan TargetPlan,
    string? CompanyName,
    string? VatNumber,
    string? Description = null,
    decimal? SetupFee = null,
    string? BatchId = null);

/// <summary>One checklist change: checked, unchecked, or explained.</summary>
public sealed record ChecklistChange(string? Key, bool? Checked, string? Explanation);

/// <summary>PLN-4: a checklist update.</summary>
public sealed record ChecklistUpdate(
    IReadOnlyList<ChecklistChange> Items,
    string? Description = null,
    ContentSheet? ContentSheet = null,
    bool? ImportClientFile = null);
