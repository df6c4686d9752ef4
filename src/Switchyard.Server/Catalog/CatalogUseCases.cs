using Switchyard.Data;
using Switchyard.Domain.Auditing;
using Switchyard.Domain.Catalog;
using Switchyard.Domain.Common;

namespace Switchyard.Server.Catalog;

/// <summary>CAT-1: an operator adds an app to a partner's catalog and contracts or un-contracts it. Shared by the API and the console.</summary>
public static class CatalogEntries
{
    public static async Task<Result<CatalogEntry>> AddAsync(SwitchyardDb db, string partnerId, string? name, bool contracted, CancellationToken ct)
    {
        var entry = CatalogEntry.Create(partnerId, name, contracted);
        if (entry.IsFailure)
        {
            return entry;
        }
        db.CatalogEntries.Add(entry.Value);
        await db.SaveChangesAsync(ct);
        return entry;
    }

    public static async Task<Result<CatalogEntry>> UpdateAsync(SwitchyardDb db, CatalogEntry entry, string? name, bool? contracted, string? reason, CancellationToken ct)
    {
        if (name is not null && entry.Rename(name) is { IsFailure: true } renamed)
        {
            return Result<CatalogEntry>.Failure(renamed.Errors);
        }
        if (contracted is { } value && value != entry.Contracted)
        {
            entry.SetContracted(value);
            db.Audit.Describe(entry, value ? AuditActions.CatalogEntryContracted : AuditActions.CatalogEntryUncontracted, reason);
        }
        await db.SaveChangesAsync(ct);
        return entry;
    }
}

/// <summary>CAT-3: a partner maps package licenses and permission sets to a product. Shared by the API and the console.</summary>
public static class ProductLicenses
{
    public static async Task<Result<LicenseMapping>> AddAsync(SwitchyardDb db, Product product, LicenseKind kind, string? externalId, CancellationToken ct)
    {
        var added = product.AddLicense(kind, externalId);
        if (added.IsFailure)
        {
            return added;
        }
        db.Audit.Describe(added.Value, AuditActions.ProductLicenseAdded);
        // Touching the product bumps its version, so a concurrent edit of the product loses (SEC-4).
        db.Entry(product).State = Microsoft.EntityFrameworkCore.EntityState.Modified;
        await db.SaveChangesAsync(ct);
        return added;
    }

    public static async Task<Result<LicenseMapping>> RemoveAsync(SwitchyardDb db, Product product, string licenseId, CancellationToken ct)
    {
        var removed = product.RemoveLicense(LicenseMappingId.From(licenseId));
        if (removed.IsFailure)
        {
            return removed;
        }
        db.Audit.Describe(removed.Value, AuditActions.ProductLicenseRemoved);
        db.Entry(product).State = Microsoft.EntityFrameworkCore.EntityState.Modified;
        await db.SaveChangesAsync(ct);
        return removed;
    }
}
