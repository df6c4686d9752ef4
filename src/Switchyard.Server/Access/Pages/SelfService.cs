using Switchyard.Domain.Common;
using Switchyard.Domain.Partners;
using Switchyard.Server.Auth;

namespace Switchyard.Server.Access.Pages;

/// <summary>
/// UX-6: a partner's own keys and team, managed from the console through the API's use cases. A partner user grants
/// only permissions it holds itself, so self-service never raises anyone's rights.
/// </summary>
public static class SelfService
{
    public static readonly IReadOnlyList<(string Permission, string Label)> PermissionLabels =
    [
        (Permissions.AppView, "See and configure the app"),
        (Permissions.OffersManage, "Manage offers"),
    ];

    public static string Label(string permission) =>
        PermissionLabels.FirstOrDefault(p => p.Permission == permission).Label ?? permission;

    public static IReadOnlyList<Error> Grantable(Caller caller, IReadOnlyList<string>? requested)
    {
        var beyond = (requested ?? []).Where(p => Permissions.IsPartnerPermission(p) && !caller.Has(p)).ToList();
        return beyond.Count == 0
            ? []
            : [Errors.Validation("permissionNotHeld", "permissions", $"You can only grant what you may do yourself; you may not: {string.Join(", ", beyond.Select(Label))}.")];
    }
}
