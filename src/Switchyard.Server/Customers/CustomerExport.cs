using Switchyard.Data;
using Switchyard.Domain.Access;
using Switchyard.Server.Auth;
using Switchyard.Server.ConsoleUi.Components.Shared;

namespace Switchyard.Server.Customers;

/// <summary>UX-4, SEC-5: a partner's customer list as CSV, with the page's search and order; formulas neutralised.</summary>
public static class CustomerExport
{
    public static void MapCustomerExport(this IEndpointRouteBuilder app) =>
        app.MapGet(CustomerListing.CsvPath, ExportAsync).RequireAuthorization().ExcludeFromDescription();

    private static async Task<IResult> ExportAsync(Caller caller, SwitchyardDb db, HttpRequest request, CancellationToken ct)
    {
        var allowed = caller.Kind == ActorKind.PartnerUser
            && (caller.Has(Domain.Partners.Permissions.AppView) || caller.Has(Domain.Partners.Permissions.OffersManage));
        if (!allowed)
        {
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }
        var customers = await CsvFile.AllAsync(CustomerListing.Query(db, CustomerListing.List(request)), ct);
        return CsvFile.Of("customers.csv", ["Name", "Org id", "Contact email", "Added"], customers,
            c => [c.Name, c.OrgId.Value, c.ContactEmail, Show.Instant(c.CreatedAt)]);
    }
}
