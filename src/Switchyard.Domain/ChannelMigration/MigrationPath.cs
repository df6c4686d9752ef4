namespace Switchyard.Domain.ChannelMigration;

/// <summary>The rows of the decision table: how a customer × app can come to the platform.</summary>
public enum MigrationPath
{
    /// <summary>Net-new contracted app on the platform (an initial purchase).</summary>
    NetNew,
    /// <summary>Cancel the legacy contract, then an initial platform contract from the day after it ends.</summary>
    CancelAndMove,
    /// <summary>Keep the legacy contract and add licenses on the platform: never allowed (MIG-2).</summary>
    KeepAndAdd,
    /// <summary>Keep the legacy contract until its renewal, then an initial platform contract (MIG-6).</summary>
    AtRenewal,
    /// <summary>A platform customer adds licenses of the app (add-on).</summary>
    AddLicenses,
    /// <summary>A platform customer adds another product (add-on).</summary>
    AddProduct,
}

public static class MigrationPaths
{
    public static readonly IReadOnlyList<MigrationPath> All = Enum.GetValues<MigrationPath>();

    /// <summary>The API's spelling (camelCase).</summary>
    public static string Name(MigrationPath path) => path switch
    {
        MigrationPath.NetNew => "netNew",
        MigrationPath.CancelAndMove => "cancelAndMove",
        MigrationPath.KeepAndAdd => "keepAndAdd",
        MigrationPath.AtRenewal => "atRenewal",
        MigrationPath.AddLicenses => "addLicenses",
        MigrationPath.AddProduct => "addProduct",
    };

    public static bool TryParse(string? text, out MigrationPath path)
    {
        foreach (var p in All)
        {
            if (string.Equals(Name(p), text, StringComparison.OrdinalIgnoreCase))
            {
                path = p;
                return true;
            }
        }
        path = default;
        return false;
    }
}
