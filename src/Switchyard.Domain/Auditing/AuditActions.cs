namespace Switchyard.Domain.Auditing;

/// <summary>
/// AUD-1: the named actions a use case records with its change. Without one the data layer records
/// "&lt;object&gt;.created", ".updated" or ".deleted". The console's history words these (UX-3).
/// </summary>
public static class AuditActions
{
    public const string PartnerApplied = "partner.applied";
    public const string PartnerApproved = "partner.approved";
    public const string PartnerRejected = "partner.rejected";
    public const string AccountUpdated = "account.updated";
    public const string AccountPaymentConnectionStarted = "account.paymentConnectionStarted";
    public const string AccountPaymentStatusChanged = "account.paymentStatusChanged";
    public const string CatalogEntryContracted = "catalogEntry.contracted";
    public const string CatalogEntryUncontracted = "catalogEntry.uncontracted";
    public const string ProductUpdated = "product.updated";
    public const string ProductLicenseAdded = "product.licenseAdded";
    public const string ProductLicenseRemoved = "product.licenseRemoved";
    public const string CustomerUpdated = "customer.updated";
    public const string ApiKeyRevoked = "apiKey.revoked";
    public const string ConsoleUserSignedIn = "consoleUser.signedIn";
    public const string ConsoleUserInvitationAccepted = "consoleUser.invitationAccepted";
    public const string ConsoleUserPasswordChanged = "consoleUser.passwordChanged";
    public const string OfferSent = "offer.sent";
    public const string OfferAccepted = "offer.accepted";
    public const string OfferRejected = "offer.rejected";
    public const string OfferUpdated = "offer.updated";
    public const string OfferItemAdded = "offer.itemAdded";
    public const string OfferItemChanged = "offer.itemChanged";
    public const string OfferRetried = "offer.retried";
    public const string OfferErrored = "offer.errored";
    public const string OrderRetried = "order.retried";

    // Billing, the legacy channel and plan migration.
    public const string AccountChangedByTask = "account.changedByTask";
    public const string AccountCreated = "account.created";
    public const string AccountDebtChanged = "account.debtChanged";
    public const string AccountOpenedByMigration = "account.openedByMigration";
    public const string CreditNoteIssued = "creditNote.issued";
    public const string InvoiceCredited = "invoice.credited";
    public const string InvoiceIssued = "invoice.issued";
    public const string InvoicePaymentRecorded = "invoice.paymentRecorded";
    public const string MigrationCancellationActivated = "migration.cancellationActivated";
    public const string MigrationCancellationSubmitted = "migration.cancellationSubmitted";
    public const string MigrationFailed = "migration.failed";
    public const string MigrationStarted = "migration.started";
    public const string PaymentRecorded = "payment.recorded";
    public const string PayoutCreated = "payout.created";
    public const string PayoutSent = "payout.sent";
    public const string PlanMigrationCancelled = "planMigration.cancelled";
    public const string PlanMigrationChecklistUpdated = "planMigration.checklistUpdated";
    public const string PlanMigrationOpened = "planMigration.opened";
    public const string PlanMigrationSubmitted = "planMigration.submitted";
    public const string PlanMigrationTaskCompleted = "planMigration.taskCompleted";
}
