using Microsoft.EntityFrameworkCore;
using Switchyard.Data;
using Switchyard.Domain.Access;
using Switchyard.Server.Auth;
using Switchyard.Server.ConsoleUi.Components.Shared;

namespace Switchyard.Server.Orders;

/// <summary>UX-4, SEC-5: the console's order list as CSV, with the page's search, filters and order; formulas neutralised.</summary>
public static class OrderExport
{
    public static void MapOrderExport(this IEndpointRouteBuilder app) =>
        app.MapGet(OrderListing.CsvPath, ExportAsync).RequireAuthorization().ExcludeFromDescription();

    private static async Task<IResult> ExportAsync(Caller caller, SwitchyardDb db, HttpRequest request, CancellationToken ct)
    {
        var allowed = caller.Kind == ActorKind.Operator || (caller.Kind == ActorKind.PartnerUser && caller.Has(Domain.Partners.Permissions.AppView));
        if (!allowed)
        {
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }
        var orders = await CsvFile.AllAsync(OrderListing.Query(db, OrderListing.List(request)), ct);
        var customerIds = orders.Select(o => o.CustomerId).Distinct().ToList();
        var customers = await db.Customers.AsNoTracking().Where(c => customerIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id.Value, c => c.Name, StringComparer.Ordinal, ct);
        var partners = await db.Partners.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Name, StringComparer.Ordinal, ct);
        return CsvFile.Of("orders.csv",
            ["Reference", "Order id", "Offer id", "Products", "Customer", "Partner", "Status", "Type", "Start", "End", "Subtotal", "Currency", "Partner PO", "Customer PO", "Created"],
            orders, o => [Show.Reference(o.Id), o.Id.Value, o.OfferId.Value, string.Join("; ", o.Items.Select(i => i.ProductName)), customers.GetValueOrDefault(o.CustomerId.Value),
                partners.GetValueOrDefault(o.PartnerId), Show.Label(o.Status), Show.Label(o.Type), Show.Date(o.StartDate), Show.Date(o.EndDate),
                CsvFile.Amount(o.Subtotal), o.CurrencyCode, o.PartnerPo, o.CustomerPo, Show.Instant(o.CreatedAt)]);
    }
}
