using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Switchyard.Data;
using Switchyard.Domain.Access;
using Switchyard.Domain.Offers;
using Switchyard.Server.Auth;
using Switchyard.Server.ConsoleUi.Components.Shared;

namespace Switchyard.Server.Offers;

/// <summary>UX-4, SEC-5: the console's offer list as CSV (the caller's own offers; every partner's for the operator), formulas neutralised.</summary>
public static class OfferExport
{
    public static void MapOfferExport(this IEndpointRouteBuilder app) =>
        app.MapGet("/console/offers.csv", ExportAsync).RequireAuthorization().ExcludeFromDescription();

    private static async Task<IResult> ExportAsync(Caller caller, SwitchyardDb db, string? status, CancellationToken ct)
    {
        var allowed = caller.Kind == ActorKind.Operator
            || (caller.Kind == ActorKind.PartnerUser && (caller.Has(Domain.Partners.Permissions.AppView) || caller.Has(Domain.Partners.Permissions.OffersManage)));
        if (!allowed)
        {
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }
        var query = db.Offers.AsNoTracking();
        if (Show.ParseEnum<OfferStatus>(status) is { } wanted)
        {
            query = query.Where(o => o.Status == wanted);
        }
        var offers = await query.OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id).Take(10_000).ToListAsync(ct);
        var customerIds = offers.Select(o => o.CustomerId).Distinct().ToList();
        var customers = await db.Customers.AsNoTracking().Where(c => customerIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, StringComparer.Ordinal, ct);
        var csv = new StringBuilder();
        Csv.Line(csv, "Offer", "Customer", "Status", "Type", "Service start", "Valid until", "Subtotal", "Currency", "Partner PO", "Customer PO");
        foreach (var o in offers)
        {
            Csv.Line(csv, o.Id, customers.GetValueOrDefault(o.CustomerId) ?? o.CustomerId, Show.Label(o.Status), Show.Label(o.Type),
                Show.Date(o.ServiceStartDate), Show.Date(o.ValidUntil),
                o.Subtotal.Amount.ToString("F" + o.Currency.Digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
                o.CurrencyCode, o.PartnerPo, o.CustomerPo);
        }
        return Results.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray(), "text/csv; charset=utf-8", "offers.csv");
    }
}
