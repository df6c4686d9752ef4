namespace Switchyard.Domain.Catalog;

/// <summary>CAT-3: what a product grants.</summary>
public enum LicenseKind
{
    /// <summary>A package license; ids start with 050.</summary>
    PackageLicense,
    /// <summary>A permission set; ids start with 0PS.</summary>
    PermissionSet,
}
