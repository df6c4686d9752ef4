using Switchyard.Domain.Catalog;
using Switchyard.Domain.Common;
using Switchyard.Domain.Customers;
using Switchyard.Domain.Orders;

namespace Switchyard.Domain.Billing;

/// <summary>
/// BIL-1, BIL-2: what a customer owes for an activated order. Numbered per partner without gaps,
/// priced from the order (upfront for the term, or an add-on's prorated subtotal), due 30 days after
/// issue. Once issued its lines and totals never change: corrections are credit notes.
/// </summary>
public sealed class Invoice : Entity<InvoiceId>, IPartnerOwned, IAudited
{
    /// <summary>BIL-1: NET30.</summary>
    public const int PaymentTermDays = 30;

    private readonly List<InvoiceLine> _lines = [];

    private Invoice() { }

    public string PartnerId { get; private set; } = "";

    /// <summary>Per partner, from 1, without gaps (a voided invoice keeps its number).</summary>
    public int Number { get; private set; }
    public OrderId OrderId { get; private set; }
    public CustomerId CustomerId { get; private set; }
    public CustomerOrgId CustomerOrgId { get; private set; }
    public string CustomerName { get; private set; } = "";

    /// <summary>BIL-1: where the invoice is sent.</summary>
    public string BillingEmail { get; private set; } = "";
    public string? CustomerPo { get; private set; }
    public string? PartnerPo { get; private set; }
    public string CurrencyCode { get; private set; } = "";
    public InvoiceStatus Status { get; private set; }

    /// <summary>The service period the invoice covers.</summary>
    public DateOnly PeriodStart { get; private set; }
    public DateOnly PeriodEnd { get; private set; }
    public DateOnly? IssueDate { get; private set; }
    public DateOnly? DueDate { get; private set; }
    public long SubtotalMinor { get; private set; }
    public bool TaxExempt { get; private set; }
    public decimal TaxRatePercent { get; private set; }
    public string? TaxCountry { get; private set; }
    public long TaxMinor { get; private set; }
    public long TotalMinor { get; private set; }
    public long PaidMinor { get; private set; }
    public long CreditedMinor { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? IssuedAt { get; private set; }

    /// <summary>When it was paid in full, voided or marked uncollectible.</summary>
    public DateTimeOffset? ClosedAt { get; private set; }

    /// <summary>OPS-1: set once the invoice email has been handed to delivery.</summary>
    public DateTimeOffset? EmailedAt { get; private set; }

    public IReadOnlyList<InvoiceLine> Lines => _lines;

    public Currency Currency => Currency.From(CurrencyCode);
    public Money Subtotal => new(SubtotalMinor, Currency);
    public Money Tax => new(TaxMinor, Currency);
    public Money Total => new(TotalMinor, Currency);
    public Money Paid => new(PaidMinor, Currency);
    public Money Credited => new(CreditedMinor, Currency);

    /// <summary>What is still owed: the total less payments and credit notes (zero once void).</summary>
    public Money AmountDue => Status is InvoiceStatus.Void ? Money.Zero(Currency) : new(TotalMinor - PaidMinor - CreditedMinor, Currency);

    /// <summary>The number as printed: INV-000042.</summary>
    public string DisplayNumber => FormatNumber(Number);

    public static string FormatNumber(int number) => "INV-" + number.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Open, with money still owed, past the due date.</summary>
    public bool IsOverdue(DateOnly today) => Status == InvoiceStatus.Open && DueDate is { } due && today > due;

    /// <summary>
    /// BIL-1: a draft for an order: one line per order item with the product's name as the order
    /// carries it, the order's subtotal (already prorated for an add-on, OFF-7) and the tax rule.
    /// </summary>
    public static Invoice DraftFor(Order order, string customerName, int number, TaxRule tax, DateTimeOffset now) =>
        DraftFor(InvoiceSource.Of(order, customerName), number, tax, now);

    /// <summary>
    /// BIL-1: a draft from an order's invoicing fields (see <see cref="InvoiceSource"/>): one line per item in
    /// the order given, the subtotal as the order carries it, tax on the subtotal rounded once, the total.
    /// </summary>
    public static Invoice DraftFor(InvoiceSource order, int number, TaxRule tax, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(number);
        var subtotal = new Money(order.SubtotalMinor, Currency.From(order.CurrencyCode));
        var taxAmount = tax.On(subtotal);
        var invoice = new Invoice
        {
            Id = InvoiceId.New(),
            PartnerId = order.PartnerId,
            Number = number,
            OrderId = order.OrderId,
            CustomerId = order.CustomerId,
            CustomerOrgId = order.CustomerOrgId,
            CustomerName = order.CustomerName,
            BillingEmail = order.BillingEmail,
            CustomerPo = order.CustomerPo,
            PartnerPo = order.PartnerPo,
            CurrencyCode = order.CurrencyCode,
            Status = InvoiceStatus.Draft,
            PeriodStart = order.StartDate,
            PeriodEnd = order.EndDate,
            SubtotalMinor = subtotal.Minor,
            TaxExempt = tax.Exempt,
            TaxRatePercent = tax.Exempt ? 0m : tax.RatePercent,
            TaxCountry = tax.Country,
            TaxMinor = taxAmount.Minor,
            TotalMinor = (subtotal + taxAmount).Minor,
            CreatedAt = now,
        };
        invoice._lines.AddRange(order.Items.Select((item, i) => InvoiceLine.Create(invoice.Id, i + 1, item)));
        return invoice;
    }

    /// <summary>BIL-1, BIL-2: Draft → Open on <paramref name="today"/>, due 30 days later; posts the receivable.</summary>
    public Result<LedgerEntry> Issue(DateOnly today, DateTimeOffset now)
    {
        if (Status != InvoiceStatus.Draft)
        {
            return BillingErrors.NotDraft(Status);
        }
        Status = InvoiceStatus.Open;
        IssueDate = today;
        DueDate = today.AddDays(PaymentTermDays);
        IssuedAt = now;
        if (TotalMinor == 0)
        {
            // A zero invoice (free lines) has nothing to collect.
            Status = InvoiceStatus.Paid;
            ClosedAt = now;
        }
        return LedgerEntry.Post(PartnerId, Currency, now, "invoiceIssued", Id.Value,
            LedgerEntry.Move(LedgerAccount.Receivable, LedgerAccount.Sales, TotalMinor));
    }

    /// <summary>
    /// BIL-2, BIL-3: a payment on the embedded ledger. A partial payment leaves the invoice open with the
    /// rest due; paying the rest makes it paid; paying more than owed is refused.
    /// </summary>
    public Result<(Payment Payment, LedgerEntry Entry)> RecordPayment(Money amount, DateOnly receivedOn, string? reference, DateTimeOffset now)
    {
        if (Status is not (InvoiceStatus.Open or InvoiceStatus.Uncollectible))
        {
            return BillingErrors.NotPayable(Status);
        }
        var check = CheckAmount(amount);
        if (check is not null)
        {
            return check;
        }
        if (amount.Minor > AmountDue.Minor)
        {
            return BillingErrors.Overpayment(AmountDue);
        }
        var payment = Payment.Create(this, amount, receivedOn, reference, now);
        var wasUncollectible = Status == InvoiceStatus.Uncollectible;
        PaidMinor += amount.Minor;
        // A late payment on a written-off invoice reverses that much of the write-off.
        var lines = LedgerEntry.Move(LedgerAccount.Clearing, wasUncollectible ? LedgerAccount.WriteOffs : LedgerAccount.Receivable, amount.Minor);
        if (AmountDue.Minor == 0)
        {
            Status = InvoiceStatus.Paid;
            ClosedAt = now;
        }
        return (payment, LedgerEntry.Post(PartnerId, Currency, now, "paymentReceived", payment.Id.Value, lines));
    }

    /// <summary>BIL-2: a credit note reduces what is owed, never below zero; owing nothing then, the invoice is paid.</summary>
    public Result<(CreditNote Note, LedgerEntry Entry)> IssueCreditNote(Money amount, string? reason, DateTimeOffset now)
    {
        if (Status != InvoiceStatus.Open)
        {
            return BillingErrors.NotOpen("credited", Status);
        }
        var errors = new List<Error>();
        if (CheckAmount(amount) is { } amountError)
        {
            errors.Add(amountError);
        }
        else if (amount.Minor > AmountDue.Minor)
        {
            errors.Add(BillingErrors.OverCredit(AmountDue));
        }
        Validate.Required(errors, "reason", reason, 500);
        if (errors.Count > 0)
        {
            return Result<(CreditNote, LedgerEntry)>.Failure(errors);
        }
        var note = CreditNote.Create(this, amount, reason!.Trim(), now);
        CreditedMinor += amount.Minor;
        if (AmountDue.Minor == 0)
        {
            Status = InvoiceStatus.Paid;
            ClosedAt = now;
        }
        return (note, LedgerEntry.Post(PartnerId, Currency, now, "creditNoteIssued", note.Id.Value,
            LedgerEntry.Move(LedgerAccount.Credits, LedgerAccount.Receivable, amount.Minor)));
    }

    /// <summary>BIL-2: Open → Void, only before any payment (a paid invoice is corrected by a credit note).</summary>
    public Result<LedgerEntry> Void(DateTimeOffset now)
    {
        if (Status != InvoiceStatus.Open)
        {
            return BillingErrors.NotOpen("voided", Status);
        }
        if (PaidMinor > 0)
        {
            return BillingErrors.HasPayments();
        }
        var remaining = AmountDue.Minor;
        Status = InvoiceStatus.Void;
        ClosedAt = now;
        return LedgerEntry.Post(PartnerId, Currency, now, "invoiceVoided", Id.Value,
            LedgerEntry.Move(LedgerAccount.WriteOffs, LedgerAccount.Receivable, remaining));
    }

    /// <summary>BIL-2: Open → Uncollectible: the rest is written off (a later payment is still accepted).</summary>
    public Result<LedgerEntry> MarkUncollectible(DateTimeOffset now)
    {
        if (Status != InvoiceStatus.Open)
        {
            return BillingErrors.NotOpen("marked uncollectible", Status);
        }
        var remaining = AmountDue.Minor;
        Status = InvoiceStatus.Uncollectible;
        ClosedAt = now;
        return LedgerEntry.Post(PartnerId, Currency, now, "invoiceUncollectible", Id.Value,
            LedgerEntry.Move(LedgerAccount.WriteOffs, LedgerAccount.Receivable, remaining));
    }

    /// <summary>OPS-1: the invoice email has been written to the outbox.</summary>
    public void MarkEmailed(DateTimeOffset now) => EmailedAt ??= now;

    private Error? CheckAmount(Money amount)
    {
        if (amount.Currency.Code != CurrencyCode)
        {
            return BillingErrors.CurrencyMismatch(CurrencyCode);
        }
        return amount.Minor <= 0 ? BillingErrors.NotPositive() : null;
    }
}

/// <summary>BIL-1: one invoiced order item, with the product's name as the order carries it.</summary>
public sealed class InvoiceLine : Entity<InvoiceLineId>
{
    private InvoiceLine() { }

    public InvoiceId InvoiceId { get; private set; }
    public int Position { get; private set; }
    public ProductId ProductId { get; private set; }
    public string ProductName { get; private set; } = "";
    public int Quantity { get; private set; }
    public long UnitPriceMonthlyMinor { get; private set; }
    public long AmountMinor { get; private set; }

    internal static InvoiceLine Create(InvoiceId invoiceId, int position, InvoiceSourceItem item) => new()
    {
        Id = InvoiceLineId.New(),
        InvoiceId = invoiceId,
        Position = position,
        ProductId = item.ProductId,
        ProductName = item.ProductName,
        Quantity = item.Quantity,
        UnitPriceMonthlyMinor = item.UnitPriceMonthlyMinor,
        AmountMinor = item.LineTotalMinor,
    };
}
