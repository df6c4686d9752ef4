using System.Buffers.Text;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Switchyard.Data.Conventions;
using Switchyard.Domain.Common;

namespace Switchyard.Server.Http;

/// <summary>A page of a list: `{ data, next }` (api.md). `next` is an opaque cursor or null.</summary>
public sealed record Page<T>(IReadOnlyList<T> Data, string? Next);

/// <summary>Cursor paging over id order (ids are time-ordered, so this is creation order).</summary>
public static class Paging
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;
    private const int MaxCursorIdLength = 100;

    public static Result<(int Limit, string? After)> Parse(int? limit, string? after)
    {
        var errors = new List<Error>();
        if (limit is < 1 or > MaxLimit)
        {
            errors.Add(Errors.Validation("invalidLimit", "limit", $"limit is between 1 and {MaxLimit}."));
        }
        string? afterId = null;
        if (!string.IsNullOrEmpty(after))
        {
            afterId = Decode(after);
            if (afterId is null)
            {
                errors.Add(Errors.Validation("invalidCursor", "after", "after must be the 'next' value of a previous page."));
            }
        }
        return errors.Count > 0 ? Result<(int, string?)>.Failure(errors) : (limit ?? DefaultLimit, afterId);
    }

    public static async Task<Page<TOut>> ToPageAsync<T, TOut>(this IQueryable<T> query, int limit, string? afterId, Func<T, TOut> map, CancellationToken ct)
        where T : Entity
    {
        if (afterId is not null)
        {
            query = query.Where(IdColumn<T>.IsAfter(afterId));
        }
        var rows = await IdColumn<T>.OrderBy(query).Take(limit + 1).ToListAsync(ct);
        var next = rows.Count > limit ? Encode(rows[limit - 1].IdValue) : null;
        return new Page<TOut>(rows.Take(limit).Select(map).ToList(), next);
    }

    private static string Encode(string id) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(id));

    private static string? Decode(string cursor)
    {
        try
        {
            // SEC-8: a cursor is an id we wrote; one that decodes to anything else (NULs, control characters,
            // broken UTF-8, a long text) never reaches the database.
            var id = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Base64Url.DecodeFromChars(cursor));
            return id.Length is > 0 and <= MaxCursorIdLength && Validate.TextProblem(id, multiLine: false) is null ? id : null;
        }
        catch (ArgumentException)
        {
            return null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
