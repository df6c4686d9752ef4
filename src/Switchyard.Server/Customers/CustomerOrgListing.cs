using Microsoft.EntityFrameworkCore;
using Switchyard.Data;
using Switchyard.Domain.Customers;
using Switchyard.Server.ConsoleUi.Components.Shared;

// ToLower() in these queries is translated to SQL lower() on every provider, not run with a .NET culture.
#pragma warning disable CA1304, CA1311

namespace Switchyard.Server.Customers;

/// <summary>
/// UX-4: the operator's customer-org list — search by name or either spelling of the org id, filter by whether
/// the org receives offers, sort — shared by the page and its CSV export.
/// </summary>
public static class CustomerOrgListing
{
    public const string Path = "/console/customer-orgs";
    public const string CsvPath = "/console/customer-orgs.csv";

    public static ListQuery List(HttpRequest request) =>
        Lists.From(request, Path, ["name", "org", "created"], "created", true, "q", "offers");

    public static IQueryable<CustomerOrg> Query(SwitchyardDb db, ListQuery list)
    {
        var query = db.CustomerOrgs.AsNoTracking();
        if (list.Filter("offers") is "yes" or "no")
        {
            var receive = list.Filter("offers") == "yes";
            query = query.Where(o => o.ReceiveOffers == receive);
        }
        if (list.Filter("q") is { } q)
        {
            var pattern = Lists.LikePattern(q);
            // A 15-character org id typed from another system finds its 18-character canonical form.
            var org = OrgIds.Validate(q).Count == 0 ? OrgIds.Canonical(q) : q;
            query = query.Where(o => EF.Functions.Like(o.Name.ToLower(), pattern, "\\") || o.Id == CustomerOrgId.From(org));
        }
        return new ListSorts<CustomerOrg>()
            .Add("name", o => o.Name)
            .Add("org", o => o.Id)
            .Add("created", o => o.CreatedAt)
            .Apply(query, list);
    }
}
