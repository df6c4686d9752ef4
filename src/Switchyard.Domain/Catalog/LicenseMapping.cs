using Switchyard.Domain.Common;

namespace Switchyard.Domain.Catalog;

/// <summary>CAT-3: one license a product grants when provisioned.</summary>
public sealed class LicenseMapping : Entity<LicenseMappingId>, IPartnerOwned, IAuditedPart
{
    private LicenseMapping() { }

    public string PartnerId { get; private set; } = "";
    public ProductId ProductId { get; private set; }
    public LicenseKind Kind { get; private set; }

    /// <summary>As entered (15 or 18 characters); compare with <see cref="CanonicalId"/>.</summary>
    public string ExternalId { get; private set; } = "";

    /// <summary>The 18-character form, so a 15- and an 18-character spelling of one id are one license.</summary>
    public string CanonicalId { get; private set; } = "";

    string IAuditedPart.AuditObjectId => ProductId.Value;

    string IAuditedPart.AuditObjectType => "product";

    public static string PrefixFor(LicenseKind kind) => kind switch
    {
        LicenseKind.PackageLicense => "050",
        LicenseKind.PermissionSet => "0PS",
    };

    internal static Result<LicenseMapping> Create(Product product, LicenseKind kind, string? externalId)
    {
        var errors = SalesforceId.Validate(externalId?.Trim(), "externalId", PrefixFor(kind));
        if (errors.Count > 0)
        {
            return Result<LicenseMapping>.Failure(errors);
        }
        var id = externalId!.Trim();
        return new LicenseMapping
        {
            Id = LicenseMappingId.New(),
            PartnerId = product.PartnerId,
            ProductId = product.Id,
            Kind = kind,
            ExternalId = id,
            CanonicalId = SalesforceId.To18(id),
        };
    }
}
