namespace Switchyard.Domain.Common;

/// <summary>Opaque, prefixed, time-ordered ids (prt_…, prd_…). Generated here and nowhere else.</summary>
public static class Ids
{
    public const string Partner = "prt";
    public const string CatalogEntry = "app";
    public const string Product = "prd";
    public const string License = "lic";
    public const string Customer = "cus";
    public const string CustomerOrg = "org";
    public const string CustomerUser = "usr";
    public const string ApiKey = "key";
    public const string ConsoleUser = "cu";
    public const string SignInThrottle = "sit";
    public const string Invitation = "inv";
    public const string Audit = "aud";
    public const string Offer = "off";
    public const string OfferItem = "oit";
    public const string Order = "ord";
    public const string OrderItem = "ori";
    public const string Transaction = "trx";
    public const string Grant = "grt";
    public const string Invoice = "ivc";
    public const string InvoiceLine = "ivl";
    public const string CreditNote = "crn";
    public const string Payment = "pay";
    public const string Payout = "pyo";
    public const string LedgerEntry = "led";
    public const string LegacyOrder = "lso";
    public const string LegacyImport = "lim";
    public const string Migration = "mig";
    public const string Account = "acc";
    public const string PlanMigration = "pmr";
    public const string PlanMigrationBatch = "pmb";
    public const string PlanMigrationTask = "tsk";
    public const string ChecklistItem = "chk";
    public const string TrainingDay = "trd";
    public const string Outbox = "obx";

    /// <summary>A new id: the prefix, an underscore and 32 hex digits of a version-7 GUID (sortable by creation).</summary>
    public static string New(string prefix) => prefix + "_" + Guid.CreateVersion7().ToString("N");

    public static bool HasPrefix(string? id, string prefix) =>
        id is not null && id.Length > prefix.Length + 1 && id.StartsWith(prefix + "_", StringComparison.Ordinal);
}
