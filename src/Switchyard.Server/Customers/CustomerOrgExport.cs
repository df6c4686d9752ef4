using Switchyard.Data;
using Switchyard.Domain.Access;
using Switchyard.Server.Auth;
using Switchyard.Server.ConsoleUi.Components.Shared;

namespace Switchyard.Server.Customers;

/// <summary>UX-4, SEC-5: the operator's customer-org list as CSV, with the page's search, filter and order; formulas neutralised.</summary>
public static class CustomerOrgExport
{
    public static void MapCustomerOrgExport(this IEndpointRouteBuilder app) =>
        app.MapGet(CustomerOrgListing.CsvPath, ExportAsync).RequireAuthorization().ExcludeFromDescription();

    private static async Task<IResult> ExportAsync(Caller caller, SwitchyardDb db, HttpRequest request, CancellationToken ct)
    {
        if (caller.Kind != ActorKind.Operator)
        {
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }
        var orgs = await CsvFile.AllAsync(CustomerOrgListing.Query(db, CustomerOrgListing.List(request)), ct);
        return CsvFile.Of("customer-orgs.csv", ["Name", "Org id", "Receives offers", "Tax exemption", "Billing country", "Registered"], orgs,
            o => [o.Name, o.Id.Value, o.ReceiveOffers ? "yes" : "no", o.TaxExemptionOnFile ? "on file" : "", o.BillingCountry ?? "", Show.Instant(o.CreatedAt)]);
    }
}
