using Switchyard.Data;
using Switchyard.Domain.Auditing;
using Switchyard.Domain.Billing;
using Switchyard.Domain.Common;
using Switchyard.Domain.Orders;

namespace Switchyard.Server.Billing;

/// <summary>
/// BIL-2, BIL-3: the operator's changes to an issued invoice, shared by the API and the console. Each
/// writes the change, its ledger entry and its audit record (AUD-1) in one save, or nothing.
/// </summary>
public static class InvoiceActions
{
    public static async Task<Result<Payment>> RecordPaymentAsync(SwitchyardDb db, Invoice invoice, RecordPaymentRequest request, DateOnly today, DateTimeOffset now, CancellationToken ct)
    {
        var errors = new List<Error>();
        var amount = BillingInput.Amount(request.Amount, request.Currency, errors);
        BillingInput.Text(errors, "reference", request.Reference, 200, required: false);
        if (request.ReceivedOn is { } on && (on > today || on < today.AddYears(-10)))
        {
            errors.Add(Errors.Validation("dateOutOfRange", "receivedOn", "A payment is received today or in the past ten years."));
        }
        if (errors.Count > 0 || amount.IsFailure)
        {
            return Result<Payment>.Failure(errors.Count > 0 ? errors : amount.Errors);
        }
        var paid = invoice.RecordPayment(amount.Value, request.ReceivedOn ?? today, request.Reference?.Trim(), now);
        if (paid.IsFailure)
        {
            return Result<Payment>.Failure(paid.Errors);
        }
        db.Payments.Add(paid.Value.Payment);
        db.LedgerEntries.Add(paid.Value.Entry);
        await RecordOnOrderAsync(db, invoice, TransactionKind.PaymentReceived, $"Payment of {MoneyText.Format(amount.Value)} on {invoice.DisplayNumber}.", paid.Value.Payment.Id.Value, amount.Value, now, ct);
        db.Audit.Describe(invoice, AuditActions.InvoicePaymentRecorded, request.Reference);
        db.Audit.Describe(paid.Value.Payment, AuditActions.PaymentRecorded);
        await db.SaveChangesAsync(ct);
        return paid.Value.Payment;
    }

    public static async Task<Result<CreditNote>> CreditAsync(SwitchyardDb db, Invoice invoice, CreditNoteRequest request, DateTimeOffset now, CancellationToken ct)
    {
        var errors = new List<Error>();
        var amount = BillingInput.Amount(request.Amount, request.Currency, errors);
        BillingInput.Text(errors, "reason", request.Reason, 500, required: true);
        if (errors.Count > 0 || amount.IsFailure)
        {
            return Result<CreditNote>.Failure(errors.Count > 0 ? errors : amount.Errors);
        }
        var credited = invoice.IssueCreditNote(amount.Value, request.Reason, now);
        if (credited.IsFailure)
        {
            return Result<CreditNote>.Failure(credited.Errors);
        }
        db.CreditNotes.Add(credited.Value.Note);
        db.LedgerEntries.Add(credited.Value.Entry);
        db.Audit.Describe(invoice, AuditActions.InvoiceCredited, request.Reason);
        db.Audit.Describe(credited.Value.Note, AuditActions.CreditNoteIssued, request.Reason);
        await db.SaveChangesAsync(ct);
        return credited.Value.Note;
    }

    public static async Task<Result<Unit>> VoidAsync(SwitchyardDb db, Invoice invoice, InvoiceActionRequest? request, DateTimeOffset now, CancellationToken ct) =>
        await CloseAsync(db, invoice, request, invoice.Void, "invoice.voided", now, ct);

    public static async Task<Result<Unit>> MarkUncollectibleAsync(SwitchyardDb db, Invoice invoice, InvoiceActionRequest? request, DateTimeOffset now, CancellationToken ct) =>
        await CloseAsync(db, invoice, request, invoice.MarkUncollectible, "invoice.markedUncollectible", now, ct);

    private static async Task<Result<Unit>> CloseAsync(SwitchyardDb db, Invoice invoice, InvoiceActionRequest? request,
        Func<DateTimeOffset, Result<LedgerEntry>> action, string auditAction, DateTimeOffset now, CancellationToken ct)
    {
        var errors = new List<Error>();
        BillingInput.Text(errors, "reason", request?.Reason, 500, required: false);
        if (errors.Count > 0)
        {
            return Result<Unit>.Failure(errors);
        }
        var entry = action(now);
        if (entry.IsFailure)
        {
            return Result<Unit>.Failure(entry.Errors);
        }
        db.LedgerEntries.Add(entry.Value);
        db.Audit.Describe(invoice, auditAction, request?.Reason);
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    private static async Task RecordOnOrderAsync(SwitchyardDb db, Invoice invoice, TransactionKind kind, string text, string reference, Money amount, DateTimeOffset now, CancellationToken ct)
    {
        var order = await db.Orders.FindAsync([invoice.OrderId], ct);
        order?.RecordFinance(kind, text, now, reference, amount);
    }
}
