using System.Globalization;
using Switchyard.Domain.PlanMigration;

using TaskStatus = Switchyard.Domain.PlanMigration.TaskStatus;

namespace Switchyard.Server.PlanMigration;

/// <summary>How the console names plan-migration values, in words.</summary>
public static class PlanMigrationWords
{
    public static string Of(Plan plan) => Blockers.PlanName(plan);

    public static string Of(AccountStatus status) => status switch
    {
        AccountStatus.Pending => "Pending activation",
        AccountStatus.Active => "Active",
        AccountStatus.Disabled => "Disabled",
        AccountStatus.Churned => "Churned",
    };

    public static string Of(PlanMigrationState state) => state switch
    {
        PlanMigrationState.Draft => "Draft",
        PlanMigrationState.Submitted => "In review",
        PlanMigrationState.InProgress => "In progress",
        PlanMigrationState.Completed => "Completed",
        PlanMigrationState.Cancelled => "Cancelled",
    };

    public static string Of(PlanMigrationKind kind) => kind switch
    {
        PlanMigrationKind.Migration => "Migration",
        PlanMigrationKind.Undo => "Undo",
    };

    public static string Of(Team team) => team switch
    {
        Team.Activation => "Activation",
        Team.ProductSupport => "Product support",
        Team.Finance => "Finance",
        Team.Content => "Content",
    };

    public static string Of(TaskStatus status) => status switch
    {
        TaskStatus.Blocked => "Waiting on earlier steps",
        TaskStatus.Ready => "Ready",
        TaskStatus.Done => "Done",
    };

    public static string Of(ChecklistStatus status) => status switch
    {
        ChecklistStatus.Open => "Open",
        ChecklistStatus.Checked => "Checked",
        ChecklistStatus.Explained => "Explained",
    };

    /// <summary>Money with group separators and the currency's decimals (UX-1).</summary>
    public static string Money(Switchyard.Domain.Common.Money money) =>
        money.Amount.ToString("N" + money.Currency.Digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) + " " + money.Currency.Code;
}
