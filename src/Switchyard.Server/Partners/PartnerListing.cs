using Microsoft.EntityFrameworkCore;
using Switchyard.Data;
using Switchyard.Domain.Partners;
using Switchyard.Server.ConsoleUi.Components.Shared;

// ToLower() in these queries is translated to SQL lower() on every provider, not run with a .NET culture.
#pragma warning disable CA1304, CA1311

namespace Switchyard.Server.Partners;

/// <summary>
/// UX-4: the operator's partner list — search by name, filter by status and payment connection, sort —
/// shared by the page and its CSV export so both show the same rows in the same order.
/// </summary>
public static class PartnerListing
{
    public const string Path = "/console/partners";
    public const string CsvPath = "/console/partners.csv";

    public static ListQuery List(HttpRequest request) =>
        Lists.From(request, Path, ["name", "status", "applied", "payments"], "applied", true, "q", "status", "payments");

    public static IQueryable<Partner> Query(SwitchyardDb db, ListQuery list)
    {
        var query = db.Partners.AsNoTracking();
        if (Show.ParseEnum<PartnerStatus>(list.Filter("status")) is { } status)
        {
            query = query.Where(p => p.Status == status);
        }
        if (Show.ParseEnum<PaymentConnectionStatus>(list.Filter("payments")) is { } payments)
        {
            query = query.Where(p => p.PaymentStatus == payments);
        }
        if (list.Filter("q") is { } q)
        {
            var pattern = Lists.LikePattern(q);
            query = query.Where(p => EF.Functions.Like(p.Name.ToLower(), pattern, "\\"));
        }
        return new ListSorts<Partner>()
            .Add("name", p => p.Name)
            .Add("status", p => p.Status)
            .Add("applied", p => p.AppliedAt)
            .Add("payments", p => p.PaymentStatus)
            .Apply(query, list);
    }
}
