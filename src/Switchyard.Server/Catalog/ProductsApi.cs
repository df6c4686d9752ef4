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
            .WithDescription("The calling partner's products, optionally for one catalog entry or by name.")
            .RequirePartnerAny(Permissions.AppView, Permissions.OffersManage)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/{id}", GetAsync).WithName("getProduct").WithSummary("Read a product with its license mappings")
            .WithDescription("One product with the licenses it grants.")
            .RequirePartnerAny(Permissions.AppView, Permissions.OffersManage).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("", CreateAsync).WithName("createProduct").WithSummary("Create a product for a contracted catalog entry")
            .WithDescription("A product belongs to exactly one contracted catalog entry of the calling partner. Map at least one license to it before putting it on an offer.")
            .RequirePartner(Permissions.AppView).ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapPatch("/{id}", UpdateAsync).WithName("updateProduct").WithSummary("Rename a product")
            .WithDescription("Changes a product's name; the change is recorded in its history.")
            .RequirePartner(Permissions.AppView).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/{id}/licenses", AddLicenseAsync).WithName("addProductLicense")
            .WithSummary("Map a license to a product")
            .WithDescription("What the customer gets when an order of this product activates: a package license id (starting 050) or a permission set id (starting 0PS). A product needs at least one before it can be offered.")
            .RequirePartner(Permissions.AppView).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapDelete("/{id}/licenses/{licenseId}", RemoveLicenseAsync).WithName("removeProductLicense")
            .WithSummary("Remove a license mapping")
            .WithDescription("Removes one license mapping. Orders already placed keep what they were sold.").RequirePartner(Permissions.AppView).ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Results<Ok<Page<ProductDto>>, ProblemHttpResult>> ListAsync(
        SwitchyardDb db, string? catalogEntryId, string? name, int? limit, string? after, CancellationToken ct)
    {
        var page = await db.Products.AsNoTracking().List(limit, after)
            .WhereIf(!string.IsNullOrEmpty(catalogEntryId), p => p.CatalogEntryId == CatalogEntryId.From(catalogEntryId!))
            .WhereIf(!string.IsNullOrEmpty(name), p => p.Name.Contains(name!))
            .PageAsync(ProductDto.From, ct);
        return page.ToResult();
    }

    private static async Task<Results<Ok<ProductDto>, ProblemHttpResult>> GetAsync(string id, SwitchyardDb db, CancellationToken ct) =>
        await db.Products.AsNoTracking().SingleOrDefaultAsync(p => p.Id == ProductId.From(id), ct) is { } product
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
        var product = await db.Products.SingleOrDefaultAsync(p => p.Id == ProductId.From(id), ct);
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
        var product = await db.Products.SingleOrDefaultAsync(p => p.Id == ProductId.From(id), ct);
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
        var product = await db.Products.SingleOrDefaultAsync(p => p.Id == ProductId.From(id), ct);
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
