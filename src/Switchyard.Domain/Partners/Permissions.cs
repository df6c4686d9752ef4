namespace Switchyard.Domain.Partners;

/// <summary>Partner-user permissions (PRM-1..3). Operator rights are separate (PRM-4) and never granted to partners.</summary>
public static class Permissions
{
    /// <summary>PRM-1: see and configure the app; read offers.</summary>
    public const string AppView = "app.view";

    /// <summary>PRM-2: manage offers; with app.view also create them (PRM-3).</summary>
    public const string OffersManage = "offers.manage";

    public static readonly IReadOnlyList<string> PartnerPermissions = [AppView, OffersManage];

    public static bool IsPartnerPermission(string value) => PartnerPermissions.Contains(value, StringComparer.Ordinal);
}
