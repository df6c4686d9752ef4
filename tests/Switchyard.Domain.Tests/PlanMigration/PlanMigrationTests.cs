using Switchyard.Domain.Common;
using Switchyard.Domain.PlanMigration;

using TaskStatus = Switchyard.Domain.PlanMigration.TaskStatus;

namespace Switchyard.Domain.Tests.PlanMigration;

/// <summary>PLN-1..7: accounts, blockers, checklist, review, tasks in order, asset transfer and undo.</summary>
public class PlanMigrationTests
{
    private static readonly DateTimeOffset Now = new(2027, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private const string Actor = "operator:ops@example.com";

    internal static Account Venue(Plan plan = Plan.Connect, decimal debt = 0m, string name = "Salon Étoile") =>
        Account.Create(new AccountInput(name, plan, debt, "EUR", "Etoile SARL", "FR 12 345678901",
            "https://market.example/salon-etoile", Reviews: 42, Widgets: 3, Appointments: 17), Now).Value;

    internal static PlanMigrationRequest Draft(Account account, Plan target = Plan.Pro) =>
        PlanMigrationRequest.Open(account, null, new PlanMigrationInput(PlanMigrationKind.Migration, target, null, null, "Plan migration"),
            false, Actor, Now).Value;

    internal static void CompleteChecklist(PlanMigrationRequest request)
    {
        if (request.Kind == PlanMigrationKind.Migration)
        {
            Assert.True(request.SetTrainingDate(new DateOnly(2027, 3, 10)).IsSuccess);
        }
        var open = request.Checklist.Where(i => !i.IsDone && !ChecklistKeys.FromValues.Contains(i.Key))
            .Select(i => new ChecklistChange(i.Key, true, null)).ToList();
        var result = request.UpdateChecklist(new ChecklistUpdate(open,
            ContentSheet: request.Kind == PlanMigrationKind.Migration ? ContentSheet.Source : null,
            ImportClientFile: request.Kind == PlanMigrationKind.Migration ? true : null));
        Assert.True(result.IsSuccess, string.Join(" ", result.Errors.Select(e => e.Message)));
    }

    /// <summary>A migration walked to its tasks; returns the target account opened at approval.</summary>
    internal static Account Approved(PlanMigrationRequest request, Account account)
    {
        CompleteChecklist(request);
        Assert.True(request.Submit(Now).IsSuccess);
        var reviewed = request.Review(true, null, account, Actor, Now);
        Assert.True(reviewed.IsSuccess);
        return reviewed.Value!;
    }

    private static MigrationTask Task(PlanMigrationRequest request, TaskKind kind) => request.Tasks.Single(t => t.Kind == kind);

    private static void Complete(PlanMigrationRequest request, TaskKind kind, Account account, Account target, bool confirmed = false)
    {
        var done = request.CompleteTask(Task(request, kind).Id, "done: ticket 42", confirmed, account, target, Actor, Now);
        Assert.True(done.IsSuccess, string.Join(" ", done.Errors.Select(e => e.Message)));
    }

    [Fact]
    [Trait("rule", "PLN-1")]
    public void Create_HoldsEveryAccountFieldWithDebtAsMoneyAndANormalisedName_PLN1()
    {
        var account = Venue(debt: 1234.5m);

        Assert.Equal(Plan.Connect, account.Plan);
        Assert.Equal(AccountStatus.Active, account.Status);
        Assert.Equal(new Money(123450, Currency.EUR), account.OutstandingDebt);
        Assert.Equal("salon-etoile", account.NormalisedName);
        Assert.Equal(("Etoile SARL", "FR 12 345678901"), (account.CompanyName, account.VatNumber));
        Assert.Equal((42, 3, 17), (account.Reviews, account.Widgets, account.Appointments));
        Assert.True(account.OnlineBooking);
        Assert.True(account.BillingActive);
        Assert.Null(account.SourceAccountId);
        Assert.False(account.IsMarkedMigrated);
    }

    [Fact]
    [Trait("rule", "PLN-1")]
    [Trait("rule", "SEC-8")]
    public void Create_RefusesEveryBadFieldAtOnce_PLN1()
    {
        var result = Account.Create(new AccountInput("bad\0name", Plan.Pro, -1m, "XXX", "", null, Reviews: -3), Now);

        var fields = result.Errors.Select(e => e.Field).ToHashSet();
        Assert.Contains("name", fields);
        Assert.Contains("currency", fields);
        Assert.Contains("fiscalInfo.companyName", fields);
        Assert.Contains("fiscalInfo.vatNumber", fields);
        Assert.Contains("reviews", fields);
    }

    [Fact]
    [Trait("rule", "PLN-2")]
    public void Open_WithOutstandingDebt_IsBlockedAndSaysToSettleFirst_PLN2()
    {
        var result = PlanMigrationRequest.Open(Venue(debt: 80m), null,
            new PlanMigrationInput(PlanMigrationKind.Migration, Plan.Pro, null, null), false, Actor, Now);

        var error = Assert.Single(result.Errors);
        Assert.Equal(Blockers.OutstandingDebt, error.Code);
        Assert.Contains("Settle the debt", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [Trait("rule", "PLN-2")]
    [InlineData("Other Company SAS", "FR12345678901")]
    [InlineData("Etoile SARL", "FR99999999999")]
    public void Open_WithDifferentFiscalInfo_IsBlockedAndSuggestsChurnAndNewAccount_PLN2(string company, string vat)
    {
        var account = Venue();
        var blockers = Blockers.For(account, Plan.Pro, company, vat);
        var result = PlanMigrationRequest.Open(account, null,
            new PlanMigrationInput(PlanMigrationKind.Migration, Plan.Pro, company, vat), false, Actor, Now);

        var blocker = Assert.Single(blockers);
        Assert.Equal(Blockers.FiscalInfoDiffers, blocker.Code);
        Assert.Equal("Churn the current account and open a new Pro account instead.", blocker.Suggestion);
        Assert.Equal(Blockers.FiscalInfoDiffers, Assert.Single(result.Errors).Code);
        Assert.Contains("open a new Pro account", result.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("rule", "PLN-2")]
    public void Open_FiscalInfoSpelledDifferentlyButSame_IsNotBlocked_PLN2()
    {
        var result = PlanMigrationRequest.Open(Venue(), null,
            new PlanMigrationInput(PlanMigrationKind.Migration, Plan.Pro, " etoile  sarl ", "fr12345678901"), false, Actor, Now);

        Assert.True(result.IsSuccess);
    }

    [Fact]
    [Trait("rule", "PLN-2")]
    public void Open_ForAccountAlreadyOnTargetPlan_IsAConflict_PLN2()
    {
        var result = PlanMigrationRequest.Open(Venue(Plan.Pro), null,
            new PlanMigrationInput(PlanMigrationKind.Migration, Plan.Pro, null, null), false, Actor, Now);

        Assert.Equal(("alreadyOnTargetPlan", ErrorKind.Conflict), (result.Errors[0].Code, result.Errors[0].Kind));
    }

    [Fact]
    [Trait("rule", "PLN-4")]
    public void Submit_WithOpenItems_ListsEachOpenItemAndStaysDraft_PLN4()
    {
        var request = Draft(Venue());

        var result = request.Submit(Now);

        Assert.Equal(ChecklistKeys.For(PlanMigrationKind.Migration).Count, result.Errors.Count);
        Assert.All(result.Errors, e => Assert.Equal("checklistIncomplete", e.Code));
        Assert.Equal(PlanMigrationState.Draft, request.State);
    }

    [Fact]
    [Trait("rule", "PLN-4")]
    public void UpdateChecklist_ExplainedItemsCountAsDone_AndValueItemsNeedTheirValue_PLN4()
    {
        var request = Draft(Venue());

        var noValue = request.UpdateChecklist(new ChecklistUpdate([new ChecklistChange(ChecklistKeys.TrainingDate, true, null)]));
        var explained = request.UpdateChecklist(new ChecklistUpdate([new ChecklistChange(ChecklistKeys.Contacts, null, "Venue has no staff contacts yet; owner only.")]));

        Assert.Equal("checklistValueMissing", Assert.Single(noValue.Errors).Code);
        Assert.True(explained.IsSuccess);
        var contacts = request.Checklist.Single(i => i.Key == ChecklistKeys.Contacts);
        Assert.Equal(ChecklistStatus.Explained, contacts.Status);
        Assert.True(contacts.IsDone);
    }

    [Fact]
    [Trait("rule", "PLN-4")]
    public void UpdateChecklist_UnknownItem_ChangesNothing_PLN4()
    {
        var request = Draft(Venue());

        var result = request.UpdateChecklist(new ChecklistUpdate(
            [new ChecklistChange(ChecklistKeys.Contacts, true, null), new ChecklistChange("nope", true, null)]));

        Assert.Equal("unknownChecklistItem", Assert.Single(result.Errors).Code);
        Assert.False(request.Checklist.Single(i => i.Key == ChecklistKeys.Contacts).IsDone);
    }

    [Fact]
    [Trait("rule", "PLN-4")]
    public void TrainingCapacity_ForecastIsFirstDateWithFreePlaceOnOrAfterTheDay_PLN4()
    {
        var full = TrainingDay.Create(new DateOnly(2027, 3, 10), 1).Value;
        Assert.True(full.Book().IsSuccess);
        var none = TrainingDay.Create(new DateOnly(2027, 3, 11), 0).Value;
        var free = TrainingDay.Create(new DateOnly(2027, 3, 12), 2).Value;
        var earlier = TrainingDay.Create(new DateOnly(2027, 3, 2), 5).Value;

        Assert.Equal(new DateOnly(2027, 3, 12), TrainingCapacity.Forecast([free, none, full, earlier], new DateOnly(2027, 3, 9)));
        Assert.Null(TrainingCapacity.Forecast([full, none], new DateOnly(2027, 3, 9)));
        Assert.Equal("trainingDayFull", full.Book().Errors[0].Code);
        Assert.Equal("capacityBelowBooked", full.SetCapacity(0).Errors[0].Code);
    }

    [Fact]
    [Trait("rule", "PLN-5")]
    public void Review_RejectWithReasons_GoesBackToDraft_AndRejectWithoutReasonsIsRefused_PLN5()
    {
        var account = Venue();
        var request = Draft(account);
        CompleteChecklist(request);
        Assert.True(request.Submit(Now).IsSuccess);

        var noReasons = request.Review(false, " ", account, Actor, Now);
        var rejected = request.Review(false, "Opening hours missing", account, Actor, Now);

        Assert.Equal("required", Assert.Single(noReasons.Errors).Code);
        Assert.True(rejected.IsSuccess);
        Assert.Equal(PlanMigrationState.Draft, request.State);
        Assert.Equal("Opening hours missing", request.RejectionReasons);
        Assert.Empty(request.Tasks);
    }

    [Fact]
    [Trait("rule", "PLN-5")]
    public void Review_OfARequestNotSubmitted_IsAConflict_PLN5()
    {
        var account = Venue();
        var request = Draft(account);

        var result = request.Review(true, null, account, Actor, Now);

        Assert.Equal(("requestNotSubmitted", ErrorKind.Conflict), (result.Errors[0].Code, result.Errors[0].Kind));
        Assert.Equal(PlanMigrationState.Draft, request.State);
    }

    [Fact]
    [Trait("rule", "PLN-7")]
    public void Approve_CreatesTeamTasksInOrder_AndWaitsOnTheFirstReadyOne_PLN7()
    {
        var account = Venue();
        var request = Draft(account);

        Assert.Equal("checklist", request.WaitsOn.Single().Step);
        var target = Approved(request, account);

        Assert.Equal(PlanMigrationState.InProgress, request.State);
        Assert.Equal([TaskKind.PrepareContent, TaskKind.ActivateTarget, TaskKind.SwitchBilling], request.Tasks.Select(t => t.Kind));
        Assert.Equal([Team.Content, Team.Activation, Team.Finance], request.Tasks.Select(t => t.Team));
        Assert.Equal([TaskStatus.Ready, TaskStatus.Blocked, TaskStatus.Blocked], request.Tasks.Select(t => t.Status));
        Assert.Contains("2027-03-10", Task(request, TaskKind.ActivateTarget).Title, StringComparison.Ordinal);
        var waits = Assert.Single(request.WaitsOn);
        Assert.Equal((Team.Content, Task(request, TaskKind.PrepareContent).Id), (waits.Team, waits.TaskId));
        Assert.Equal((Plan.Pro, AccountStatus.Pending, account.Id), (target.Plan, target.Status, target.SourceAccountId));
    }

    [Fact]
    [Trait("rule", "PLN-7")]
    public void CompleteTask_BeforeItsDependency_IsAConflictAndChangesNothing_PLN7()
    {
        var account = Venue();
        var request = Draft(account);
        var target = Approved(request, account);

        var result = request.CompleteTask(Task(request, TaskKind.ActivateTarget).Id, "done", false, account, target, Actor, Now);

        Assert.Equal(("taskOutOfOrder", ErrorKind.Conflict), (result.Errors[0].Code, result.Errors[0].Kind));
        Assert.Equal(TaskStatus.Blocked, Task(request, TaskKind.ActivateTarget).Status);
        Assert.Equal(42, account.Reviews);
        Assert.Equal(AccountStatus.Pending, target.Status);
    }

    [Fact]
    [Trait("rule", "PLN-7")]
    public void CompleteTask_WithoutEvidence_IsRefused_PLN7()
    {
        var account = Venue();
        var request = Draft(account);
        var target = Approved(request, account);

        var result = request.CompleteTask(Task(request, TaskKind.PrepareContent).Id, "", false, account, target, Actor, Now);

        Assert.Equal("required", Assert.Single(result.Errors).Code);
        Assert.Equal(TaskStatus.Ready, Task(request, TaskKind.PrepareContent).Status);
    }

    [Fact]
    [Trait("rule", "PLN-3")]
    public void ActivationTask_MovesPageReviewsAndWidgets_AndMarksTheSourceMigrated_PLN3()
    {
        var account = Venue();
        var request = Draft(account);
        var target = Approved(request, account);
        Complete(request, TaskKind.PrepareContent, account, target);

        Complete(request, TaskKind.ActivateTarget, account, target);

        Assert.Equal(("https://market.example/salon-etoile", 42, 3), (target.MarketplacePage, target.Reviews, target.Widgets));
        Assert.Equal((null, 0, 0), (account.MarketplacePage, account.Reviews, account.Widgets));
        Assert.Equal(AccountStatus.Active, target.Status);
        Assert.Equal("salon-etoile-migrated-to-pro", account.NormalisedName);
        Assert.True(account.IsMarkedMigrated);
        Complete(request, TaskKind.SwitchBilling, account, target);
        Assert.Equal(PlanMigrationState.Completed, request.State);
        Assert.Equal((AccountStatus.Disabled, false), (account.Status, account.BillingActive));
        Assert.True(target.BillingActive);
        Assert.Empty(request.WaitsOn);
    }

    /// <summary>A venue moved Connect → Pro, ready for an undo: (Connect account, Pro account).</summary>
    internal static (Account Connect, Account Pro) Migrated()
    {
        var connect = Venue();
        var request = Draft(connect);
        var pro = Approved(request, connect);
        Complete(request, TaskKind.PrepareContent, connect, pro);
        Complete(request, TaskKind.ActivateTarget, connect, pro);
        Complete(request, TaskKind.SwitchBilling, connect, pro);
        return (connect, pro);
    }

    [Fact]
    [Trait("rule", "PLN-6")]
    public void OpenUndo_IsNamedUndoMigrationWithZeroSetupFee_AndRefusesAFee_PLN6()
    {
        var (connect, pro) = Migrated();

        var withFee = PlanMigrationRequest.Open(pro, connect,
            new PlanMigrationInput(PlanMigrationKind.Undo, Plan.Connect, null, null, SetupFee: 99m), false, Actor, Now);
        var undo = PlanMigrationRequest.Open(pro, connect,
            new PlanMigrationInput(PlanMigrationKind.Undo, Plan.Connect, null, null, "Back to Connect"), false, Actor, Now).Value;

        Assert.Equal("undoSetupFeeZero", Assert.Single(withFee.Errors).Code);
        Assert.Equal("Undo Migration", undo.Title);
        Assert.Equal(0, undo.SetupFeeMinor);
        Assert.Equal(connect.Id, undo.TargetAccountId);
        Assert.True(undo.Checklist.Single(i => i.Key == ChecklistKeys.ZeroSetupFee).IsDone);
        Assert.DoesNotContain(undo.Checklist, i => i.Key == ChecklistKeys.TrainingDate);
        Assert.Equal("notForUndo", undo.SetTrainingDate(new DateOnly(2027, 3, 10)).Errors[0].Code);
    }

    [Fact]
    [Trait("rule", "PLN-6")]
    public void OpenUndo_ForAnAccountNeverMigrated_IsAConflict_PLN6()
    {
        var result = PlanMigrationRequest.Open(Venue(Plan.Pro), null,
            new PlanMigrationInput(PlanMigrationKind.Undo, Plan.Connect, null, null), false, Actor, Now);

        Assert.Equal("nothingToUndo", result.Errors[0].Code);
    }

    [Fact]
    [Trait("rule", "PLN-6")]
    [Trait("rule", "PLN-3")]
    public void Undo_RunsTheRunbookInOrder_MovesAssetsBackAndNeedsConfirmationToStopBilling_PLN6()
    {
        var (connect, pro) = Migrated();
        var undo = PlanMigrationRequest.Open(pro, connect,
            new PlanMigrationInput(PlanMigrationKind.Undo, Plan.Connect, null, null, "Back to Connect"), false, Actor, Now).Value;
        CompleteChecklist(undo);
        Assert.True(undo.Submit(Now).IsSuccess);
        Assert.Equal("Team-lead approval", undo.WaitsOn.Single().Description);
        Assert.Null(undo.Review(true, null, pro, Actor, Now).Value);

        Assert.Equal(
            [TaskKind.ReactivateAccount, TaskKind.UndoMigration, TaskKind.ConfirmAppointments, TaskKind.PublishPage,
                TaskKind.DisableOnlineBooking, TaskKind.StopProBilling, TaskKind.TellVenueToSwapWidgets],
            undo.Tasks.Select(t => t.Kind));
        Assert.DoesNotContain("train ", Task(undo, TaskKind.ReactivateAccount).Title, StringComparison.Ordinal);
        Assert.Contains(connect.Id, Task(undo, TaskKind.UndoMigration).Title, StringComparison.Ordinal);

        Complete(undo, TaskKind.ReactivateAccount, pro, connect);
        Assert.Equal(AccountStatus.Active, connect.Status);
        Complete(undo, TaskKind.UndoMigration, pro, connect);
        Assert.False(connect.IsMarkedMigrated);
        Assert.Equal("salon-etoile", connect.NormalisedName);
        Assert.Equal((42, 3), (connect.Reviews, connect.Widgets));
        Assert.Equal("https://market.example/salon-etoile", connect.MarketplacePage);
        Assert.Equal(4, undo.WaitsOn.Count);

        var early = undo.CompleteTask(Task(undo, TaskKind.StopProBilling).Id, "ticket", true, pro, connect, Actor, Now);
        Assert.Equal("taskOutOfOrder", early.Errors[0].Code);
        Complete(undo, TaskKind.ConfirmAppointments, pro, connect);
        Complete(undo, TaskKind.PublishPage, pro, connect);
        Complete(undo, TaskKind.DisableOnlineBooking, pro, connect);
        Assert.True(connect.PagePublished);
        Assert.False(pro.OnlineBooking);

        var unconfirmed = undo.CompleteTask(Task(undo, TaskKind.StopProBilling).Id, "ticket", false, pro, connect, Actor, Now);
        Assert.Equal("confirmationRequired", Assert.Single(unconfirmed.Errors).Code);
        Assert.True(pro.BillingActive);
        Complete(undo, TaskKind.StopProBilling, pro, connect, confirmed: true);
        Assert.Equal((AccountStatus.Churned, false), (pro.Status, pro.BillingActive));
        Complete(undo, TaskKind.TellVenueToSwapWidgets, pro, connect);
        Assert.Equal(PlanMigrationState.Completed, undo.State);
    }
}
