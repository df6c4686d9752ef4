using CsCheck;
using Switchyard.Domain.Billing;
using Switchyard.Domain.Common;
using Switchyard.Domain.Orders;

namespace Switchyard.Domain.Tests.Billing;

/// <summary>
/// BIL-4 money conservation and BIL-3 ledger balance over random histories of orders, payments, partial
/// payments, credit notes, voids, write-offs and payouts, per partner and currency.
/// </summary>
public class MoneyConservationTests
{
    private static readonly string[] Partners = ["prt_a", "prt_b"];
    private static readonly string[] Currencies = ["USD", "JPY", "BHD"];

    // A few activated orders per partner and currency, built once (building offers is the slow part).
    private static readonly IReadOnlyList<Order> Orders =
    [
        .. from partner in Partners
           from currency in Currencies
           from size in new[] { (1, 0.01m), (3, 33.33m), (7, 123m), (250, 9.99m) }
           select Bill.ActivatedOrder(partner, currency, size.Item1, currency == "JPY" ? decimal.Truncate(size.Item2) + 1 : size.Item2),
    ];

    /// <summary>One step: what to do, to which object (index modulo what exists), and a fraction for amounts.</summary>
    private sealed record Step(int Kind, int Target, int Fraction, decimal FeePercent);

    private static readonly Gen<Step> Steps =
        from kind in Gen.Int[0, 7]
        from target in Gen.Int[0, 1000]
        from fraction in Gen.Int[0, 100]
        from fee in Gen.Int[0, 10_000]
        select new Step(kind, target, fraction, fee / 100m);

    [Fact]
    [Trait("rule", "BIL-4")]
    [Trait("rule", "BIL-3")]
    public void RandomHistories_ConserveMoneyPerPartnerAndCurrency_LedgerAlwaysBalances_BIL4_BIL3()
    {
        Steps.Array[1, 40].Sample(Run, iter: 1_000);
    }

    private static void Run(Step[] steps)
    {
        var now = Bill.IssueAt;
        var today = Bill.IssueDay;
        var invoices = new List<Invoice>();
        var payments = new List<Payment>();
        var payouts = new List<Payout>();
        var entries = new List<LedgerEntry>();
        var number = 0;
        foreach (var step in steps)
        {
            Invoice? Pick() => invoices.Count == 0 ? null : invoices[step.Target % invoices.Count];
            switch (step.Kind)
            {
                case 0:
                case 1:
                    var invoice = Invoice.DraftFor(Orders[step.Target % Orders.Count], "Acme", ++number, default, now);
                    entries.Add(invoice.Issue(today, now).Value);
                    invoices.Add(invoice);
                    break;
                case 2:
                case 3:
                    if (Pick() is { } toPay)
                    {
                        // Full, partial, or (fraction > 95) more than owed, which must be refused and change nothing.
                        var due = toPay.AmountDue.Minor;
                        var amount = step.Fraction > 95 ? due + 1 : Math.Max(1, due * step.Fraction / 95);
                        var before = (toPay.PaidMinor, toPay.Status);
                        var paid = toPay.RecordPayment(new Money(amount, toPay.Currency), today, null, now);
                        if (paid.IsSuccess)
                        {
                            payments.Add(paid.Value.Payment);
                            entries.Add(paid.Value.Entry);
                        }
                        else
                        {
                            Assert.Equal(before, (toPay.PaidMinor, toPay.Status));
                        }
                    }
                    break;
                case 4:
                    if (Pick() is { } toCredit)
                    {
                        var amount = step.Fraction > 95 ? toCredit.AmountDue.Minor + 1 : Math.Max(1, toCredit.AmountDue.Minor * step.Fraction / 95);
                        var credited = toCredit.IssueCreditNote(new Money(amount, toCredit.Currency), "Correction", now);
                        if (credited.IsSuccess)
                        {
                            entries.Add(credited.Value.Entry);
                        }
                        Assert.True(toCredit.CreditedMinor + toCredit.PaidMinor <= toCredit.TotalMinor);
                    }
                    break;
                case 5:
                    if (Pick() is { } toVoid)
                    {
                        var voided = step.Fraction % 2 == 0 ? toVoid.Void(now) : toVoid.MarkUncollectible(now);
                        if (voided.IsSuccess)
                        {
                            entries.Add(voided.Value);
                        }
                    }
                    break;
                default:
                    var partner = Partners[step.Target % Partners.Length];
                    var currency = Currencies[step.Fraction % Currencies.Length];
                    var pending = payments.Where(p => p.PayoutId is null && p.PartnerId == partner && p.CurrencyCode == currency).ToList();
                    var payout = Payout.For(pending, step.FeePercent, today, now);
                    if (payout.IsSuccess)
                    {
                        payouts.Add(payout.Value.Payout);
                        entries.Add(payout.Value.Entry);
                    }
                    else
                    {
                        Assert.Empty(pending);
                    }
                    break;
            }
        }

        Assert.All(entries, e => Assert.True(e.IsBalanced));
        foreach (var partner in Partners)
        {
            foreach (var currency in Currencies)
            {
                var paid = payments.Where(p => p.PartnerId == partner && p.CurrencyCode == currency).Sum(p => p.AmountMinor);
                var mine = payouts.Where(p => p.PartnerId == partner && p.CurrencyCode == currency).ToList();
                var pending = payments.Where(p => p.PartnerId == partner && p.CurrencyCode == currency && p.PayoutId is null).Sum(p => p.AmountMinor);
                Assert.Equal(paid, mine.Sum(p => p.NetMinor) + mine.Sum(p => p.FeeMinor) + pending);
                Assert.All(mine, p => Assert.True(p.NetMinor >= 0 && p.FeeMinor >= 0));

                var balances = LedgerEntry.Balances(entries.Where(e => e.PartnerId == partner && e.CurrencyCode == currency));
                Assert.Equal(pending, balances.GetValueOrDefault(LedgerAccount.Clearing));
                Assert.Equal(mine.Sum(p => p.FeeMinor), balances.GetValueOrDefault(LedgerAccount.Fees));
                var owed = invoices.Where(i => i.PartnerId == partner && i.CurrencyCode == currency && i.Status == InvoiceStatus.Open).Sum(i => i.AmountDue.Minor);
                Assert.Equal(owed, balances.GetValueOrDefault(LedgerAccount.Receivable));
            }
        }
        Assert.Equal(payments.Count, payments.Select(p => p.Id).Distinct().Count());
        Assert.All(invoices, i => Assert.True(i.AmountDue.Minor >= 0));
    }
}
