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
[AttributeUsage(AttributeTargets.Class)]
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

    public IEnumerable<string> For(string field) => All.Where(e => e.Field == field).Select(e => e.Message);

    public bool Has(string field) => All.Any(e => e.Field == field);

    /// <summary>Errors not shown next to one of <paramref name="shownFields"/>.</summary>
    public IEnumerable<string> Other(IReadOnlyCollection<string> shownFields) =>
        All.Where(e => e.Field is null || !shownFields.Contains(e.Field)).Select(e => e.Message);
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

/// <summary>Invariant formatting for the console.</summary>
public static class Show
{
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
public static class FormValues
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

    public static decimal? Amount(string? text, string field, List<Error> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (decimal.TryParse(text.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }
        errors.Add(Errors.Validation("invalidNumber", field, $"'{text}' is not an amount (use a dot for decimals, e.g. 12.50)."));
        return null;
    }

    public static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
