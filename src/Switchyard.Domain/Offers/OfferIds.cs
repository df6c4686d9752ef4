using Switchyard.Domain.Common;

namespace Switchyard.Domain.Offers;

/// <summary>An offer's id (<c>off_…</c>).</summary>
public readonly record struct OfferId(string Value) : ITypedId<OfferId>
{
    public string Value { get; } = Value ?? throw new ArgumentNullException(nameof(Value));

    public static string Prefix => Ids.Offer;

    public static OfferId From(string value) => new(value);

    public static OfferId New() => TypedIds.New<OfferId>();

    public override string ToString() => Value;

    public int CompareTo(OfferId other) => string.CompareOrdinal(Value, other.Value);

    public static bool operator <(OfferId left, OfferId right) => left.CompareTo(right) < 0;

    public static bool operator <=(OfferId left, OfferId right) => left.CompareTo(right) <= 0;

    public static bool operator >(OfferId left, OfferId right) => left.CompareTo(right) > 0;

    public static bool operator >=(OfferId left, OfferId right) => left.CompareTo(right) >= 0;
}

/// <summary>An offer item's id (<c>oit_…</c>).</summary>
public readonly record struct OfferItemId(string Value) : ITypedId<OfferItemId>
{
    public string Value { get; } = Value ?? throw new ArgumentNullException(nameof(Value));

    public static string Prefix => Ids.OfferItem;

    public static OfferItemId From(string value) => new(value);

    public static OfferItemId New() => TypedIds.New<OfferItemId>();

    public override string ToString() => Value;

    public int CompareTo(OfferItemId other) => string.CompareOrdinal(Value, other.Value);

    public static bool operator <(OfferItemId left, OfferItemId right) => left.CompareTo(right) < 0;

    public static bool operator <=(OfferItemId left, OfferItemId right) => left.CompareTo(right) <= 0;

    public static bool operator >(OfferItemId left, OfferItemId right) => left.CompareTo(right) > 0;

    public static bool operator >=(OfferItemId left, OfferItemId right) => left.CompareTo(right) >= 0;
}
