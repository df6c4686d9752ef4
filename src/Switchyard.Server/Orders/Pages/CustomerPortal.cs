using Microsoft.EntityFrameworkCore;
using Switchyard.Data;
using Switchyard.Server.Auth;

namespace Switchyard.Server.Orders.Pages;

/// <summary>What the customer portal's pages share: the org's name (never its id) and the names of its partners.</summary>
public static class CustomerPortal
{
    public static async Task<string> OrgNameAsync(SwitchyardDb db, Caller caller) =>
        await db.CustomerOrgs.AsNoTracking().Where(o => o.Id == caller.Org).Select(o => o.Name).SingleOrDefaultAsync() ?? "your organisation";

    public static Task<Dictionary<string, string>> PartnerNamesAsync(SwitchyardDb db, IEnumerable<string> partnerIds)
    {
        var ids = partnerIds.Distinct().ToList();
        return db.Partners.IgnoreQueryFilters().AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, StringComparer.Ordinal);
    }
}
