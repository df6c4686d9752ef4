using Microsoft.EntityFrameworkCore;
using Switchyard.Data;
using Switchyard.Domain.Access;
using Switchyard.Server.Auth;
using Switchyard.Server.ConsoleUi.Components.Shared;

namespace Switchyard.Server.Offers;

/// <summary>UX-4, SEC-5: the console's offer list as CSV — the same search, filters and order as the page (the caller's own offers; every partner's for the operator), formulas neutralised.</summary>
public static class OfferExport
{
    public static void MapOfferExport(this IEndpointRouteBuilder app) =>
        app.MapGet(OfferListing.CsvPath, ExportAsync).RequireAuthorization().ExcludeFromDescription();

    private static async Task<IResult> ExportAsync(Caller caller, SwitchyardDb db, HttpRequest request, CancellationToken ct)
    {
        var allowed = caller.Kind == ActorKind.Operator
            || (caller.Kind == ActorKind.PartnerUser && (caller.Has(Domain.Partners.Permissions.AppView) || caller.Has(Domain.Partners.Permissions.OffersManage)));
        if (!allowed)
        {
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }
        var offers = await CsvFile.AllAsync(OfferListing.Query(db, OfferListing.List(request)), ct);
        var customerIds = offers.Select(o => o.CustomerId).Distinct().ToList();
        var customers = await db.Customers.AsNoTracking().Where(c => customerIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id.Value, c => c.Name, StringComparer.Ordinal, ct);
        var partners = await db.Partners.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Name, StringComparer.Ordinal, ct);
        return CsvFile.Of("offers.csv",
            ["Reference", "Offer id", "Title", "Customer", "Partner", "Status", "Type", "Service start", "Service end", "Valid until", "Subtotal", "Currency", "Partner PO", "Customer PO", "Created"],
            offers, o => [Show.Reference(o.Id), o.Id.Value, Show.OfferTitle(o), customers.GetValueOrDefault(o.CustomerId.Value), partners.GetValueOrDefault(o.PartnerId),
                Show.Label(o.Status), Show.Label(o.Type), Show.Date(o.ServiceStartDate), Show.Date(o.EndDate), Show.Date(o.ValidUntil),
                CsvFile.Amount(o.Subtotal), o.CurrencyCode, o.PartnerPo, o.CustomerPo, Show.Instant(o.CreatedAt)]);
    }
}
