using Microsoft.EntityFrameworkCore;
using Switchyard.Data;
using Switchyard.Domain.Auditing;
using Switchyard.Domain.Common;
using Switchyard.Domain.PlanMigration;

namespace Switchyard.Server.PlanMigration;

/// <summary>The outcome of opening a request: the request, or the errors and (PLN-2) the blockers with their suggestions.</summary>
public sealed record OpenOutcome(PlanMigrationRequest? Request, IReadOnlyList<Error> Errors, IReadOnlyList<Blocker> Blockers);

/// <summary>
/// Plan-migration use cases shared by the API and the console: load, call the domain, save with the
/// audit trail in the same save (AUD-1). Each names the rules it enforces.
/// </summary>
public static class PlanMigrationUseCases
{
    private const int MaxBookingAttempts = 50;

    /// <summary>PLN-1: registers a venue.</summary>
    public static async Task<Result<Account>> CreateAccountAsync(SwitchyardDb db, AccountInput input, DateTimeOffset now, CancellationToken ct)
    {
        var account = Account.Create(input, now);
        if (account.IsFailure)
        {
            return account;
        }
        db.Accounts.Add(account.Value);
        db.Audit.Describe(account.Value, AuditActions.AccountCreated);
        await db.SaveChangesAsync(ct);
        return account;
    }

    /// <summary>PLN-2: records the account's outstanding debt (settling it lifts the blocker).</summary>
    public static async Task<Result<Account>> SetDebtAsync(SwitchyardDb db, Account account, decimal amount, CancellationToken ct)
    {
        var changed = account.SetOutstandingDebt(amount);
        if (changed.IsFailure)
        {
            return Result<Account>.Failure(changed.Errors);
        }
        db.Audit.Describe(account, AuditActions.AccountDebtChanged);
        await db.SaveChangesAsync(ct);
        return account;
    }

    /// <summary>PLN-2, PLN-6: opens a migration or an undo; blockers are checked before anything is written.</summary>
    public static async Task<OpenOutcome> OpenAsync(SwitchyardDb db, string? accountId, PlanMigrationInput input, string actor,
        DateTimeOffset now, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(accountId))
        {
            return new OpenOutcome(null, [Errors.Required("accountId")], []);
        }
        var account = await db.Accounts.SingleOrDefaultAsync(a => a.Id == accountId, ct);
        if (account is null)
        {
            return new OpenOutcome(null, [Errors.Validation("unknownAccount", "accountId", $"No account has the id '{Short(accountId)}'.")], []);
        }
        var old = input.Kind == PlanMigrationKind.Undo && account.SourceAccountId is { } sourceId
            ? await db.Accounts.SingleOrDefaultAsync(a => a.Id == sourceId, ct)
            : null;
        var open = await db.PlanMigrationRequests.AnyAsync(r => r.AccountId == account.Id
            && (r.State == PlanMigrationState.Draft || r.State == PlanMigrationState.Submitted || r.State == PlanMigrationState.InProgress), ct);
        var request = PlanMigrationRequest.Open(account, old, input, open, actor, now);
        if (request.IsFailure)
        {
            var blockers = request.Errors.Any(e => e.Code is Blockers.OutstandingDebt or Blockers.FiscalInfoDiffers)
                ? Blockers.For(account, input.TargetPlan, input.CompanyName, input.VatNumber)
                : [];
            return new OpenOutcome(null, request.Errors, blockers);
        }
        db.PlanMigrationRequests.Add(request.Value);
        db.Audit.Describe(request.Value, AuditActions.PlanMigrationOpened);
        await db.SaveChangesAsync(ct);
        return new OpenOutcome(request.Value, [], []);
    }

    /// <summary>PLN-2: what would block a request for this account, without opening one (the wizard's first step, the bulk dry run).</summary>
    public static IReadOnlyList<Blocker> Check(Account account, Plan targetPlan, string? companyName, string? vatNumber) =>
        Blockers.For(account, targetPlan, companyName, vatNumber);

    public static Task<PlanMigrationRequest?> FindAsync(SwitchyardDb db, string id, CancellationToken ct) =>
        db.PlanMigrationRequests.SingleOrDefaultAsync(r => r.Id == id, ct);

    /// <summary>
    /// PLN-4: checks or explains items; with <paramref name="trainingFrom"/> books the first training date
    /// with a free place on or after that day (one conditional update, safe under concurrency) and releases
    /// the date booked before. Everything commits together or not at all.
    /// </summary>
    public static async Task<Result<PlanMigrationRequest>> UpdateChecklistAsync(SwitchyardDb db, PlanMigrationRequest request,
        ChecklistUpdate update, DateOnly? trainingFrom, CancellationToken ct)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            if (trainingFrom is { } from)
            {
                if (request.State != PlanMigrationState.Draft || request.Kind == PlanMigrationKind.Undo)
                {
                    var refused = request.SetTrainingDate(from);
                    return Result<PlanMigrationRequest>.Failure(refused.Errors);
                }
                var booked = await BookFirstFreeAsync(db, from, ct);
                if (booked is null)
                {
                    return Errors.Validation("noTrainingCapacity", "trainingFrom",
                        $"No training date has a free place on or after {from:yyyy-MM-dd}; add capacity to the training table first.");
                }
                var previous = request.SetTrainingDate(booked.Value).Value;
                if (previous is { } released)
                {
                    await db.TrainingDays.Where(d => d.Date == released && d.Booked > 0)
                        .ExecuteUpdateAsync(s => s.SetProperty(d => d.Booked, d => d.Booked - 1).SetProperty(d => d.Version, d => d.Version + 1), ct);
                }
            }
            var changed = request.UpdateChecklist(update);
            if (changed.IsFailure)
            {
                return Result<PlanMigrationRequest>.Failure(changed.Errors);
            }
            db.Audit.Describe(request, AuditActions.PlanMigrationChecklistUpdated);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return request;
        });
    }

    // One statement picks the first free date and takes a place only while one is free, returning the
    // date it took. It is the transaction's first statement, so on SQLite it takes the write lock before
    // reading; on PostgreSQL a racing booking that took the last place makes it touch no row, and the
    // next date is tried.
    private static async Task<DateOnly?> BookFirstFreeAsync(SwitchyardDb db, DateOnly from, CancellationToken ct)
    {
        for (var attempt = 0; attempt < MaxBookingAttempts; attempt++)
        {
            var taken = await db.Database.SqlQuery<DateOnly>($"""
                UPDATE training_days SET "Booked" = "Booked" + 1, "Version" = "Version" + 1
                WHERE "Id" = (SELECT "Id" FROM training_days WHERE "Date" >= {from} AND "Booked" < "Capacity" ORDER BY "Date" LIMIT 1)
                  AND "Booked" < "Capacity"
                RETURNING "Date" AS "Value"
                """).ToListAsync(ct);
            if (taken.Count == 1)
            {
                return taken[0];
            }
            if (await ForecastAsync(db, from, ct) is null)
            {
                return null;
            }
        }
        return null;
    }

    /// <summary>PLN-4, PLN-5: Draft → Submitted when every item is checked or explained.</summary>
    public static async Task<Result<PlanMigrationRequest>> SubmitAsync(SwitchyardDb db, PlanMigrationRequest request, DateTimeOffset now, CancellationToken ct)
    {
        var submitted = request.Submit(now);
        if (submitted.IsFailure)
        {
            return Result<PlanMigrationRequest>.Failure(submitted.Errors);
        }
        db.Audit.Describe(request, AuditActions.PlanMigrationSubmitted);
        await db.SaveChangesAsync(ct);
        return request;
    }

    /// <summary>PLN-5, PLN-6, PLN-7: approve (tasks created; a migration opens its target account) or reject with reasons.</summary>
    public static async Task<Result<PlanMigrationRequest>> ReviewAsync(SwitchyardDb db, PlanMigrationRequest request, string? decision,
        string? reasons, string actor, DateTimeOffset now, PlanMigrationTeams teams, CancellationToken ct)
    {
        if (decision is not ("approve" or "reject"))
        {
            return Errors.Validation(string.IsNullOrWhiteSpace(decision) ? "required" : "invalidDecision", "decision",
                "The decision is approve or reject.");
        }
        var account = await db.Accounts.SingleAsync(a => a.Id == request.AccountId, ct);
        var reviewed = request.Review(decision == "approve", reasons, account, actor, now);
        if (reviewed.IsFailure)
        {
            return Result<PlanMigrationRequest>.Failure(reviewed.Errors);
        }
        if (reviewed.Value is { } opened)
        {
            db.Accounts.Add(opened);
            db.Audit.Describe(opened, AuditActions.AccountOpenedByMigration, $"Target of {request.Title} ({request.Id})");
        }
        db.Audit.Describe(request, decision == "approve" ? "planMigration.approved" : "planMigration.rejected", reasons);
        if (decision == "approve")
        {
            // OPS-1: the emails are written in this save and sent afterwards by the outbox.
            PlanMigrationNotices.Approved(db, request, account, teams);
        }
        await db.SaveChangesAsync(ct);
        return request;
    }

    /// <summary>PLN-3, PLN-6, PLN-7: completes a task in order, with evidence, and applies its effect on both accounts in one save.</summary>
    public static async Task<Result<PlanMigrationRequest>> CompleteTaskAsync(SwitchyardDb db, PlanMigrationRequest request, string taskId,
        string? evidence, bool confirmed, string actor, DateTimeOffset now, PlanMigrationTeams teams, CancellationToken ct)
    {
        if (request.TargetAccountId is null)
        {
            return Errors.Conflict("requestNotInProgress", "Tasks are completed while the request is in progress.");
        }
        var account = await db.Accounts.SingleAsync(a => a.Id == request.AccountId, ct);
        var target = await db.Accounts.SingleAsync(a => a.Id == request.TargetAccountId, ct);
        var readyBefore = request.Tasks.Where(t => t.Status == Domain.PlanMigration.TaskStatus.Ready).Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        var done = request.CompleteTask(taskId, evidence, confirmed, account, target, actor, now);
        if (done.IsFailure)
        {
            return Result<PlanMigrationRequest>.Failure(done.Errors);
        }
        var task = done.Value;
        db.Audit.Describe(request, AuditActions.PlanMigrationTaskCompleted, $"{task.Title}: {task.Evidence}");
        db.Audit.Describe(account, AuditActions.AccountChangedByTask, $"{request.Title}: {task.Title}");
        db.Audit.Describe(target, AuditActions.AccountChangedByTask, $"{request.Title}: {task.Title}");
        PlanMigrationNotices.TaskCompleted(db, request, task, readyBefore, account, target, teams);
        await db.SaveChangesAsync(ct);
        return request;
    }

    public static async Task<Result<PlanMigrationRequest>> CancelAsync(SwitchyardDb db, PlanMigrationRequest request, string? reason, CancellationToken ct)
    {
        var cancelled = request.Cancel(reason);
        if (cancelled.IsFailure)
        {
            return Result<PlanMigrationRequest>.Failure(cancelled.Errors);
        }
        db.Audit.Describe(request, AuditActions.PlanMigrationCancelled, reason);
        await db.SaveChangesAsync(ct);
        return request;
    }

    /// <summary>PLN-4: an operator edits the training capacity table.</summary>
    public static async Task<Result<TrainingDay>> SetCapacityAsync(SwitchyardDb db, DateOnly date, int? capacity, CancellationToken ct)
    {
        if (capacity is null)
        {
            return Errors.Required("capacity");
        }
        if (date.Year is < 2000 or > 2200)
        {
            return Errors.Validation("outOfRange", "date", "The date is between 2000 and 2200.");
        }
        var day = await db.TrainingDays.SingleOrDefaultAsync(d => d.Date == date, ct);
        if (day is null)
        {
            var created = TrainingDay.Create(date, capacity.Value);
            if (created.IsFailure)
            {
                return created;
            }
            day = created.Value;
            db.TrainingDays.Add(day);
        }
        else
        {
            var changed = day.SetCapacity(capacity.Value);
            if (changed.IsFailure)
            {
                return Result<TrainingDay>.Failure(changed.Errors);
            }
        }
        await db.SaveChangesAsync(ct);
        return day;
    }

    /// <summary>PLN-4: the first date with a free place on or after <paramref name="from"/>.</summary>
    public static Task<DateOnly?> ForecastAsync(SwitchyardDb db, DateOnly from, CancellationToken ct) =>
        db.TrainingDays.AsNoTracking().Where(d => d.Date >= from && d.Booked < d.Capacity)
            .OrderBy(d => d.Date).Select(d => (DateOnly?)d.Date).FirstOrDefaultAsync(ct);

    private static string Short(string value) => value.Length > 60 ? value[..60] + "…" : value;
}
