using Switchyard.Domain.Common;

namespace Switchyard.Domain.Billing;

/// <summary>Named billing failures (BIL-2, BIL-4): each maps to a clear 4xx and writes nothing.</summary>
public static class BillingErrors
{
    public static Error NotDraft(InvoiceStatus status) => Errors.Conflict("invoiceNotDraft",
        $"Only a draft invoice can be issued; this one is {Name(status)}.");

    public static Error NotPayable(InvoiceStatus status) => Errors.Conflict("invoiceNotPayable",
        $"Payments are recorded on open or uncollectible invoices; this one is {Name(status)}.");

    public static Error NotOpen(string action, InvoiceStatus status) => Errors.Conflict("invoiceNotOpen",
        $"Only an open invoice can be {action}; this one is {Name(status)}.");

    public static Error HasPayments() => Errors.Conflict("invoiceHasPayments",
        "An invoice with payments cannot be voided; issue a credit note for a correction instead.");

    public static Error Overpayment(Money due) => Errors.Validation("overpayment", "amount",
        $"The payment is more than the {due} still owed.");

    public static Error OverCredit(Money due) => Errors.Validation("creditExceedsAmountDue", "amount",
        $"A credit note can reduce the amount owed to zero at most: {due} is owed.");

    public static Error NotPositive(string field = "amount") => Errors.Validation("amountNotPositive", field,
        "The amount must be more than zero.");

    public static Error CurrencyMismatch(string expected) => Errors.Validation("currencyMismatch", "currency",
        $"The invoice is in {expected}.");

    public static Error InvalidFeePercent() => Errors.Validation("invalidFeePercent", "feePercent",
        "The fee is a percentage from 0 to 100.");

    private static string Name(InvoiceStatus status) => status.ToString().ToLowerInvariant();
}
