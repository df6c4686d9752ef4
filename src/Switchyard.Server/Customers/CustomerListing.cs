using Microsoft.EntityFrameworkCore;
using Switchyard.Data;
using Switchyard.Domain.Customers;
using Switchyard.Server.ConsoleUi.Components.Shared;

// ToLower() in these queries is translated to SQL lower() on every provider, not run with a .NET culture.
#pragma warning disable CA1304, CA1311

namespace Switchyard.Server.Customers;

/// <summary>UX-4: a partner's customer list (search by name, org id or contact; sorting), shared by the page and its CSV export.</summary>
public static class CustomerListing
{
    public const string Path = "/console/customers";
    public const string CsvPath = "/console/customers.csv";

    public static ListQuery List(HttpRequest request) =>
        Lists.From(request, Path, ["name", "org", "contact", "created"], "created", true, "q");

    public static IQueryable<Customer> Query(SwitchyardDb db, ListQuery list)
    {
        var query = db.Customers.AsNoTracking();
        if (list.Filter("q") is { } q)
        {
            var pattern = Lists.LikePattern(q);
            // Either spelling of an org id (15 or 18 characters) finds the customer.
            var org = OrgIds.Validate(q).Count == 0 ? OrgIds.Canonical(q) : q;
            query = query.Where(c => EF.Functions.Like(c.Name.ToLower(), pattern, "\\")
                || EF.Functions.Like(c.ContactEmail.ToLower(), pattern, "\\")
                || c.OrgId == CustomerOrgId.From(org));
        }
        return new ListSorts<Customer>()
            .Add("name", c => c.Name)
            .Add("org", c => c.OrgId)
            .Add("contact", c => c.ContactEmail)
            .Add("created", c => c.CreatedAt)
            .Apply(query, list);
    }
}
