using System.Globalization;
using Switchyard.Domain.Common;
using Switchyard.Domain.Customers;
using Switchyard.Domain.Legacy;

namespace Switchyard.Server.Legacy;

/// <summary>One problem of an imported file: its line (the header is line 1), column and reason (LEG-2).</summary>
public sealed record ImportError(long Row, string? Column, string Message);

/// <summary>
/// LEG-1, LEG-2: turns one row of text cells (CSV or JSON lines, same column names) into the fields of a
/// legacy service order, reporting every bad cell. Apps resolve by catalog entry id or exact name.
/// </summary>
public sealed class LegacyRowReader(IReadOnlyDictionary<string, string> appsByIdOrName, IReadOnlyDictionary<string, string>? customers = null)
{
    public static readonly string[] Columns =
    [
        "external_id", "customer_org_id", "customer_name", "app", "type", "quantity", "unit_price", "currency",
        "contract_start", "contract_end", "status", "received_at",
    ];

    public static readonly HashSet<string> ColumnSet = new(Columns, StringComparer.Ordinal);

    // Column indexes in Columns (and in the cells of a row).
    private const int ExternalId = 0, CustomerOrgId = 1, CustomerName = 2, App = 3, Type = 4, Quantity = 5, UnitPrice = 6,
        CurrencyColumn = 7, ContractStart = 8, ContractEnd = 9, Status = 10, ReceivedAt = 11;

    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _apps = ToOrdinal(appsByIdOrName).GetAlternateLookup<ReadOnlySpan<char>>();

    // Consecutive rows often repeat a customer, a currency, a type or a status: the last one read is reused
    // rather than allocated and checked again.
    private string _lastOrgText = "", _lastOrg = "";
    private string _lastCurrencyText = "";
    private Currency? _lastCurrency;
    private readonly SpellingCache<LegacyOrderType> _types = new(LegacySpellings.TryParseType);
    private readonly SpellingCache<LegacyOrderStatus> _statuses = new(LegacySpellings.TryParseStatus);

    public LegacyServiceOrder.Fields? Read(long line, ILegacyCells cell, List<ImportError> errors)
    {
        var before = errors.Count;
        var externalId = Text(line, ExternalId, cell, LegacyServiceOrder.MaxExternalIdLength, errors);
        var org = Org(cell[CustomerOrgId]);
        if (org is null)
        {
            errors.Add(new(line, "customer_org_id", "Not an org id (15 or 18 letters and digits)."));
        }
        var name = Text(line, CustomerName, cell, Validate.MaxNameLength, errors);
        var appText = cell[App].Trim();
        string? app = null;
        if (appText.IsEmpty)
        {
            errors.Add(new(line, "app", "Required: the app's catalog entry id or exact name."));
        }
        else if (_apps.TryGetValue(appText, out var resolved))
        {
            app = resolved;
        }
        else
        {
            errors.Add(new(line, "app", $"Unknown app '{Clip(appText)}': give a catalog entry id or the exact name of one of your apps."));
        }
        if (!_types.TryParse(cell[Type], out var type))
        {
            errors.Add(new(line, "type", $"Unknown type '{Clip(cell[Type])}': new, add-on, upgrade, reduction, renewal or cancellation."));
        }
        var quantityText = cell[Quantity].Trim();
        if (quantityText.IsEmpty || !int.TryParse(quantityText, NumberStyles.None, CultureInfo.InvariantCulture, out var quantity) || quantity > LegacyServiceOrder.MaxQuantity)
        {
            quantity = 0;
            errors.Add(new(line, "quantity", $"Not a whole number from 0 to {LegacyServiceOrder.MaxQuantity:N0}."));
        }
        var currency = CurrencyOf(cell[CurrencyColumn].Trim());
        if (currency is null)
        {
            errors.Add(new(line, "currency", $"Unknown currency '{Clip(cell[CurrencyColumn])}' (an ISO 4217 code such as USD)."));
        }
        long priceMinor = 0;
        var priceText = cell[UnitPrice].Trim();
        if (priceText.IsEmpty || !decimal.TryParse(priceText, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var price) || price > 1_000_000_000m)
        {
            errors.Add(new(line, "unit_price", "Not an amount such as 12.50 (a dot for decimals, at most 1,000,000,000)."));
        }
        else if (currency is not null)
        {
            var money = Money.FromAmount(price, currency, "unit_price");
            if (money.IsFailure)
            {
                errors.Add(new(line, "unit_price", money.Errors[0].Message));
            }
            else
            {
                priceMinor = money.Value.Minor;
            }
        }
        var start = Date(line, ContractStart, cell, errors);
        var end = Date(line, ContractEnd, cell, errors);
        if (start is { } s && end is { } e && e < s)
        {
            errors.Add(new(line, "contract_end", $"The contract ends ({e:yyyy-MM-dd}) before it starts ({s:yyyy-MM-dd})."));
        }
        if (!_statuses.TryParse(cell[Status], out var status))
        {
            errors.Add(new(line, "status", $"Unknown status '{Clip(cell[Status])}': draft, submitted, received, activated, cancelled or error."));
        }
        var received = Instant(line, cell[ReceivedAt].Trim(), errors);
        if (errors.Count > before)
        {
            return null;
        }
        return new LegacyServiceOrder.Fields(externalId!, org!, name!, app!, type, quantity, priceMinor, currency!.Code,
            start!.Value, end!.Value, status, received!.Value);
    }

    /// <summary>The canonical (18-character) org id, remapped by a consolidation; null when the cell is not an org id.</summary>
    private string? Org(ReadOnlySpan<char> raw)
    {
        if (raw.SequenceEqual(_lastOrgText) && _lastOrgText.Length > 0)
        {
            return _lastOrg;
        }
        var text = raw.ToString();
        if (OrgIds.Validate(text).Count > 0 || HasControl(text))
        {
            return null;
        }
        var org = OrgIds.Canonical(text);
        if (customers is not null && customers.TryGetValue(org, out var remapped))
        {
            // LEG-4: the source org's customer is this partner's customer under another org id.
            org = remapped;
        }
        (_lastOrgText, _lastOrg) = (text, org);
        return org;
    }

    private Currency? CurrencyOf(ReadOnlySpan<char> text)
    {
        if (_lastCurrency is not null && text.SequenceEqual(_lastCurrencyText))
        {
            return _lastCurrency;
        }
        var code = text.ToString();
        if (!Currency.TryFrom(code.ToUpperInvariant(), out var currency))
        {
            return null;
        }
        (_lastCurrencyText, _lastCurrency) = (code, currency);
        return currency;
    }

    private static Dictionary<string, string> ToOrdinal(IReadOnlyDictionary<string, string> apps) =>
        apps is Dictionary<string, string> d && d.Comparer == StringComparer.Ordinal ? d : new Dictionary<string, string>(apps, StringComparer.Ordinal);

    private static string? Text(long line, int column, ILegacyCells cell, int max, List<ImportError> errors)
    {
        var value = cell[column].Trim();
        if (value.IsEmpty)
        {
            errors.Add(new(line, Columns[column], "Required."));
            return null;
        }
        if (value.Length > max)
        {
            errors.Add(new(line, Columns[column], $"At most {max} characters; this has {value.Length}."));
            return null;
        }
        if (HasControl(value))
        {
            errors.Add(new(line, Columns[column], "Contains a control character."));
            return null;
        }
        return value.ToString();
    }

    private static DateOnly? Date(long line, int column, ILegacyCells cell, List<ImportError> errors)
    {
        if (DateOnly.TryParseExact(cell[column].Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            && date.Year is >= 1990 and <= 2200)
        {
            return date;
        }
        errors.Add(new(line, Columns[column], $"Not a date as YYYY-MM-DD (1990–2200): '{Clip(cell[column])}'."));
        return null;
    }

    /// <summary>LEG-2: an ISO-8601 instant with its offset, kept exactly (to the microsecond both databases store).</summary>
    private static DateTimeOffset? Instant(long line, ReadOnlySpan<char> text, List<ImportError> errors)
    {
        if (text.IsEmpty
            || !(text[^1] == 'Z' || text.LastIndexOfAny('+', '-') > 10)
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
            || at.Year is < 1990 or > 2200)
        {
            errors.Add(new(line, "received_at", $"Not an ISO-8601 instant with its offset, e.g. 2024-05-01T09:30:00Z: '{Clip(text)}'."));
            return null;
        }
        if (at.UtcTicks % 10 != 0)
        {
            errors.Add(new(line, "received_at", "At most 6 decimals of a second (microseconds)."));
            return null;
        }
        return at.ToUniversalTime();
    }

    private static bool HasControl(ReadOnlySpan<char> value)
    {
        foreach (var c in value)
        {
            if (char.IsControl(c))
            {
                return true;
            }
        }
        return false;
    }

    private static string Clip(ReadOnlySpan<char> value)
    {
        var clean = new string([.. value[..Math.Min(value.Length, 40)].ToArray().Select(c => char.IsControl(c) ? '?' : c)]);
        return value.Length > 40 ? clean + "…" : clean;
    }
}

/// <summary>Parses a spelling (a type or status) once per distinct text; rows repeat a handful of them.</summary>
internal sealed class SpellingCache<T>(SpellingCache<T>.Parser parse)
    where T : struct
{
    public delegate bool Parser(string? text, out T value);

    private const int Size = 16;
    private readonly List<(string Text, T Value)> _known = [];

    public bool TryParse(ReadOnlySpan<char> text, out T value)
    {
        foreach (var (known, v) in _known)
        {
            if (text.SequenceEqual(known))
            {
                value = v;
                return true;
            }
        }
        var s = text.ToString();
        if (!parse(s, out value))
        {
            return false;
        }
        if (_known.Count < Size)
        {
            _known.Add((s, value));
        }
        return true;
    }
}
