using Switchyard.Domain.Billing;
using Switchyard.Domain.Common;

namespace Switchyard.Server.Billing;

/// <summary>An invoice line: the product's name as on the order, quantity, monthly unit price and amount (major units).</summary>
public sealed record InvoiceLineDto(string ProductId, string ProductName, int Quantity, decimal UnitPriceMonthly, decimal Amount);

/// <summary>BIL-1, BIL-2: an invoice; money in major units of <c>currency</c>.</summary>
public sealed record InvoiceDto(
    string Id, string Number, string PartnerId, string OrderId, string CustomerId, string CustomerOrgId, string CustomerName,
    InvoiceStatus Status, DateOnly? IssueDate, DateOnly? DueDate, DateOnly PeriodStart, DateOnly PeriodEnd, string Currency,
    IReadOnlyList<InvoiceLineDto> Lines, decimal Subtotal, bool TaxExempt, decimal TaxRatePercent, decimal Tax, decimal Total,
    decimal AmountPaid, decimal AmountCredited, decimal AmountDue, string BillingEmail, string? CustomerPo, string? PartnerPo,
    DateTimeOffset? EmailedAt)
{
    public static InvoiceDto From(Invoice i)
    {
        var c = i.Currency;
        decimal M(long minor) => new Domain.Common.Money(minor, c).Amount;
        return new InvoiceDto(i.Id.Value, i.DisplayNumber, i.PartnerId, i.OrderId.Value, i.CustomerId.Value, i.CustomerOrgId.Value, i.CustomerName, i.Status,
            i.IssueDate, i.DueDate, i.PeriodStart, i.PeriodEnd, i.CurrencyCode,
            [.. i.Lines.OrderBy(l => l.Position).Select(l => new InvoiceLineDto(l.ProductId.Value, l.ProductName, l.Quantity, M(l.UnitPriceMonthlyMinor), M(l.AmountMinor)))],
            M(i.SubtotalMinor), i.TaxExempt, i.TaxRatePercent, M(i.TaxMinor), M(i.TotalMinor), M(i.PaidMinor), M(i.CreditedMinor),
            i.AmountDue.Amount, i.BillingEmail, i.CustomerPo, i.PartnerPo, i.EmailedAt);
    }
}

/// <summary>BIL-2: a credit note against an invoice.</summary>
public sealed record CreditNoteDto(string Id, string InvoiceId, string Currency, decimal Amount, string Reason, DateTimeOffset IssuedAt)
{
    public static CreditNoteDto From(CreditNote n) => new(n.Id.Value, n.InvoiceId.Value, n.CurrencyCode, n.Amount.Amount, n.Reason, n.IssuedAt);
}

/// <summary>BIL-3, BIL-4: a payment and the payout that covers it (null while pending).</summary>
public sealed record PaymentDto(string Id, string InvoiceId, string Currency, decimal Amount, DateOnly ReceivedOn, string? Reference, string? PayoutId)
{
    public static PaymentDto From(Payment p) => new(p.Id.Value, p.InvoiceId.Value, p.CurrencyCode, p.Amount.Amount, p.ReceivedOn, p.Reference, p.PayoutId?.Value);
}

/// <summary>BIL-4: a payout: gross (the payments it covers), the fee, and the net sent to the partner.</summary>
public sealed record PayoutDto(string Id, string PartnerId, string Currency, decimal Gross, decimal FeePercent, decimal Fee, decimal Net,
    int PaymentCount, PayoutStatus Status, DateOnly ScheduledOn, DateTimeOffset? SentAt, IReadOnlyList<PaymentDto>? Payments)
{
    public static PayoutDto From(Payout p, IReadOnlyList<PaymentDto>? payments = null) =>
        new(p.Id.Value, p.PartnerId, p.CurrencyCode, p.Gross.Amount, p.FeePercent, p.Fee.Amount, p.Net.Amount, p.PaymentCount, p.Status, p.ScheduledOn, p.SentAt, payments);
}

/// <summary>BIL-4: a partner's money in one currency: owed by customers, received and waiting (pending), paid out, fees.</summary>
public sealed record BalanceDto(string Currency, decimal Receivable, decimal Pending, decimal PaidOut, decimal Fees, decimal TotalPaid);

/// <summary>An invoice with its credit notes and payments.</summary>
public sealed record InvoiceDetailDto(InvoiceDto Invoice, IReadOnlyList<CreditNoteDto> CreditNotes, IReadOnlyList<PaymentDto> Payments);

/// <summary>Operator: records a payment received for an invoice (embedded ledger). <c>receivedOn</c> defaults to today.</summary>
public sealed record RecordPaymentRequest(decimal? Amount, string? Currency, DateOnly? ReceivedOn, string? Reference);

/// <summary>Operator: a credit note reducing what is owed.</summary>
public sealed record CreditNoteRequest(decimal? Amount, string? Currency, string? Reason);

/// <summary>Operator: why an invoice is voided or written off.</summary>
public sealed record InvoiceActionRequest(string? Reason);

/// <summary>Input checks shared by the billing endpoints (SEC-8).</summary>
internal static class BillingInput
{
    public static Result<Domain.Common.Money> Amount(decimal? amount, string? currency, List<Error> errors)
    {
        if (string.IsNullOrWhiteSpace(currency))
        {
            errors.Add(Errors.Required("currency"));
        }
        else if (!Currency.TryFrom(currency, out _))
        {
            errors.Add(Errors.Validation("unknownCurrency", "currency", $"'{Clip(currency)}' is not a supported ISO 4217 currency code."));
        }
        if (amount is null)
        {
            errors.Add(Errors.Required("amount"));
        }
        else if (amount <= 0)
        {
            errors.Add(BillingErrors.NotPositive());
        }
        else if (amount > 1_000_000_000_000m)
        {
            errors.Add(Errors.Validation("moneyRange", "amount", "The amount is at most 1,000,000,000,000."));
        }
        if (errors.Count > 0)
        {
            return Result<Domain.Common.Money>.Failure(errors);
        }
        var money = Domain.Common.Money.FromAmount(amount!.Value, Currency.From(currency!));
        return money;
    }

    public static void Text(List<Error> errors, string field, string? value, int max, bool required)
    {
        if (required)
        {
            Validate.Required(errors, field, value, max);
        }
        else
        {
            Validate.MaxLength(errors, field, value, max);
        }
        if (value is not null && value.Any(char.IsControl))
        {
            errors.Add(Errors.Validation("controlCharacters", field, $"'{field}' cannot contain control characters."));
        }
    }

    private static string Clip(string value) => value.Length > 10 ? value[..10] + "…" : value;
}
