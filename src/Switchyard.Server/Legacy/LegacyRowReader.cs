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

    public LegacyServiceOrder.Fields? Read(long line, Func<string, string?> cell, List<ImportError> errors)
    {
        var before = errors.Count;
        var externalId = Text(line, "external_id", cell, LegacyServiceOrder.MaxExternalIdLength, errors);
        var orgText = cell("customer_org_id");
        string? org = null;
        if (OrgIds.Validate(orgText).Count > 0 || HasControl(orgText))
        {
            errors.Add(new(line, "customer_org_id", "Not an org id (15 or 18 letters and digits)."));
        }
        else
        {
            org = OrgIds.Canonical(orgText!);
            if (customers is not null && customers.TryGetValue(org, out var remapped))
            {
                // LEG-4: the source org's customer is this partner's customer under another org id.
                org = remapped;
            }
        }
        var name = Text(line, "customer_name", cell, Validate.MaxNameLength, errors);
        var appText = cell("app")?.Trim();
        string? app = null;
        if (string.IsNullOrEmpty(appText))
        {
            errors.Add(new(line, "app", "Required: the app's catalog entry id or exact name."));
        }
        else if (appsByIdOrName.TryGetValue(appText, out var resolved))
        {
            app = resolved;
        }
        else
        {
            errors.Add(new(line, "app", $"Unknown app '{Clip(appText)}': give a catalog entry id or the exact name of one of your apps."));
        }
        if (!LegacySpellings.TryParseType(cell("type"), out var type))
        {
            errors.Add(new(line, "type", $"Unknown type '{Clip(cell("type"))}': new, add-on, upgrade, reduction, renewal or cancellation."));
        }
        var quantity = 0;
        if (!int.TryParse(cell("quantity")?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out quantity) || quantity > LegacyServiceOrder.MaxQuantity)
        {
            errors.Add(new(line, "quantity", $"Not a whole number from 0 to {LegacyServiceOrder.MaxQuantity:N0}."));
        }
        var currencyOk = Currency.TryFrom(cell("currency")?.Trim().ToUpperInvariant(), out var currency);
        if (!currencyOk)
        {
            errors.Add(new(line, "currency", $"Unknown currency '{Clip(cell("currency"))}' (an ISO 4217 code such as USD)."));
        }
        long priceMinor = 0;
        if (!decimal.TryParse(cell("unit_price")?.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var price) || price > 1_000_000_000m)
        {
            errors.Add(new(line, "unit_price", "Not an amount such as 12.50 (a dot for decimals, at most 1,000,000,000)."));
        }
        else if (currencyOk)
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
        var start = Date(line, "contract_start", cell, errors);
        var end = Date(line, "contract_end", cell, errors);
        if (start is { } s && end is { } e && e < s)
        {
            errors.Add(new(line, "contract_end", $"The contract ends ({e:yyyy-MM-dd}) before it starts ({s:yyyy-MM-dd})."));
        }
        if (!LegacySpellings.TryParseStatus(cell("status"), out var status))
        {
            errors.Add(new(line, "status", $"Unknown status '{Clip(cell("status"))}': draft, submitted, received, activated, cancelled or error."));
        }
        var received = Instant(line, cell("received_at"), errors);
        if (errors.Count > before)
        {
            return null;
        }
        return new LegacyServiceOrder.Fields(externalId!, org!, name!, app!, type, quantity, priceMinor, currency!.Code,
            start!.Value, end!.Value, status, received!.Value);
    }

    private static string? Text(long line, string column, Func<string, string?> cell, int max, List<ImportError> errors)
    {
        var value = cell(column)?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            errors.Add(new(line, column, "Required."));
            return null;
        }
        if (value.Length > max)
        {
            errors.Add(new(line, column, $"At most {max} characters; this has {value.Length}."));
            return null;
        }
        if (HasControl(value))
        {
            errors.Add(new(line, column, "Contains a control character."));
            return null;
        }
        return value;
    }

    private static DateOnly? Date(long line, string column, Func<string, string?> cell, List<ImportError> errors)
    {
        if (DateOnly.TryParseExact(cell(column)?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            && date.Year is >= 1990 and <= 2200)
        {
            return date;
        }
        errors.Add(new(line, column, $"Not a date as YYYY-MM-DD (1990–2200): '{Clip(cell(column))}'."));
        return null;
    }

    /// <summary>LEG-2: an ISO-8601 instant with its offset, kept exactly (to the microsecond both databases store).</summary>
    private static DateTimeOffset? Instant(long line, string? text, List<ImportError> errors)
    {
        text = text?.Trim();
        if (string.IsNullOrEmpty(text)
            || !(text.EndsWith('Z') || text.LastIndexOfAny(['+', '-']) > 10)
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

    private static bool HasControl(string? value)
    {
        if (value is null)
        {
            return false;
        }
        foreach (var c in value)
        {
            if (char.IsControl(c))
            {
                return true;
            }
        }
        return false;
    }

    private static string Clip(string? value)
    {
        if (value is null)
        {
            return "";
        }
        var clean = new string([.. value.Take(40).Select(c => char.IsControl(c) ? '?' : c)]);
        return value.Length > 40 ? clean + "…" : clean;
    }
}
