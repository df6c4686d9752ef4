using Switchyard.Domain.Common;

namespace Switchyard.Domain.PlanMigration;

/// <summary>PLN-4: one item of a request's checklist, checked or explained before content review.</summary>
public sealed class ChecklistItem : Entity<string>, IAuditedPart
{
    public const int MaxExplanation = 1000;

    private ChecklistItem() { }

    public string RequestId { get; private set; } = "";
    public int Sequence { get; private set; }
    public string Key { get; private set; } = "";
    public string Label { get; private set; } = "";
    public ChecklistStatus Status { get; private set; }
    public string? Explanation { get; private set; }

    string IAuditedPart.AuditObjectId => RequestId;

    string IAuditedPart.AuditObjectType => "planMigrationRequest";

    public bool IsDone => Status != ChecklistStatus.Open;

    internal static ChecklistItem Create(string requestId, int sequence, string key, string label, bool done) => new()
    {
        Id = Ids.New(Ids.ChecklistItem),
        RequestId = requestId,
        Sequence = sequence,
        Key = key,
        Label = label,
        Status = done ? ChecklistStatus.Checked : ChecklistStatus.Open,
    };

    internal void Check()
    {
        Status = ChecklistStatus.Checked;
        Explanation = null;
    }

    internal void Explain(string explanation)
    {
        Status = ChecklistStatus.Explained;
        Explanation = explanation.Trim();
    }

    internal void Reopen()
    {
        Status = ChecklistStatus.Open;
        Explanation = null;
    }
}

/// <summary>PLN-4 (migration) and PLN-6 (undo): the items each kind of request must check or explain.</summary>
public static class ChecklistKeys
{
    public const string SaysMigration = "saysMigration";
    public const string NotOnTarget = "notAlreadyOnTarget";
    public const string ContentSheet = "contentSheet";
    public const string ClientFile = "clientFile";
    public const string StaffAndHours = "staffAndHours";
    public const string TrainingDate = "trainingDate";
    public const string SellingPoints = "descriptionInSellingPoints";
    public const string SignedContract = "signedContract";
    public const string Contacts = "contacts";
    public const string NamedUndo = "namedUndoMigration";
    public const string ZeroSetupFee = "zeroSetupFee";

    /// <summary>Items whose answer is a value on the request: checked when the value is given, never by hand alone.</summary>
    public static readonly IReadOnlySet<string> FromValues = new HashSet<string>(StringComparer.Ordinal)
    {
        ContentSheet, ClientFile, TrainingDate, NamedUndo, ZeroSetupFee,
    };

    public static IReadOnlyList<(string Key, string Label)> For(PlanMigrationKind kind) => kind switch
    {
        PlanMigrationKind.Migration =>
        [
            (SaysMigration, "The description says this is a plan migration"),
            (NotOnTarget, "The venue is not already on the target plan (disabled or not)"),
            (ContentSheet, "Content sheet chosen: the current account's or an attached one"),
            (ClientFile, "Decided whether to import the client file"),
            (StaffAndHours, "Staff details and opening hours are present"),
            (TrainingDate, "Forecast training date booked from the training capacity table"),
            (SellingPoints, "Description copied to the venue's selling points"),
            (SignedContract, "Signed contract attached to the account"),
            (Contacts, "Contacts filled in"),
        ],
        PlanMigrationKind.Undo =>
        [
            (NamedUndo, "New-business request named Undo Migration"),
            (ZeroSetupFee, "Connect billing with a zero setup fee"),
            (SignedContract, "Signed contract attached to the account"),
            (SellingPoints, "Description copied to the venue's selling points"),
            (Contacts, "Contacts filled in"),
        ],
    };
}
