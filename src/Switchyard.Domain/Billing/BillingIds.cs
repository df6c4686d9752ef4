using Switchyard.Domain.Common;

namespace Switchyard.Domain.Billing;

/// <summary>An invoice's id (<c>ivc_…</c>).</summary>
public readonly record struct InvoiceId(string Value) : ITypedId<InvoiceId>
{
    public string Value { get; } = Value ?? throw new ArgumentNullException(nameof(Value));

    public static string Prefix => Ids.Invoice;

    public static InvoiceId From(string value) => new(value);

    public static InvoiceId New() => TypedIds.New<InvoiceId>();

    public override string ToString() => Value;

    public int CompareTo(InvoiceId other) => string.CompareOrdinal(Value, other.Value);

    public static bool operator <(InvoiceId left, InvoiceId right) => left.CompareTo(right) < 0;

    public static bool operator <=(InvoiceId left, InvoiceId right) => left.CompareTo(right) <= 0;

    public static bool operator >(InvoiceId left, InvoiceId right) => left.CompareTo(right) > 0;

    public static bool operator >=(InvoiceId left, InvoiceId right) => left.CompareTo(right) >= 0;
}

/// <summary>An invoice line's id (<c>ivl_…</c>).</summary>
public readonly record struct InvoiceLineId(string Value) : ITypedId<InvoiceLineId>
{
    public string Value { get; } = Value ?? throw new ArgumentNullException(nameof(Value));

    public static string Prefix => Ids.InvoiceLine;

    public static InvoiceLineId From(string value) => new(value);

    public static InvoiceLineId New() => TypedIds.New<InvoiceLineId>();

    public override string ToString() => Value;

    public int CompareTo(InvoiceLineId other) => string.CompareOrdinal(Value, other.Value);

    public static bool operator <(InvoiceLineId left, InvoiceLineId right) => left.CompareTo(right) < 0;

    public static bool operator <=(InvoiceLineId left, InvoiceLineId right) => left.CompareTo(right) <= 0;

    public static bool operator >(InvoiceLineId left, InvoiceLineId right) => left.CompareTo(right) > 0;

    public static bool operator >=(InvoiceLineId left, InvoiceLineId right) => left.CompareTo(right) >= 0;
}

/// <summary>A payment's id (<c>pay_…</c>).</summary>
public readonly record struct PaymentId(string Value) : ITypedId<PaymentId>
{
    public string Value { get; } = Value ?? throw new ArgumentNullException(nameof(Value));

    public static string Prefix => Ids.Payment;

    public static PaymentId From(string value) => new(value);

    public static PaymentId New() => TypedIds.New<PaymentId>();

    public override string ToString() => Value;

    public int CompareTo(PaymentId other) => string.CompareOrdinal(Value, other.Value);

    public static bool operator <(PaymentId left, PaymentId right) => left.CompareTo(right) < 0;

    public static bool operator <=(PaymentId left, PaymentId right) => left.CompareTo(right) <= 0;

    public static bool operator >(PaymentId left, PaymentId right) => left.CompareTo(right) > 0;

    public static bool operator >=(PaymentId left, PaymentId right) => left.CompareTo(right) >= 0;
}

/// <summary>A payout's id (<c>pyo_…</c>).</summary>
public readonly record struct PayoutId(string Value) : ITypedId<PayoutId>
{
    public string Value { get; } = Value ?? throw new ArgumentNullException(nameof(Value));

    public static string Prefix => Ids.Payout;

    public static PayoutId From(string value) => new(value);

    public static PayoutId New() => TypedIds.New<PayoutId>();

    public override string ToString() => Value;

    public int CompareTo(PayoutId other) => string.CompareOrdinal(Value, other.Value);

    public static bool operator <(PayoutId left, PayoutId right) => left.CompareTo(right) < 0;

    public static bool operator <=(PayoutId left, PayoutId right) => left.CompareTo(right) <= 0;

    public static bool operator >(PayoutId left, PayoutId right) => left.CompareTo(right) > 0;

    public static bool operator >=(PayoutId left, PayoutId right) => left.CompareTo(right) >= 0;
}

/// <summary>A credit note's id (<c>crn_…</c>).</summary>
public readonly record struct CreditNoteId(string Value) : ITypedId<CreditNoteId>
{
    public string Value { get; } = Value ?? throw new ArgumentNullException(nameof(Value));

    public static string Prefix => Ids.CreditNote;

    public static CreditNoteId From(string value) => new(value);

    public static CreditNoteId New() => TypedIds.New<CreditNoteId>();

    public override string ToString() => Value;

    public int CompareTo(CreditNoteId other) => string.CompareOrdinal(Value, other.Value);

    public static bool operator <(CreditNoteId left, CreditNoteId right) => left.CompareTo(right) < 0;

    public static bool operator <=(CreditNoteId left, CreditNoteId right) => left.CompareTo(right) <= 0;

    public static bool operator >(CreditNoteId left, CreditNoteId right) => left.CompareTo(right) > 0;

    public static bool operator >=(CreditNoteId left, CreditNoteId right) => left.CompareTo(right) >= 0;
}

/// <summary>A ledger entry's id (<c>led_…</c>).</summary>
public readonly record struct LedgerEntryId(string Value) : ITypedId<LedgerEntryId>
{
    public string Value { get; } = Value ?? throw new ArgumentNullException(nameof(Value));

    public static string Prefix => Ids.LedgerEntry;

    public static LedgerEntryId From(string value) => new(value);

    public static LedgerEntryId New() => TypedIds.New<LedgerEntryId>();

    public override string ToString() => Value;

    public int CompareTo(LedgerEntryId other) => string.CompareOrdinal(Value, other.Value);

    public static bool operator <(LedgerEntryId left, LedgerEntryId right) => left.CompareTo(right) < 0;

    public static bool operator <=(LedgerEntryId left, LedgerEntryId right) => left.CompareTo(right) <= 0;

    public static bool operator >(LedgerEntryId left, LedgerEntryId right) => left.CompareTo(right) > 0;

    public static bool operator >=(LedgerEntryId left, LedgerEntryId right) => left.CompareTo(right) >= 0;
}
