using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Switchyard.Data;
using Switchyard.Domain.Access;
using Switchyard.Domain.Common;
using Switchyard.Server.Auth;

namespace Switchyard.Server.ConsoleUi.Components.Shared;

/// <summary>
/// Who may open a console page: the kind of user and, for partner users, at least one of the permissions
/// (PRM-1, PRM-2, PRM-4). The layout reads it from the endpoint and answers 403 before the page runs.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class ConsoleAccessAttribute(ActorKind kind, params string[] anyOf) : Attribute
{
    public ActorKind Kind { get; } = kind;
    public IReadOnlyList<string> AnyOf { get; } = anyOf;

    public bool Allows(Caller caller) =>
        caller.Kind == Kind && (AnyOf.Count == 0 || AnyOf.Any(caller.Has));

    public string Describe() => Kind switch
    {
        ActorKind.Operator => "an operator",
        ActorKind.PartnerUser when AnyOf.Count > 0 => $"a partner user with {string.Join(" or ", AnyOf)}",
        ActorKind.PartnerUser => "a partner user",
        ActorKind.CustomerUser => "a customer user",
    };
}

/// <summary>What every console page needs: the caller, the request's (tenant-scoped) database and the clock.</summary>
public abstract class ConsolePage : ComponentBase
{
    [CascadingParameter]
    public HttpContext HttpContext { get; set; } = default!;

    [Inject]
    protected SwitchyardDb Db { get; set; } = default!;

    [Inject]
    protected TimeProvider Clock { get; set; } = default!;

    [Inject]
    protected NavigationManager Nav { get; set; } = default!;

    /// <summary>Where links in invitations point (SEC-10: never the request's Host header).</summary>
    [Inject]
    protected Hosting.PublicAddress PublicAddress { get; set; } = default!;

    /// <summary>The signed-in user (pages other than sign-in and invitation require one).</summary>
    protected Caller Caller => Caller.From(HttpContext.User) ?? throw new InvalidOperationException("No signed-in console user.");

    protected DateTimeOffset Now => Clock.GetUtcNow();

    /// <summary>
    /// Shows a use case's refusal on its form: the errors by field, and the status the API answers for them. False
    /// (and nothing changed) when there were none.
    /// </summary>
    protected bool Refused(IReadOnlyList<Error> problems, ref FormErrors errors)
    {
        if (problems.Count == 0)
        {
            return false;
        }
        errors = new FormErrors(problems);
        HttpContext.Response.StatusCode = Http.Problems.StatusOf(problems[0].Kind);
        return true;
    }

    /// <summary>Answers 404 with this page's own body (its "not found" message inside the console layout).</summary>
    /// <remarks>
    /// The status is applied as the response starts: Blazor drops the body of a page that sets 404 while rendering
    /// (expecting status code pages to re-execute), which would leave the API's problem+json instead. A redirect
    /// or another status chosen later in the request is left alone.
    /// </remarks>
    protected void RespondNotFound() =>
        HttpContext.Response.OnStarting(static state =>
        {
            var response = (HttpResponse)state;
            if (response.StatusCode == StatusCodes.Status200OK)
            {
                response.StatusCode = StatusCodes.Status404NotFound;
            }
            return Task.CompletedTask;
        }, HttpContext.Response);
}

/// <summary>Domain errors of one form, by field (the same Error.Field / Message the API returns).</summary>
public sealed class FormErrors
{
    public static readonly FormErrors None = new([]);

    public FormErrors(IReadOnlyList<Error> errors) => All = errors;

    public IReadOnlyList<Error> All { get; }

    public bool Any => All.Count > 0;

    public IEnumerable<string> For(string field) => All.Where(e => e.Field == field).Select(Show.Message);

    public bool Has(string field) => All.Any(e => e.Field == field);

    /// <summary>Errors not shown next to one of <paramref name="shownFields"/>.</summary>
    public IEnumerable<string> Other(IReadOnlyCollection<string> shownFields) =>
        All.Where(e => e.Field is null || !shownFields.Contains(e.Field)).Select(Show.Message);
}

/// <summary>Query-string driven list state: page, sort and filters (works without JavaScript).</summary>
public sealed class ListQuery
{
    public const int PageSize = 20;

    private readonly string _path;
    private readonly Dictionary<string, string?> _filters;

    public ListQuery(string path, int? page, string? sort, string? dir, IReadOnlyCollection<string> sortKeys, string defaultSort,
        bool defaultDesc, params (string Key, string? Value)[] filters)
    {
        _path = path;
        Page = page is > 0 ? page.Value : 1;
        Sort = sort is not null && sortKeys.Contains(sort) ? sort : defaultSort;
        Desc = dir is null ? (sort is null || Sort != sort ? defaultDesc : false) : string.Equals(dir, "desc", StringComparison.Ordinal);
        _filters = filters.ToDictionary(f => f.Key, f => string.IsNullOrWhiteSpace(f.Value) ? null : f.Value.Trim(), StringComparer.Ordinal);
    }

    public int Page { get; }
    public string Sort { get; }
    public bool Desc { get; }
    public int Total { get; private set; }
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public string? Filter(string key) => _filters.GetValueOrDefault(key);

    public IEnumerable<KeyValuePair<string, string?>> Filters => _filters;

    public string Url(int? page = null, string? sort = null, bool? desc = null)
    {
        var query = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (key, value) in _filters.Where(f => f.Value is not null))
        {
            query[key] = value;
        }
        query["sort"] = sort ?? Sort;
        query["dir"] = desc ?? Desc ? "desc" : "asc";
        query["page"] = (page ?? Page).ToString(CultureInfo.InvariantCulture);
        return QueryHelpers.AddQueryString(_path, query);
    }

    public string SortUrl(string key) => Url(page: 1, sort: key, desc: key == Sort ? !Desc : false);

    public string Arrow(string key) => key == Sort ? (Desc ? " ▼" : " ▲") : "";

    public async Task<List<T>> PageAsync<T>(IQueryable<T> query, CancellationToken ct = default)
    {
        Total = await query.CountAsync(ct);
        var page = Math.Min(Page, Pages);
        return await query.Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(ct);
    }
}

/// <summary>Invariant formatting for the console, in the user's words (UX-2): no code spellings, field names or fractions of seconds.</summary>
public static partial class Show
{
    private static readonly Dictionary<string, string> FieldLabels = new(StringComparer.Ordinal)
    {
        ["customerId"] = "Customer",
        ["serviceStartDate"] = "Service start date",
        ["validUntil"] = "Valid until",
        ["recipientEmail"] = "Recipient email",
        ["billingEmail"] = "Billing email",
        ["partnerPo"] = "Partner PO",
        ["customerPo"] = "Customer PO",
        ["termSet"] = "Term set",
        ["contractTermMonths"] = "Contract term",
        ["endDate"] = "End date",
        ["productId"] = "Product",
        ["unitPriceMonthly"] = "Unit price / month",
        ["externalId"] = "License id",
        ["kind"] = "Kind",
        ["catalogEntryId"] = "App",
        ["orgId"] = "Org id",
        ["customerOrgId"] = "Customer org",
        ["contactEmail"] = "Contact email",
        ["paymentConnection"] = "Payment account",
    };

    // Messages the API words for integrators ("list yours with GET /v1/customers"), said for a person instead.
    private static readonly Dictionary<string, string> CodeMessages = new(StringComparer.Ordinal)
    {
        ["unknownCustomer"] = "Choose one of your customers.",
        ["unknownCatalogEntry"] = "Choose one of your apps.",
        ["unknownProduct"] = "Choose one of your products.",
    };

    public static bool HasLabel(string field) => FieldLabels.ContainsKey(field);

    /// <summary>The label a form shows for an API field ("serviceStartDate" → "Service start date").</summary>
    public static string FieldLabel(string field)
    {
        var last = field.Split('.')[^1];
        return FieldLabels.TryGetValue(last, out var label) ? label : Capitalize(Words(last));
    }

    /// <summary>An error as the console says it: the form's labels instead of field names, words instead of code spellings.</summary>
    public static string Message(Error error)
    {
        if (CodeMessages.TryGetValue(error.Code, out var said))
        {
            return said;
        }
        if (error.Code == "required" && error.Field is { } field && error.Message == $"'{field}' is required.")
        {
            return $"{FieldLabel(field)} is required.";
        }
        var text = Quoted().Replace(error.Message, m => FieldLabels.ContainsKey(m.Groups[1].Value) || m.Groups[1].Value == error.Field?.Split('.')[^1]
            ? FieldLabel(m.Groups[1].Value)
            : m.Value);
        return CamelWord().Replace(text, m => Words(m.Value));
    }

    /// <summary>A value as people say it: AddOn → "add-on", NotConnected → "not connected".</summary>
    public static string Label(Enum value) => value.ToString() switch
    {
        "AddOn" => "add-on",
        var name => Words(name),
    };

    /// <summary>The offer's term set in words.</summary>
    public static string TermSet(string? termSet) => termSet switch
    {
        null or "" => "—",
        "net30UpfrontAnnual" => "Net 30, paid upfront annually",
        var other => Capitalize(Words(other)),
    };

    /// <summary>A camelCase or PascalCase code as lower-case words: "customerNotOptedIn" → "customer not opted in".</summary>
    public static string Words(string? code)
    {
        if (string.IsNullOrEmpty(code))
        {
            return "";
        }
        var words = WordBreak().Replace(code, " ");
        return words.ToLowerInvariant().Replace("net30", "net 30", StringComparison.Ordinal);
    }

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    [System.Text.RegularExpressions.GeneratedRegex(@"(?<=[a-z0-9])(?=[A-Z])")]
    private static partial System.Text.RegularExpressions.Regex WordBreak();

    [System.Text.RegularExpressions.GeneratedRegex(@"'([a-z][a-zA-Z0-9]*)'")]
    private static partial System.Text.RegularExpressions.Regex Quoted();

    [System.Text.RegularExpressions.GeneratedRegex(@"\b[a-z]+(?:[A-Z][a-z0-9]*)+\b")]
    private static partial System.Text.RegularExpressions.Regex CamelWord();

    public static string Instant(DateTimeOffset? at) =>
        at is { } value ? value.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC" : "—";

    public static string Date(DateOnly? date) =>
        date is { } value ? value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "—";

    /// <summary>A camelCase enum filter from the query string; null when absent or unknown.</summary>
    public static T? ParseEnum<T>(string? value)
        where T : struct, Enum =>
        value is not null && Enum.TryParse<T>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed : null;

    public static string Camel(Enum value)
    {
        var text = value.ToString();
        return char.ToLowerInvariant(text[0]) + text[1..];
    }

    /// <summary>A LIKE pattern for a "contains" search, with LIKE wildcards in the text escaped.</summary>
    public static string Contains(string text) =>
        "%" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
}

/// <summary>Reads typed values from form text the way the API's JSON would carry them; a bad value is a field error.</summary>
public static partial class FormValues
{
    public static DateOnly? Date(string? text, string field, List<Error> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }
        errors.Add(Errors.Validation("invalidDate", field, $"'{text}' is not a date (YYYY-MM-DD)."));
        return null;
    }

    /// <summary>
    /// A date field the form always posts and the object requires: left empty it is reported as required
    /// (an edit must not read an emptied field as "unchanged").
    /// </summary>
    public static DateOnly? RequiredDate(string? text, string field, List<Error> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(Errors.Required(field));
            return null;
        }
        return Date(text, field, errors);
    }

    public static int? WholeNumber(string? text, string field, List<Error> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }
        errors.Add(Errors.Validation("invalidNumber", field, $"'{text}' is not a whole number."));
        return null;
    }

    /// <summary>
    /// UX-1: an amount typed by a person, read only when its meaning does not depend on a locale: digits with an
    /// optional dot and decimals ("60.50", "1234"), or groups of three split by commas with a dot for the decimals
    /// ("1,234.50"). "60,50", "1.234,5" or "1,234" are refused with the accepted form; nothing is silently scaled.
    /// </summary>
    public static decimal? Amount(string? text, string field, List<Error> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var typed = text.Trim();
        if (PlainAmount().IsMatch(typed) || GroupedAmount().IsMatch(typed))
        {
            return decimal.Parse(typed.Replace(",", "", StringComparison.Ordinal), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign,
                CultureInfo.InvariantCulture);
        }
        errors.Add(Errors.Validation("invalidAmount", field,
            $"'{typed}' is not an amount this form reads. Type digits with a dot for decimals and no other separators, e.g. {Suggest(typed)}."));
        return null;
    }

    // "60,50" → 60.50, "1.234,5" → 1234.50: the reading a comma-decimal locale intends, shown in the accepted form.
    private static string Suggest(string typed)
    {
        if (CommaDecimal().IsMatch(typed)
            && decimal.TryParse(typed.Replace(".", "", StringComparison.Ordinal).Replace(',', '.'), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign,
                CultureInfo.InvariantCulture, out var meant))
        {
            return meant.ToString("0.00", CultureInfo.InvariantCulture);
        }
        return "1234.50";
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^-?\d+(\.\d+)?$")]
    private static partial System.Text.RegularExpressions.Regex PlainAmount();

    [System.Text.RegularExpressions.GeneratedRegex(@"^-?\d{1,3}(,\d{3})+\.\d+$")]
    private static partial System.Text.RegularExpressions.Regex GroupedAmount();

    [System.Text.RegularExpressions.GeneratedRegex(@"^-?(\d{1,3}(\.\d{3})+|\d+),\d{1,2}$")]
    private static partial System.Text.RegularExpressions.Regex CommaDecimal();

    public static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
