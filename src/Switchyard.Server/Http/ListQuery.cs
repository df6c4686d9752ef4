using System.Linq.Expressions;
using Switchyard.Domain.Common;

namespace Switchyard.Server.Http;

/// <summary>
/// A list request's filters and paging, checked together so a bad request lists every problem at once
/// (422), then applied to the query.
/// </summary>
public sealed class ListQuery<T>(IQueryable<T> query, int? limit, string? after) where T : Entity
{
    private readonly List<Error> _errors = [];
    private readonly Result<(int Limit, string? After)> _paging = Paging.Parse(limit, after);
    private IQueryable<T> _query = query;

    /// <summary>`?field=value` for an enum property, in the API's camelCase spelling.</summary>
    public ListQuery<T> WhereEnum<TEnum>(string? value, string field, Expression<Func<T, TEnum>> property) where TEnum : struct, Enum
    {
        var parsed = EnumFilter.Parse<TEnum>(value, field);
        if (parsed.IsFailure)
        {
            _errors.AddRange(parsed.Errors);
        }
        else if (parsed.Value is { } wanted)
        {
            var equals = Expression.Equal(property.Body, Expression.Constant(wanted));
            _query = _query.Where(Expression.Lambda<Func<T, bool>>(equals, property.Parameters));
        }
        return this;
    }

    /// <summary>A filter applied only when the caller gave a value.</summary>
    public ListQuery<T> WhereIf(bool given, Expression<Func<T, bool>> predicate)
    {
        if (given)
        {
            _query = _query.Where(predicate);
        }
        return this;
    }

    public async Task<Result<Page<TOut>>> PageAsync<TOut>(Func<T, TOut> map, CancellationToken ct)
    {
        var errors = _paging.Errors.Concat(_errors).ToList();
        if (errors.Count > 0)
        {
            return Result<Page<TOut>>.Failure(errors);
        }
        return await _query.ToPageAsync(_paging.Value.Limit, _paging.Value.After, map, ct);
    }
}

public static class ListQuery
{
    public static ListQuery<T> List<T>(this IQueryable<T> query, int? limit, string? after) where T : Entity => new(query, limit, after);

    /// <summary>200 with the page, or the problems.</summary>
    public static Microsoft.AspNetCore.Http.HttpResults.Results<Microsoft.AspNetCore.Http.HttpResults.Ok<Page<TOut>>, Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult> ToResult<TOut>(
        this Result<Page<TOut>> page) =>
        page.IsSuccess ? TypedResults.Ok(page.Value) : Problems.From(page.Errors);
}
