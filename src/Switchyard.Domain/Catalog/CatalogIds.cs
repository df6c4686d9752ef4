using Switchyard.Domain.Common;

namespace Switchyard.Domain.Catalog;

/// <summary>A catalog entry's (an app's) id (<c>app_…</c>).</summary>
public readonly record struct CatalogEntryId(string Value) : ITypedId<CatalogEntryId>
{
    public string Value { get; } = Value ?? throw new ArgumentNullException(nameof(Value));

    public static string Prefix => Ids.CatalogEntry;

    public static CatalogEntryId From(string value) => new(value);

    public static CatalogEntryId New() => TypedIds.New<CatalogEntryId>();

    public override string ToString() => Value;

    public int CompareTo(CatalogEntryId other) => string.CompareOrdinal(Value, other.Value);

    public static bool operator <(CatalogEntryId left, CatalogEntryId right) => left.CompareTo(right) < 0;

    public static bool operator <=(CatalogEntryId left, CatalogEntryId right) => left.CompareTo(right) <= 0;

    public static bool operator >(CatalogEntryId left, CatalogEntryId right) => left.CompareTo(right) > 0;

    public static bool operator >=(CatalogEntryId left, CatalogEntryId right) => left.CompareTo(right) >= 0;
}

/// <summary>A product's id (<c>prd_…</c>).</summary>
public readonly record struct ProductId(string Value) : ITypedId<ProductId>
{
    public string Value { get; } = Value ?? throw new ArgumentNullException(nameof(Value));

    public static string Prefix => Ids.Product;

    public static ProductId From(string value) => new(value);

    public static ProductId New() => TypedIds.New<ProductId>();

    public override string ToString() => Value;

    public int CompareTo(ProductId other) => string.CompareOrdinal(Value, other.Value);

    public static bool operator <(ProductId left, ProductId right) => left.CompareTo(right) < 0;

    public static bool operator <=(ProductId left, ProductId right) => left.CompareTo(right) <= 0;

    public static bool operator >(ProductId left, ProductId right) => left.CompareTo(right) > 0;

    public static bool operator >=(ProductId left, ProductId right) => left.CompareTo(right) >= 0;
}

/// <summary>A product's license mapping's id (<c>lic_…</c>).</summary>
public readonly record struct LicenseMappingId(string Value) : ITypedId<LicenseMappingId>
{
    public string Value { get; } = Value ?? throw new ArgumentNullException(nameof(Value));

    public static string Prefix => Ids.License;

    public static LicenseMappingId From(string value) => new(value);

    public static LicenseMappingId New() => TypedIds.New<LicenseMappingId>();

    public override string ToString() => Value;

    public int CompareTo(LicenseMappingId other) => string.CompareOrdinal(Value, other.Value);

    public static bool operator <(LicenseMappingId left, LicenseMappingId right) => left.CompareTo(right) < 0;

    public static bool operator <=(LicenseMappingId left, LicenseMappingId right) => left.CompareTo(right) <= 0;

    public static bool operator >(LicenseMappingId left, LicenseMappingId right) => left.CompareTo(right) > 0;

    public static bool operator >=(LicenseMappingId left, LicenseMappingId right) => left.CompareTo(right) >= 0;
}
