using Switchyard.Domain.Common;

namespace Switchyard.Domain.Billing;

/// <summary>
/// BIL-3, BIL-4: the accounts of the embedded double-entry ledger, one set per partner and currency.
/// Debits are positive, credits negative; every entry sums to zero.
/// </summary>
public enum LedgerAccount
{
    /// <summary>What customers owe the partner (asset).</summary>
    Receivable,
    /// <summary>Invoiced sales (income, credit-normal).</summary>
    Sales,
    /// <summary>Money received and held by the marketplace for the partner: the pending balance.</summary>
    Clearing,
    /// <summary>Credit notes (contra-income).</summary>
    Credits,
    /// <summary>Voided or uncollectible amounts taken off the receivable.</summary>
    WriteOffs,
    /// <summary>The marketplace's fees kept from payouts.</summary>
    Fees,
    /// <summary>Money sent to the partner.</summary>
    PaidOut,
}

/// <summary>One side of an entry: an account and a signed amount (debit positive, credit negative).</summary>
public sealed record LedgerLine(LedgerAccount Account, long AmountMinor);

/// <summary>
/// BIL-3: one balanced movement of the embedded ledger (invoice issued, payment, credit note, write-off,
/// payout). Created only through <see cref="Post"/>, which refuses an unbalanced entry.
/// </summary>
public sealed class LedgerEntry : Entity<LedgerEntryId>, IPartnerOwned
{
    private readonly List<LedgerLine> _lines = [];

    private LedgerEntry() { }

    public string PartnerId { get; private set; } = "";
    public string CurrencyCode { get; private set; } = "";
    public DateTimeOffset At { get; private set; }

    /// <summary>What happened: invoiceIssued, paymentReceived, creditNoteIssued, invoiceVoided, invoiceUncollectible, payoutCreated.</summary>
    public string Kind { get; private set; } = "";

    /// <summary>The object the movement belongs to (invoice, payment, credit note or payout id).</summary>
    public string Reference { get; private set; } = "";

    public IReadOnlyList<LedgerLine> Lines => _lines;

    public bool IsBalanced => _lines.Sum(l => l.AmountMinor) == 0;

    /// <summary>Posts a balanced entry of the given lines (see <see cref="Move"/>).</summary>
    /// <exception cref="InvalidOperationException">An unbalanced or empty entry: a bug in the caller.</exception>
    public static LedgerEntry Post(string partnerId, Currency currency, DateTimeOffset at, string kind, string reference, params LedgerLine[] lines)
    {
        if (lines.Length == 0 || lines.Sum(l => l.AmountMinor) != 0)
        {
            throw new InvalidOperationException($"A ledger entry must balance ({kind} {reference}).");
        }
        var entry = new LedgerEntry
        {
            Id = LedgerEntryId.New(),
            PartnerId = partnerId,
            CurrencyCode = currency.Code,
            At = at,
            Kind = kind,
            Reference = reference,
        };
        entry._lines.AddRange(lines.Where(l => l.AmountMinor != 0));
        return entry;
    }

    /// <summary>A debit to one account and the matching credit to another.</summary>
    public static LedgerLine[] Move(LedgerAccount debit, LedgerAccount credit, long amountMinor) =>
        [new LedgerLine(debit, amountMinor), new LedgerLine(credit, -amountMinor)];

    /// <summary>Account balances (debit positive) over a set of entries.</summary>
    public static IReadOnlyDictionary<LedgerAccount, long> Balances(IEnumerable<LedgerEntry> entries) =>
        entries.SelectMany(e => e.Lines).GroupBy(l => l.Account).ToDictionary(g => g.Key, g => g.Sum(l => l.AmountMinor));
}
