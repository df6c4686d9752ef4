namespace Switchyard.Domain.Common;

/// <summary>
/// An id that knows its kind: a prefixed opaque string (<c>off_…</c>) wrapped so that an order id cannot be
/// passed where an offer id is meant. The data layer stores the plain string (one value-converter convention)
/// and the API writes it as a plain JSON string, so neither the columns nor the wire format change.
/// </summary>
public interface ITypedId
{
    /// <summary>The prefixed string, exactly as stored and sent.</summary>
    string Value { get; }
}

/// <inheritdoc cref="ITypedId"/>
/// <remarks>Ids compare ordinally, as the database orders them: time-ordered ids sort by creation.</remarks>
public interface ITypedId<TSelf> : ITypedId, IEquatable<TSelf>, IComparable<TSelf>
    where TSelf : struct, ITypedId<TSelf>
{
    /// <summary>The kind's prefix (<see cref="Ids"/>), without the underscore.</summary>
    static abstract string Prefix { get; }

    /// <summary>
    /// Wraps a string read from storage or from a caller without checking it: an unknown or wrong-kind id is simply
    /// not found, as it was before ids were typed.
    /// </summary>
    static abstract TSelf From(string value);
}

/// <summary>Helpers shared by every typed id.</summary>
public static class TypedIds
{
    /// <summary>A new id of this kind (<see cref="Ids.New"/>).</summary>
    public static TId New<TId>() where TId : struct, ITypedId<TId> => TId.From(Ids.New(TId.Prefix));

    /// <summary>Whether the text has this kind's prefix; a cheap check before a lookup, never a guarantee the id exists.</summary>
    public static bool HasPrefix<TId>(string? value) where TId : struct, ITypedId<TId> => Ids.HasPrefix(value, TId.Prefix);

    /// <summary>The id or null, for optional text.</summary>
    public static TId? FromNullable<TId>(string? value) where TId : struct, ITypedId<TId> => value is null ? null : TId.From(value);
}
