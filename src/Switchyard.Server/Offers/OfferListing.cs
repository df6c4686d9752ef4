using Microsoft.EntityFrameworkCore;
using Switchyard.Data;
using Switchyard.Domain.Customers;
using Switchyard.Domain.Offers;
using Switchyard.Server.ConsoleUi.Components.Shared;

// ToLower() in these queries is translated to SQL lower() on every provider, not run with a .NET culture.
#pragma warning disable CA1304, CA1311

namespace Switchyard.Server.Offers;

/// <summary>
/// UX-4: the console's offer list — search by what people know (customer or partner name, reference, PO number),
/// status / customer / type filters, sorting — shared by the page and its CSV export.
/// </summary>
public static class OfferListing
{
    public const string Path = "/console/offers";
    public const string CsvPath = "/console/offers.csv";

    public static ListQuery List(HttpRequest request) =>
        Lists.From(request, Path, ["customer", "status", "start", "validUntil", "subtotal", "created"], "created", true,
            "q", "status", "customer", "type");

    public static IQueryable<Offer> Query(SwitchyardDb db, ListQuery list)
    {
        var query = db.Offers.AsNoTracking();
        if (Show.ParseEnum<OfferStatus>(list.Filter("status")) is { } status)
        {
            query = query.Where(o => o.Status == status);
        }
        if (Show.ParseEnum<OfferType>(list.Filter("type")) is { } type)
        {
            query = query.Where(o => o.Type == type);
        }
        if (list.Filter("customer") is { } customer)
        {
            query = query.Where(o => o.CustomerId == CustomerId.From(customer));
        }
        if (list.Filter("q") is { } q)
        {
            var pattern = Lists.LikePattern(q);
            var tail = Show.ReferenceTail(q);
            query = query.Where(o =>
                db.Customers.Any(c => c.Id == o.CustomerId && EF.Functions.Like(c.Name.ToLower(), pattern, "\\"))
                || db.Partners.Any(p => p.Id == o.PartnerId && EF.Functions.Like(p.Name.ToLower(), pattern, "\\"))
                || (o.PartnerPo != null && EF.Functions.Like(o.PartnerPo.ToLower(), pattern, "\\"))
                || (o.CustomerPo != null && EF.Functions.Like(o.CustomerPo.ToLower(), pattern, "\\"))
                || (tail != null && ((string)(object)o.Id).EndsWith(tail)));
        }
        return Sorts(db).Apply(query, list);
    }

    private static ListSorts<Offer> Sorts(SwitchyardDb db) => new ListSorts<Offer>()
        .Add("customer", o => db.Customers.Where(c => c.Id == o.CustomerId).Select(c => c.Name).FirstOrDefault())
        .Add("status", o => o.Status)
        .Add("start", o => o.ServiceStartDate)
        .Add("validUntil", o => o.ValidUntil)
        .Add("subtotal", o => o.SubtotalMinor)
        .Add("created", o => o.CreatedAt);
}
