using Microsoft.EntityFrameworkCore;
using Switchyard.Data;
using Switchyard.Domain.Catalog;
using Switchyard.Domain.Common;

namespace Switchyard.Server.Catalog;

/// <summary>ONB-1, CAT-2: an approved partner creates a product for one of its contracted catalog entries.</summary>
public static class CreateProduct
{
    public static async Task<Result<Product>> RunAsync(SwitchyardDb db, string partnerId, string? name, string? catalogEntryId, DateTimeOffset now, CancellationToken ct)
    {
        var partner = await db.Partners.AsNoTracking().SingleAsync(p => p.Id == partnerId, ct);
        if (partner.EnsureApproved() is { IsFailure: true } notApproved)
        {
            return Result<Product>.Failure(notApproved.Errors);
        }
        var entry = string.IsNullOrEmpty(catalogEntryId)
            ? null
            : await db.CatalogEntries.AsNoTracking().SingleOrDefaultAsync(e => e.Id == CatalogEntryId.From(catalogEntryId), ct);
        var product = Product.Create(partnerId, name, entry, now);
        if (product.IsFailure)
        {
            return string.IsNullOrEmpty(catalogEntryId)
                ? Result<Product>.Failure(product.Errors.Where(e => e.Field != "catalogEntryId").Append(Errors.Required("catalogEntryId")).ToList())
                : product;
        }
        db.Products.Add(product.Value);
        await db.SaveChangesAsync(ct);
        return product;
    }
}
