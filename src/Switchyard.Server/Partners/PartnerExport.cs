using Switchyard.Data;
using Switchyard.Domain.Access;
using Switchyard.Server.Auth;
using Switchyard.Server.ConsoleUi.Components.Shared;

namespace Switchyard.Server.Partners;

/// <summary>UX-4, SEC-5: the operator's partner list as CSV, with the page's search, filters and order; formulas neutralised.</summary>
public static class PartnerExport
{
    public static void MapPartnerExport(this IEndpointRouteBuilder app) =>
        app.MapGet(PartnerListing.CsvPath, ExportAsync).RequireAuthorization().ExcludeFromDescription();

    private static async Task<IResult> ExportAsync(Caller caller, SwitchyardDb db, HttpRequest request, CancellationToken ct)
    {
        if (caller.Kind != ActorKind.Operator)
        {
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }
        var partners = await CsvFile.AllAsync(PartnerListing.Query(db, PartnerListing.List(request)), ct);
        return CsvFile.Of("partners.csv", ["Name", "Status", "Applied", "Payments", "Partner id"], partners,
            p => [p.Name, Show.Label(p.Status), Show.Instant(p.AppliedAt), Show.Label(p.PaymentStatus), p.Id]);
    }
}
