using Switchyard.Domain.Common;

namespace Switchyard.Domain.Catalog;

/// <summary>CAT-2: something a partner sells; its name is printed on invoices.</summary>
public sealed class Product : Entity<ProductId>, IPartnerOwned, IAudited
{
    private readonly List<LicenseMapping> _licenses = [];

    private Product() { }

    public string PartnerId { get; private set; } = "";
    public CatalogEntryId CatalogEntryId { get; private set; }
    public string Name { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public IReadOnlyList<LicenseMapping> Licenses => _licenses;

    /// <summary>CAT-4: a product without a license mapping cannot go on an offer.</summary>
    public bool CanBeSold => _licenses.Count > 0;

    /// <summary>CAT-2: the product references one contracted catalog entry of the same partner.</summary>
    public static Result<Product> Create(string partnerId, string? name, CatalogEntry? entry, DateTimeOffset now)
    {
        var errors = new List<Error>();
        Validate.Required(errors, "name", name);
        if (entry is null || entry.PartnerId != partnerId)
        {
            errors.Add(Errors.Validation("unknownCatalogEntry", "catalogEntryId", "No catalog entry of yours has this id; list yours with GET /v1/catalog-entries."));
        }
        else if (!entry.Contracted)
        {
            errors.Add(Errors.Validation("catalogEntryNotContracted", "catalogEntryId",
                $"'{entry.Name}' is not contracted for sale through the marketplace; ask the marketplace operator to contract it first."));
        }
        if (errors.Count > 0)
        {
            return Result<Product>.Failure(errors);
        }
        return new Product { Id = ProductId.New(), PartnerId = partnerId, CatalogEntryId = entry!.Id, Name = name!.Trim(), CreatedAt = now };
    }

    /// <summary>CAT-3: maps a license, checking the id's length, characters, checksum and prefix.</summary>
    public Result<LicenseMapping> AddLicense(LicenseKind kind, string? externalId)
    {
        var created = LicenseMapping.Create(this, kind, externalId);
        if (created.IsFailure)
        {
            return created;
        }
        if (_licenses.Any(l => l.CanonicalId == created.Value.CanonicalId))
        {
            return Errors.Validation("duplicateLicense", "externalId", "This license is already mapped to the product.");
        }
        _licenses.Add(created.Value);
        return created;
    }

    public Result<LicenseMapping> RemoveLicense(LicenseMappingId licenseId)
    {
        var license = _licenses.Find(l => l.Id == licenseId);
        if (license is null)
        {
            return Errors.NotFound("License mapping");
        }
        _licenses.Remove(license);
        return license;
    }

    public Result<Unit> Rename(string? name)
    {
        var errors = new List<Error>();
        Validate.Required(errors, "name", name);
        if (errors.Count > 0)
        {
            return Result<Unit>.Failure(errors);
        }
        Name = name!.Trim();
        return Result.Ok();
    }
}
