namespace Switchyard.Domain.PlanMigration;

/// <summary>PLN-1: the two plans a venue can be on.</summary>
public enum Plan
{
    Pro,
    Connect,
}

/// <summary>PLN-1: where an account stands. A target account waits (pending) until activation.</summary>
public enum AccountStatus
{
    Pending,
    Active,
    Disabled,
    Churned,
}

/// <summary>A move to the other plan, or the undo of an earlier move (PLN-6).</summary>
public enum PlanMigrationKind
{
    Migration,
    Undo,
}

/// <summary>
/// The request's state machine: Draft → Submitted (in review) → InProgress (team tasks) → Completed.
/// A rejected review returns to Draft; a draft or submitted request can be cancelled.
/// </summary>
public enum PlanMigrationState
{
    Draft,
    Submitted,
    InProgress,
    Completed,
    Cancelled,
}

/// <summary>PLN-7: the teams that own the manual steps.</summary>
public enum Team
{
    Activation,
    ProductSupport,
    Finance,
    Content,
}

/// <summary>PLN-7: a task is blocked until every task it depends on is done, then ready, then done.</summary>
public enum TaskStatus
{
    Blocked,
    Ready,
    Done,
}

/// <summary>PLN-4: where the venue's content comes from.</summary>
public enum ContentSheet
{
    Source,
    Attached,
}

/// <summary>PLN-4: an item is open until it is checked or explained.</summary>
public enum ChecklistStatus
{
    Open,
    Checked,
    Explained,
}
