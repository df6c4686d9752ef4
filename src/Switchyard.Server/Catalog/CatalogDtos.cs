using Switchyard.Domain.Catalog;

namespace Switchyard.Server.Catalog;

public sealed record CreateCatalogEntryRequest(string? Name, bool? Contracted);

public sealed record UpdateCatalogEntryRequest(string? Name, bool? Contracted, string? Reason);

public sealed record CatalogEntryDto(string Id, string PartnerId, string Name, bool Contracted)
{
    public static CatalogEntryDto From(CatalogEntry e) => new(e.Id.Value, e.PartnerId, e.Name, e.Contracted);
}

public sealed record CreateProductRequest(string? Name, string? CatalogEntryId);

public sealed record UpdateProductRequest(string? Name, string? Reason);

public sealed record AddLicenseRequest(LicenseKind? Kind, string? ExternalId);

public sealed record LicenseDto(string Id, LicenseKind Kind, string ExternalId)
{
    public static LicenseDto From(LicenseMapping l) => new(l.Id.Value, l.Kind, l.ExternalId);
}

public sealed record ProductDto(string Id, string Name, string CatalogEntryId, IReadOnlyList<LicenseDto> Licenses, bool Sellable, DateTimeOffset CreatedAt, long Version)
{
    public static ProductDto From(Product p) => new(p.Id.Value, p.Name, p.CatalogEntryId.Value, p.Licenses.Select(LicenseDto.From).ToList(), p.CanBeSold, p.CreatedAt, p.Version);
}
