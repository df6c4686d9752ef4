using System.Globalization;
using System.Linq.Expressions;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Switchyard.Data.Conventions;
using Switchyard.Domain.Common;
using Switchyard.Domain.Offers;

namespace Switchyard.Server.ConsoleUi.Components.Shared;

/// <summary>Short names people can read, say and search for (UX-4).</summary>
public static partial class Show
{
    private const int ReferenceLength = 6;

    /// <summary>
    /// An object's short reference ("OFF-3F9A2C"): its kind and the last six hex digits of its id (the random part
    /// of the time-ordered id). The full id stays in links and in the title of the reference.
    /// </summary>
    public static string Reference<TId>(TId id) where TId : struct, ITypedId<TId> => Reference(id.Value);

    /// <inheritdoc cref="Reference{TId}(TId)"/>
    public static string Reference(string id)
    {
        var cut = id.IndexOf('_', StringComparison.Ordinal);
        if (cut <= 0 || id.Length - cut - 1 < ReferenceLength)
        {
            return id;
        }
        return id[..cut].ToUpperInvariant() + "-" + id[^ReferenceLength..].ToUpperInvariant();
    }

    /// <summary>
    /// The hex tail a typed reference or id stands for ("OFF-3f9a2c", "3F9A2C", "off_…3f9a2c" → "3f9a2c"); null when
    /// the text cannot be one.
    /// </summary>
    public static string? ReferenceTail(string text)
    {
        var typed = text.Trim();
        var cut = typed.LastIndexOfAny(['-', '_']);
        var tail = (cut >= 0 ? typed[(cut + 1)..] : typed).ToLowerInvariant();
        return tail.Length >= 4 && tail.All(char.IsAsciiHexDigit) ? tail : null;
    }

    /// <summary>An offer's title: what it sells ("Northwind CRM and 2 more"), or that it has nothing yet.</summary>
    public static string OfferTitle(Offer offer) => offer.Items.Count switch
    {
        0 => "No items yet",
        1 => offer.Items[0].ProductName,
        var n => string.Create(CultureInfo.InvariantCulture, $"{offer.Items[0].ProductName} and {n - 1} more"),
    };

    public static string Count(int count, string one, string many) =>
        string.Create(CultureInfo.InvariantCulture, $"{count:N0} {(count == 1 ? one : many)}");
}

/// <summary>
/// The sort orders of one console list by key, shared by its page and its CSV export (UX-4); ties are broken by id so
/// paging is stable on every provider.
/// </summary>
public sealed class ListSorts<T> where T : Entity
{
    private readonly Dictionary<string, Func<IQueryable<T>, bool, IQueryable<T>>> _sorts = new(StringComparer.Ordinal);

    public ListSorts<T> Add<TKey>(string key, Expression<Func<T, TKey>> by)
    {
        _sorts[key] = (query, desc) => IdColumn<T>.ThenBy(desc ? query.OrderByDescending(by) : query.OrderBy(by), desc);
        return this;
    }

    public IReadOnlyCollection<string> Keys => _sorts.Keys;

    public IQueryable<T> Apply(IQueryable<T> query, ListQuery list) =>
        _sorts.TryGetValue(list.Sort, out var sort) ? sort(query, list.Desc) : IdColumn<T>.OrderBy(query);
}

/// <summary>A console list as a CSV file (UX-4, SEC-5): the same filters and order as the page, all rows up to a cap.</summary>
public static class CsvFile
{
    public const int MaxRows = 10_000;

    public static IResult Of<T>(string fileName, IReadOnlyList<string> header, IEnumerable<T> rows, Func<T, string?[]> cells)
    {
        var csv = new StringBuilder();
        Csv.Line(csv, [.. header]);
        foreach (var row in rows)
        {
            Csv.Line(csv, cells(row));
        }
        return Results.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray(), "text/csv; charset=utf-8", fileName);
    }

    /// <summary>An amount as a spreadsheet reads it: the currency's decimals, no group separators.</summary>
    public static string Amount(Money money) =>
        money.Amount.ToString("F" + money.Currency.Digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    public static Task<List<T>> AllAsync<T>(IQueryable<T> query, CancellationToken ct) => query.Take(MaxRows).ToListAsync(ct);
}

/// <summary>One way for every console list to read its state from the query string and to search (UX-4).</summary>
public static class Lists
{
    /// <summary>The list's page, sort and the named filters, as the request's query string gives them (pages and CSV exports alike).</summary>
    public static ListQuery From(HttpRequest request, string path, IReadOnlyCollection<string> sortKeys, string defaultSort, bool defaultDesc,
        params string[] filterKeys)
    {
        string? Get(string key) => request.Query.TryGetValue(key, out var v) ? v.ToString() : null;
        var page = int.TryParse(Get("page"), NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : (int?)null;
        return new ListQuery(path, page, Get("sort"), Get("dir"), sortKeys, defaultSort, defaultDesc,
            [.. filterKeys.Select(k => (k, Clean(Get(k))))]);
    }

    /// <summary>The CSV export of the same list: same filters and order, no paging.</summary>
    public static string CsvUrl(this ListQuery list, string csvPath)
    {
        var query = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (key, value) in list.Filters.Where(f => f.Value is not null))
        {
            query[key] = value;
        }
        query["sort"] = list.Sort;
        query["dir"] = list.Desc ? "desc" : "asc";
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(csvPath, query);
    }

    /// <summary>A case-insensitive "contains" pattern for <c>EF.Functions.Like(x.ToLower(), pattern, "\\")</c> on every provider.</summary>
    public static string LikePattern(string text) => Show.Contains(text.ToLowerInvariant());

    // NUL characters are refused by PostgreSQL: a typed filter never carries them into a query.
    private static string? Clean(string? value) => value?.Replace("\0", "", StringComparison.Ordinal);
}
