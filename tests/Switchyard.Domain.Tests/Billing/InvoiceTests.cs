using System.Reflection;
using Switchyard.Domain.Billing;
using Switchyard.Domain.Common;
using Switchyard.Domain.Tests.Offers;

namespace Switchyard.Domain.Tests.Billing;

/// <summary>BIL-1 (content, NET30, tax), BIL-2 (statuses, immutability, credit notes), BIL-3 (ledger), BIL-4 (payouts).</summary>
public class InvoiceTests
{
    [Fact]
    [Trait("rule", "BIL-1")]
    public void DraftFor_ActivatedOrder_CarriesProductNamesAndUpfrontTermTotal_BIL1()
    {
        var order = Bill.ActivatedOrder(productName: "Analytics Pro seats");
        var invoice = Invoice.DraftFor(order, "Acme", 7, TaxPolicy.None.For(false, null), Bill.IssueAt);

        var line = Assert.Single(invoice.Lines);
        Assert.Equal("Analytics Pro seats", line.ProductName);
        Assert.Equal(10, line.Quantity);
        Assert.Equal(Bill.Usd(12_000m), invoice.Subtotal);
        Assert.Equal(Bill.Usd(12_000m), invoice.Total);
        Assert.Equal(InvoiceStatus.Draft, invoice.Status);
        Assert.Equal("INV-000007", invoice.DisplayNumber);
        Assert.Equal(A.Billing, invoice.BillingEmail);
        Assert.Equal(order.Id, invoice.OrderId);
    }

    [Fact]
    [Trait("rule", "BIL-1")]
    public void Issue_DueThirtyDaysAfterIssue_NET30_BIL1()
    {
        var invoice = Bill.Issued();
        Assert.Equal(InvoiceStatus.Open, invoice.Status);
        Assert.Equal(new DateOnly(2027, 1, 1), invoice.IssueDate);
        Assert.Equal(new DateOnly(2027, 1, 31), invoice.DueDate);
        Assert.False(invoice.IsOverdue(new DateOnly(2027, 1, 31)));
        Assert.True(invoice.IsOverdue(new DateOnly(2027, 2, 1)));
    }

    [Fact]
    [Trait("rule", "BIL-1")]
    public void Tax_ExemptAtAcceptance_ChargesNone_ElseRateOfCustomerCountry_BIL1()
    {
        var policy = new TaxPolicy(new Dictionary<string, decimal> { ["DE"] = 19m }, 7.5m);

        var exempt = Bill.Issued(Bill.ActivatedOrder(taxExempt: true), policy.For(true, "DE"));
        Assert.Equal(0, exempt.TaxMinor);
        Assert.True(exempt.TaxExempt);

        var german = Bill.Issued(Bill.ActivatedOrder(), policy.For(false, "de"));
        Assert.Equal(Bill.Usd(2_280m), german.Tax);
        Assert.Equal(Bill.Usd(14_280m), german.Total);

        var elsewhere = Bill.Issued(Bill.ActivatedOrder(quantity: 1, unitPriceMonthly: 0.01m), policy.For(false, null));
        // 0.12 × 7.5 % = 0.009 → 0.01, rounded once, half away from zero.
        Assert.Equal(Bill.Usd(0.01m), elsewhere.Tax);
    }

    [Fact]
    [Trait("rule", "BIL-1")]
    public void TaxPolicy_Parse_AcceptsCountryRates_RefusesMalformed_BIL1()
    {
        var parsed = TaxPolicy.Parse("DE:19, fr:20", "5");
        Assert.NotNull(parsed);
        Assert.Equal(20m, parsed.For(false, "FR").RatePercent);
        Assert.Equal(5m, parsed.For(false, "US").RatePercent);
        Assert.Null(TaxPolicy.Parse("DE=19", null));
        Assert.Null(TaxPolicy.Parse("DE:101", null));
        Assert.Null(TaxPolicy.Parse(null, "x"));
    }

    [Fact]
    [Trait("rule", "BIL-2")]
    public void PartialPayment_LeavesOpenWithRemainder_ThenPaid_BIL2()
    {
        var invoice = Bill.Issued();
        var first = invoice.RecordPayment(Bill.Usd(5_000m), Bill.IssueDay, "wire-1", Bill.IssueAt);
        Assert.True(first.IsSuccess);
        Assert.Equal(InvoiceStatus.Open, invoice.Status);
        Assert.Equal(Bill.Usd(7_000m), invoice.AmountDue);

        Assert.True(invoice.RecordPayment(Bill.Usd(7_000m), Bill.IssueDay, "wire-2", Bill.IssueAt).IsSuccess);
        Assert.Equal(InvoiceStatus.Paid, invoice.Status);
        Assert.Equal(Bill.Usd(0m), invoice.AmountDue);
    }

    [Fact]
    [Trait("rule", "BIL-2")]
    public void PayMoreThanOwed_IsRefused_NothingChanges_BIL2()
    {
        var invoice = Bill.Issued();
        var error = Assert.Single(invoice.RecordPayment(Bill.Usd(12_000.01m), Bill.IssueDay, null, Bill.IssueAt).Errors);
        Assert.Equal(("overpayment", ErrorKind.Validation), (error.Code, error.Kind));
        Assert.Equal(0, invoice.PaidMinor);
        Assert.Equal("amountNotPositive", Assert.Single(invoice.RecordPayment(Bill.Usd(0m), Bill.IssueDay, null, Bill.IssueAt).Errors).Code);
        var euros = Money.FromAmount(1m, Currency.EUR).Value;
        Assert.Equal("currencyMismatch", Assert.Single(invoice.RecordPayment(euros, Bill.IssueDay, null, Bill.IssueAt).Errors).Code);
    }

    [Fact]
    [Trait("rule", "BIL-2")]
    public void CreditNote_ReducesAmountOwed_NeverBeyondIt_BIL2()
    {
        var invoice = Bill.Issued();
        var (note, entry) = invoice.IssueCreditNote(Bill.Usd(2_000m), "Two seats fewer", Bill.IssueAt).Value;
        Assert.Equal(invoice.Id, note.InvoiceId);
        Assert.Equal(Bill.Usd(10_000m), invoice.AmountDue);
        Assert.True(entry.IsBalanced);
        // The issued invoice itself is unchanged: the correction is a separate document.
        Assert.Equal(Bill.Usd(12_000m), invoice.Total);

        var error = Assert.Single(invoice.IssueCreditNote(Bill.Usd(10_000.01m), "Too much", Bill.IssueAt).Errors);
        Assert.Equal("creditExceedsAmountDue", error.Code);
        Assert.Equal("required", Assert.Single(invoice.IssueCreditNote(Bill.Usd(1m), " ", Bill.IssueAt).Errors).Code);

        invoice.IssueCreditNote(Bill.Usd(10_000m), "Cancelled", Bill.IssueAt);
        Assert.Equal(InvoiceStatus.Paid, invoice.Status);
    }

    [Fact]
    [Trait("rule", "BIL-2")]
    public void Void_PaidOrPartlyPaid_IsRefused_BIL2()
    {
        var partly = Bill.Issued();
        partly.RecordPayment(Bill.Usd(1m), Bill.IssueDay, null, Bill.IssueAt);
        Assert.Equal("invoiceHasPayments", Assert.Single(partly.Void(Bill.IssueAt).Errors).Code);

        var paid = Bill.Issued();
        paid.RecordPayment(paid.AmountDue, Bill.IssueDay, null, Bill.IssueAt);
        var error = Assert.Single(paid.Void(Bill.IssueAt).Errors);
        Assert.Equal(("invoiceNotOpen", ErrorKind.Conflict), (error.Code, error.Kind));
        Assert.Equal(InvoiceStatus.Paid, paid.Status);
    }

    [Fact]
    [Trait("rule", "BIL-2")]
    public void StateMachine_DraftOpenVoidUncollectible_IllegalMovesAreConflicts_BIL2()
    {
        var draft = Invoice.DraftFor(Bill.ActivatedOrder(), "Acme", 1, default, Bill.IssueAt);
        Assert.Equal("invoiceNotPayable", Assert.Single(draft.RecordPayment(Bill.Usd(1m), Bill.IssueDay, null, Bill.IssueAt).Errors).Code);
        Assert.Equal("invoiceNotOpen", Assert.Single(draft.Void(Bill.IssueAt).Errors).Code);

        var voided = Bill.Issued();
        Assert.True(voided.Void(Bill.IssueAt).IsSuccess);
        Assert.Equal(InvoiceStatus.Void, voided.Status);
        Assert.Equal("invoiceNotDraft", Assert.Single(voided.Issue(Bill.IssueDay, Bill.IssueAt).Errors).Code);
        Assert.Equal("invoiceNotPayable", Assert.Single(voided.RecordPayment(Bill.Usd(1m), Bill.IssueDay, null, Bill.IssueAt).Errors).Code);

        var writtenOff = Bill.Issued();
        Assert.True(writtenOff.MarkUncollectible(Bill.IssueAt).IsSuccess);
        Assert.Equal(InvoiceStatus.Uncollectible, writtenOff.Status);
        Assert.Equal("invoiceNotOpen", Assert.Single(writtenOff.IssueCreditNote(Bill.Usd(1m), "x", Bill.IssueAt).Errors).Code);
        // A late payment on a written-off invoice is still accepted.
        Assert.True(writtenOff.RecordPayment(writtenOff.AmountDue, Bill.IssueDay, null, Bill.IssueAt).IsSuccess);
        Assert.Equal(InvoiceStatus.Paid, writtenOff.Status);
    }

    [Fact]
    [Trait("rule", "BIL-2")]
    public void IssuedInvoice_HasNoWayToChangeLinesOrTotals_BIL2()
    {
        foreach (var type in new[] { typeof(Invoice), typeof(InvoiceLine), typeof(CreditNote), typeof(Payment), typeof(Payout), typeof(LedgerEntry) })
        {
            Assert.DoesNotContain(type.GetProperties(), p => p.SetMethod is { IsPublic: true });
            var ctor = type.GetConstructor(BindingFlags.Instance | BindingFlags.NonPublic, Type.EmptyTypes);
            Assert.NotNull(ctor);
        }
        var mutators = typeof(Invoice).GetMethods(BindingFlags.Instance | BindingFlags.Public | BindingFlags.DeclaredOnly)
            .Where(m => !m.IsSpecialName && m.ReturnType != typeof(bool) && m.Name is not ("ToString" or "GetHashCode" or "Equals"))
            .Select(m => m.Name).Order().ToList();
        // Every public change is a status transition, a payment, a credit note or the delivery mark.
        Assert.Equal(["Issue", "IssueCreditNote", "MarkEmailed", "MarkUncollectible", "RecordPayment", "Void"], mutators);
    }

    [Fact]
    [Trait("rule", "BIL-3")]
    public void EveryMovement_IsABalancedLedgerEntry_BIL3()
    {
        var invoice = Invoice.DraftFor(Bill.ActivatedOrder(), "Acme", 1, default, Bill.IssueAt);
        var entries = new List<LedgerEntry> { invoice.Issue(Bill.IssueDay, Bill.IssueAt).Value };
        var (payment, paid) = invoice.RecordPayment(Bill.Usd(3_000m), Bill.IssueDay, null, Bill.IssueAt).Value;
        entries.Add(paid);
        entries.Add(invoice.IssueCreditNote(Bill.Usd(1_000m), "Discount", Bill.IssueAt).Value.Entry);
        entries.Add(Payout.For([payment], 2.5m, Bill.IssueDay, Bill.IssueAt).Value.Entry);

        Assert.All(entries, e => Assert.True(e.IsBalanced));
        var balances = LedgerEntry.Balances(entries);
        Assert.Equal(Bill.Usd(8_000m).Minor, balances[LedgerAccount.Receivable]);
        Assert.Equal(0, balances.GetValueOrDefault(LedgerAccount.Clearing));
        Assert.Equal(Bill.Usd(75m).Minor, balances[LedgerAccount.Fees]);
        Assert.Equal(Bill.Usd(2_925m).Minor, balances[LedgerAccount.PaidOut]);
        Assert.Throws<InvalidOperationException>(() =>
            LedgerEntry.Post(A.PartnerId, Currency.USD, Bill.IssueAt, "broken", "x", new LedgerLine(LedgerAccount.Clearing, 1)));
    }

    [Fact]
    [Trait("rule", "BIL-4")]
    public void Payout_LessFeePercent_CoversEachPaymentOnce_BIL4()
    {
        var invoice = Bill.Issued();
        var (first, _) = invoice.RecordPayment(Bill.Usd(1_000.01m), Bill.IssueDay, null, Bill.IssueAt).Value;
        var (second, _) = invoice.RecordPayment(Bill.Usd(999.99m), Bill.IssueDay, null, Bill.IssueAt).Value;

        var (payout, _) = Payout.For([first, second], 3.333m, Bill.IssueDay, Bill.IssueAt).Value;
        Assert.Equal(Bill.Usd(2_000m), payout.Gross);
        Assert.Equal(Bill.Usd(66.66m), payout.Fee);
        Assert.Equal(Bill.Usd(1_933.34m), payout.Net);
        Assert.Equal(payout.Id, first.PayoutId);
        Assert.Equal(payout.Id, second.PayoutId);

        Assert.Equal("paymentAlreadyPaidOut", Assert.Single(Payout.For([first], 3m, Bill.IssueDay, Bill.IssueAt).Errors).Code);
        Assert.Equal("invalidFeePercent", Assert.Single(Payout.For([first], -1m, Bill.IssueDay, Bill.IssueAt).Errors).Code);
        Assert.Equal("amountNotPositive", Assert.Single(Payout.For([], 1m, Bill.IssueDay, Bill.IssueAt).Errors).Code);
        Assert.True(payout.MarkSent("ledger", Bill.IssueAt).IsSuccess);
        Assert.Equal("payoutNotPending", Assert.Single(payout.MarkSent("ledger", Bill.IssueAt).Errors).Code);
    }
}
