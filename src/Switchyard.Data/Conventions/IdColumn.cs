using System.Linq.Expressions;
using System.Reflection;
using Switchyard.Domain.Common;

namespace Switchyard.Data.Conventions;

/// <summary>
/// Queries on the id of any entity, whatever the type of its id (a typed id or a plain string), for code that
/// handles every kind of row alike (keyset paging, due batches). Each condition compares the column itself, so
/// the primary-key index serves it on both providers.
/// </summary>
/// <remarks>
/// A typed id has no string operators, and casting it to string in a query makes the database cast the column
/// (which SQLite cannot serve from the index). Instead the expressions compare the id with a value of its own
/// type; EF Core translates the comparison to the column against a parameter, converted like the column.
/// </remarks>
public static class IdColumn<T>
    where T : Entity
{
    private static readonly PropertyInfo Property = typeof(T).GetProperty("Id")
        ?? throw new InvalidOperationException($"{typeof(T).Name} has no Id.");

    private static readonly Type KeyType = Property.PropertyType;

    private static readonly MethodInfo AfterMethod = typeof(IdColumn<T>).GetMethod(nameof(After), BindingFlags.NonPublic | BindingFlags.Static)!
        .MakeGenericMethod(KeyType);

    private static readonly Func<string, object> Wrap = KeyType == typeof(string)
        ? id => id
        : typeof(IdColumn<T>).GetMethod(nameof(WrapTyped), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(KeyType).CreateDelegate<Func<string, object>>();

    /// <summary>The id as its plain string, for a projection (<c>Select</c>).</summary>
    public static Expression<Func<T, string>> Text { get; } = TextExpression();

    /// <summary>Rows whose id sorts after <paramref name="id"/> (ordinal, as the ids are written).</summary>
    public static Expression<Func<T, bool>> IsAfter(string id)
    {
        var row = Expression.Parameter(typeof(T), "e");
        var body = Expression.GreaterThan(Expression.Property(row, Property), Parameter(Wrap(id), KeyType), false, AfterMethod);
        return Expression.Lambda<Func<T, bool>>(body, row);
    }

    /// <summary>Rows whose id is one of <paramref name="ids"/>.</summary>
    public static Expression<Func<T, bool>> IsIn(IEnumerable<string> ids)
    {
        var listType = typeof(List<>).MakeGenericType(KeyType);
        var list = (System.Collections.IList)Activator.CreateInstance(listType)!;
        foreach (var id in ids)
        {
            list.Add(Wrap(id));
        }
        var row = Expression.Parameter(typeof(T), "e");
        var contains = typeof(Enumerable).GetMethods().Single(m => m.Name == nameof(Enumerable.Contains) && m.GetParameters().Length == 2)
            .MakeGenericMethod(KeyType);
        var body = Expression.Call(contains, Parameter(list, listType), Expression.Property(row, Property));
        return Expression.Lambda<Func<T, bool>>(body, row);
    }

    /// <summary>The rows in id order (the stable tie-break of every list).</summary>
    public static IOrderedQueryable<T> OrderBy(IQueryable<T> query, bool descending = false) =>
        Sort(query, descending ? nameof(Queryable.OrderByDescending) : nameof(Queryable.OrderBy));

    /// <summary>A further ordering by id, after the list's own sort.</summary>
    public static IOrderedQueryable<T> ThenBy(IOrderedQueryable<T> query, bool descending = false) =>
        Sort(query, descending ? nameof(Queryable.ThenByDescending) : nameof(Queryable.ThenBy));

    private static IOrderedQueryable<T> Sort(IQueryable<T> query, string method)
    {
        var row = Expression.Parameter(typeof(T), "e");
        var key = Expression.Lambda(Expression.Property(row, Property), row);
        var sort = typeof(Queryable).GetMethods().Single(m => m.Name == method && m.GetParameters().Length == 2)
            .MakeGenericMethod(typeof(T), KeyType);
        return (IOrderedQueryable<T>)sort.Invoke(null, [query, key])!;
    }

    private static Expression<Func<T, string>> TextExpression()
    {
        var row = Expression.Parameter(typeof(T), "e");
        Expression id = Expression.Property(row, Property);
        // Through object, EF Core reads the stored string itself instead of a typed id.
        var text = KeyType == typeof(string) ? id : Expression.Convert(Expression.Convert(id, typeof(object)), typeof(string));
        return Expression.Lambda<Func<T, string>>(text, row);
    }

    // A captured value, so EF Core sends a parameter (one cached query plan) rather than a constant.
    private static MemberExpression Parameter(object value, Type type)
    {
        var holder = Activator.CreateInstance(typeof(Captured<>).MakeGenericType(type), value)!;
        return Expression.Property(Expression.Constant(holder), nameof(Captured<object>.Value));
    }

    // Only named by the comparison so the expression type-checks; EF Core translates it as the column's `>`.
    private static bool After<TKey>(TKey left, TKey right) =>
        string.CompareOrdinal(left is ITypedId l ? l.Value : left?.ToString(), right is ITypedId r ? r.Value : right?.ToString()) > 0;

    private static object WrapTyped<TId>(string id) where TId : struct, ITypedId<TId> => TId.From(id);
}

// Outside the generic class, so its only type argument is the captured value's type.
internal sealed class Captured<TValue>(TValue value)
{
    public TValue Value { get; } = value;
}
