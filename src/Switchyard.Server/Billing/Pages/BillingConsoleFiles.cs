using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Switchyard.Data;
using Switchyard.Domain.Access;
using Switchyard.Domain.Billing;
using Switchyard.Domain.Common;
using Switchyard.Server.Auth;
using Switchyard.Server.Billing.Pages.Invoices;
using ConsoleCsv = Switchyard.Server.ConsoleUi.Components.Shared.Csv;

namespace Switchyard.Server.Billing.Pages;

/// <summary>
/// The console's billing files: the invoice list as CSV (UX-4, SEC-5: formulas neutralised) and an invoice
/// as a PDF, for partners (their own), operators (all) and customers (their org's issued invoices).
/// </summary>
public static class BillingConsoleFiles
{
    public static void MapBillingConsoleFiles(this IEndpointRouteBuilder app)
    {
        app.MapGet("/console/invoices.csv", ExportAsync).RequireAuthorization().ExcludeFromDescription();
        app.MapGet("/console/invoices/{id}/pdf", PdfAsync).RequireAuthorization().ExcludeFromDescription();
        app.MapGet("/console/customer/invoices/{id}/pdf", CustomerPdfAsync).RequireAuthorization().ExcludeFromDescription();
    }

    private static bool PartnerOrOperator(Caller caller) =>
        caller.Kind == ActorKind.Operator || (caller.Kind == ActorKind.PartnerUser && caller.Has(Domain.Partners.Permissions.AppView));

    private static async Task<IResult> ExportAsync(Caller caller, SwitchyardDb db, MarketplaceCalendar calendar, TimeProvider clock,
        string? q, string? status, string? partner, CancellationToken ct)
    {
        if (!PartnerOrOperator(caller))
        {
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }
        var today = calendar.DateOf(clock.GetUtcNow());
        var query = InvoiceQueries.Filter(db.Invoices.AsNoTracking().IgnoreAutoIncludes(), q, status, caller.Kind == ActorKind.Operator ? partner : null, today);
        var invoices = await query.OrderBy(i => i.PartnerId).ThenBy(i => i.Number).Take(100_000).ToListAsync(ct);
        var partners = caller.Kind == ActorKind.Operator
            ? await db.Partners.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Name, StringComparer.Ordinal, ct)
            : null;
        var csv = new StringBuilder();
        var header = new List<string?> { "Number", "Customer", "Status", "Issued", "Due", "Currency", "Subtotal", "Tax", "Total", "Paid", "Credited", "Still owed", "Customer PO", "Partner PO", "Order" };
        if (partners is not null)
        {
            header.Insert(0, "Partner");
        }
        ConsoleCsv.Line(csv, [.. header]);
        foreach (var i in invoices)
        {
            static string Amount(Money m) => m.Amount.ToString("F" + m.Currency.Digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            var cells = new List<string?>
            {
                i.DisplayNumber, i.CustomerName, BillingWords.StatusOn(i, today), Show(i.IssueDate), Show(i.DueDate), i.CurrencyCode,
                Amount(i.Subtotal), Amount(i.Tax), Amount(i.Total), Amount(i.Paid), Amount(i.Credited), Amount(i.AmountDue),
                i.CustomerPo, i.PartnerPo, i.OrderId.Value,
            };
            if (partners is not null)
            {
                cells.Insert(0, partners.GetValueOrDefault(i.PartnerId, i.PartnerId));
            }
            ConsoleCsv.Line(csv, [.. cells]);
        }
        return Results.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray(), "text/csv; charset=utf-8", "invoices.csv");
    }

    private static string Show(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    private static async Task<IResult> PdfAsync(string id, Caller caller, SwitchyardDb db, CancellationToken ct) =>
        PartnerOrOperator(caller)
            ? await PdfOfAsync(db, db.Invoices.Where(i => i.Status != InvoiceStatus.Draft), id, ct)
            : Results.StatusCode(StatusCodes.Status403Forbidden);

    private static async Task<IResult> CustomerPdfAsync(string id, Caller caller, SwitchyardDb db, CancellationToken ct) =>
        caller.Kind == ActorKind.CustomerUser
            ? await PdfOfAsync(db, BillingApi.VisibleToCustomer(db, caller), id, ct)
            : Results.StatusCode(StatusCodes.Status403Forbidden);

    private static async Task<IResult> PdfOfAsync(SwitchyardDb db, IQueryable<Invoice> visible, string id, CancellationToken ct)
    {
        var detail = await BillingApi.LoadDetailAsync(db, visible, id, ct);
        if (detail is null)
        {
            return Results.NotFound();
        }
        var partnerName = await db.Partners.IgnoreQueryFilters().Where(p => p.Id == detail.Invoice.PartnerId).Select(p => p.Name).SingleAsync(ct);
        return Results.File(InvoicePdf.Render(detail, partnerName), "application/pdf", detail.Invoice.Number + ".pdf");
    }
}
