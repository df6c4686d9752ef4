using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.Data;
using Switchyard.Domain.Auditing;
using Switchyard.Domain.Catalog;
using Switchyard.Domain.Common;
using Switchyard.Domain.Partners;
using Switchyard.Server.Auth;
using Switchyard.Server.Http;

namespace Switchyard.Server.Catalog;

/// <summary>Products (CAT-2) and their license mappings (CAT-3).</summary>
public static class ProductsApi
{
    public static void MapProductsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/products").WithTags("Products")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);

        // PRM-2: offer managers read the products an offer needs, but do not change them.
        group.MapGet("", ListAsync).WithName("listProducts").WithSummary("List products; filter by catalog entry or name")
            .RequirePartnerAny(Permissions.AppView, Permissions.OffersManage)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/{id}", GetAsync).WithName("getProduct").WithSummary("Read a product with its license mappings")
            .RequirePartnerAny(Permissions.AppView, Permissions.OffersManage).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("", CreateAsync).WithName("createProduct").WithSummary("Create a product for a contracted catalog entry (CAT-2)")
            .RequirePartner(Permissions.AppView).ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapPatch("/{id}", UpdateAsync).WithName("updateProduct").WithSummary("Rename a product")
            .RequirePartner(Permissions.AppView).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/{id}/licenses", AddLicenseAsync).WithName("addProductLicense")
            .WithSummary("Map a package license (050…) or permission set (0PS…) to the product (CAT-3)")
            .RequirePartner(Permissions.AppView).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapDelete("/{id}/licenses/{licenseId}", RemoveLicenseAsync).WithName("removeProductLicense")
            .WithSummary("Remove a license mapping").RequirePartner(Permissions.AppView).ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Results<Ok<Page<ProductDto>>, ProblemHttpResult>> ListAsync(
        SwitchyardDb db, string? catalogEntryId, string? name, int? limit, string? after, CancellationToken ct)
    {
        var page = await db.Products.AsNoTracking().List(limit, after)
            .WhereIf(!string.IsNullOrEmpty(catalogEntryId), p => p.CatalogEntryId == catalogEntryId)
            .WhereIf(!string.IsNullOrEmpty(name), p => p.Name.Contains(name!))
            .PageAsync(ProductDto.From, ct);
        return page.ToResult();
    }

    private static async Task<Results<Ok<ProductDto>, ProblemHttpResult>> GetAsync(string id, SwitchyardDb db, CancellationToken ct) =>
        await db.Products.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct) is { } product
            ? TypedResults.Ok(ProductDto.From(product))
            : Problems.NotFound("Product");

    private static async Task<Results<Created<ProductDto>, ProblemHttpResult>> CreateAsync(
        CreateProductRequest request, SwitchyardDb db, Caller caller, TimeProvider clock, CancellationToken ct)
    {
        var partnerId = caller.RequirePartnerId();
        var product = await CreateProduct.RunAsync(db, partnerId, request.Name, request.CatalogEntryId, clock.GetUtcNow(), ct);
        if (product.IsFailure)
        {
            return Problems.From(product.Errors);
        }
        return TypedResults.Created($"/v1/products/{product.Value.Id}", ProductDto.From(product.Value));
    }

    private static async Task<Results<Ok<ProductDto>, ProblemHttpResult>> UpdateAsync(
        string id, UpdateProductRequest request, SwitchyardDb db, HttpContext http, CancellationToken ct)
    {
        var product = await db.Products.SingleOrDefaultAsync(p => p.Id == id, ct);
        if (product is null)
        {
            return Problems.NotFound("Product");
        }
        if (IfMatch.Check(http, product.Version) is { } stale)
        {
            return stale;
        }
        if (request.Name is not null && product.Rename(request.Name) is { IsFailure: true } renamed)
        {
            return Problems.From(renamed.Errors);
        }
        db.Audit.Describe(product, AuditActions.ProductUpdated, request.Reason);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ProductDto.From(product));
    }

    private static async Task<Results<Created<ProductDto>, ProblemHttpResult>> AddLicenseAsync(
        string id, AddLicenseRequest request, SwitchyardDb db, CancellationToken ct)
    {
        var product = await db.Products.SingleOrDefaultAsync(p => p.Id == id, ct);
        if (product is null)
        {
            return Problems.NotFound("Product");
        }
        if (request.Kind is not { } kind)
        {
            var errors = new List<Error> { Errors.Validation("required", "kind", "'kind' is required: packageLicense or permissionSet.") };
            if (string.IsNullOrWhiteSpace(request.ExternalId))
            {
                errors.Add(Errors.Required("externalId"));
            }
            return Problems.From(errors);
        }
        var added = await ProductLicenses.AddAsync(db, product, kind, request.ExternalId, ct);
        if (added.IsFailure)
        {
            return Problems.From(added.Errors);
        }
        return TypedResults.Created($"/v1/products/{product.Id}", ProductDto.From(product));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveLicenseAsync(string id, string licenseId, SwitchyardDb db, CancellationToken ct)
    {
        var product = await db.Products.SingleOrDefaultAsync(p => p.Id == id, ct);
        if (product is null)
        {
            return Problems.NotFound("Product");
        }
        var removed = await ProductLicenses.RemoveAsync(db, product, licenseId, ct);
        if (removed.IsFailure)
        {
            return Problems.From(removed.Errors);
        }
        return TypedResults.NoContent();
    }
}
