using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.Data;
using Switchyard.Domain.Billing;
using Switchyard.Domain.Common;
using Switchyard.Domain.Customers;
using Switchyard.Domain.Partners;
using Switchyard.Server.Auth;
using Switchyard.Server.Http;

namespace Switchyard.Server.Billing;

/// <summary>
/// Billing over HTTP: partners read their invoices, payouts and balance and export CSV (BIL-1..4,
/// SEC-5); customers read their org's invoices; operators record payments, void, write off and
/// credit (BIL-2, BIL-3) across partners.
/// </summary>
public static class BillingApi
{
    public static void MapBillingApi(this IEndpointRouteBuilder app)
    {
        var partner = app.MapGroup("/v1").WithTags("Billing").RequirePartner(Permissions.AppView)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        partner.MapGet("/invoices", ListAsync).WithName("listInvoices").WithSummary("Invoices; filter by status and customer")
            .WithDescription("The calling partner's invoices page by page, optionally by status or customer. Needs `app.view`; an unknown status is 422.")
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        partner.MapGet("/invoices.csv", ExportAsync).WithName("exportInvoices").WithSummary("All invoices as CSV (formulas neutralised)")
            .WithDescription("Every invoice of the calling partner as a CSV file (`text/csv`), one row per invoice ordered by number, optionally by status. Cells that a spreadsheet would read as a formula are neutralised. Needs `app.view`; an unknown status is 422.")
            .Produces<string>(StatusCodes.Status200OK, "text/csv").ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        partner.MapGet("/invoices/{id}", GetAsync).WithName("getInvoice").WithSummary("An invoice with its lines, credit notes and payments")
            .WithDescription("One of the calling partner's invoices with its lines, credit notes and payments. Needs `app.view`; another partner's invoice or an unknown id is 404.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        partner.MapGet("/invoices/{id}/pdf", PdfAsync).WithName("getInvoicePdf").WithSummary("The invoice as a PDF")
            .WithDescription("One of the calling partner's invoices rendered as a PDF file (`application/pdf`) named after its number. Needs `app.view`; another partner's invoice or an unknown id is 404.")
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf").ProducesContent(StatusCodes.Status200OK, "application/pdf", binary: true)
            .ProducesProblem(StatusCodes.Status404NotFound);
        partner.MapGet("/payouts", PayoutsAsync).WithName("listPayouts").WithSummary("Payouts, newest last; filter by status")
            .WithDescription("The calling partner's payouts page by page, optionally pending or sent. Needs `app.view`; an unknown status is 422.")
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        partner.MapGet("/payouts/{id}", PayoutAsync).WithName("getPayout").WithSummary("A payout with the payments it covers")
            .WithDescription("One of the calling partner's payouts with the payments it covers. Needs `app.view`; an unknown id is 404.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        partner.MapGet("/balance", BalanceAsync).WithName("getBalance").WithSummary("Receivable, pending, paid out and fees per currency")
            .WithDescription("The calling partner's balance in each currency: what customers still owe, what is received but not yet paid out, what was paid out and the fees kept. Needs `app.view`.");

        var customer = app.MapGroup("/v1/customer/invoices").WithTags("Customer").RequireCustomer()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        customer.MapGet("", CustomerListAsync).WithName("listCustomerInvoices").WithSummary("Your org's invoices")
            .WithDescription("Customer keys only. The issued invoices addressed to your organisation, from every partner, page by page and optionally by status; drafts are never shown. An unknown status is 422.")
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        customer.MapGet("/{id}", CustomerGetAsync).WithName("getCustomerInvoice").WithSummary("One of your org's invoices")
            .WithDescription("Customer keys only. One issued invoice addressed to your organisation, with its credit notes and payments. An invoice of another organisation, a draft or an unknown id is 404.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        customer.MapGet("/{id}/pdf", CustomerPdfAsync).WithName("getCustomerInvoicePdf").WithSummary("One of your org's invoices as a PDF")
            .WithDescription("Customer keys only. One issued invoice addressed to your organisation as a PDF file (`application/pdf`). An invoice of another organisation, a draft or an unknown id is 404.")
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf").ProducesContent(StatusCodes.Status200OK, "application/pdf", binary: true)
            .ProducesProblem(StatusCodes.Status404NotFound);

        var op = app.MapGroup("/v1/operator").WithTags("Billing (operator)").RequireOperator()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        op.MapGet("/invoices", OperatorListAsync).WithName("listAllInvoices").WithSummary("Invoices of every partner; filter by status, partner, overdue")
            .WithDescription("Operators only. Invoices of every partner page by page, optionally by status, partner, or only the open ones past their due date. An unknown status is 422.")
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        op.MapGet("/invoices/{id}", OperatorGetAsync).WithName("getAnyInvoice").WithSummary("Any partner's invoice")
            .WithDescription("Operators only. Any partner's invoice with its lines, credit notes and payments. An unknown id is 404.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        op.MapPost("/invoices/{id}/payments", PayAsync).WithName("recordPayment").WithSummary("Record a payment received")
            .WithDescription("Operators only. Records money received against an open invoice in the ledger; the invoice is paid once nothing is due. An invoice that cannot be paid is 409; an amount that is not positive, exceeds what is due or is in another currency, or a date in the future, is 422.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        op.MapPost("/invoices/{id}/credit-notes", CreditAsync).WithName("issueCreditNote").WithSummary("Issue a credit note reducing what is owed")
            .WithDescription("Operators only. Issues a credit note on an open invoice, lowering the amount due. An invoice that is not open is 409; an amount that is not positive or exceeds what is due is 422.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        op.MapPost("/invoices/{id}/void", VoidAsync).WithName("voidInvoice").WithSummary("Void an open invoice without payments")
            .WithDescription("Operators only. Cancels an open invoice that has received no payment, for example one issued in error. An invoice that is not open or already has payments is 409.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        op.MapPost("/invoices/{id}/uncollectible", UncollectibleAsync).WithName("markInvoiceUncollectible").WithSummary("Write off an open invoice")
            .WithDescription("Operators only. Marks an open invoice uncollectible: what is still due is written off and no longer expected. An invoice that is not open is 409.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        op.MapGet("/payouts", OperatorPayoutsAsync).WithName("listAllPayouts").WithSummary("Payouts of every partner")
            .WithDescription("Operators only. Payouts of every partner page by page, optionally by status or partner. An unknown status is 422.")
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
    }

    private const string StatusHelp = "draft, open, paid, void or uncollectible";

    private static async Task<Results<Ok<Page<InvoiceDto>>, ProblemHttpResult>> ListAsync(
        SwitchyardDb db, [Description(StatusHelp)] string? status, string? customerId, int? limit, string? after, CancellationToken ct) =>
        (await db.Invoices.AsNoTracking().List(limit, after)
            .WhereEnum(status, "status", (Invoice i) => i.Status)
            .WhereIf(!string.IsNullOrEmpty(customerId), i => i.CustomerId == CustomerId.From(customerId!))
            .PageAsync(InvoiceDto.From, ct)).ToResult();

    private static async Task<Results<Ok<Page<InvoiceDto>>, ProblemHttpResult>> OperatorListAsync(
        SwitchyardDb db, TimeProvider clock, MarketplaceCalendar calendar, [Description(StatusHelp)] string? status, string? partnerId,
        [Description("true: open invoices past their due date")] bool? overdue, int? limit, string? after, CancellationToken ct)
    {
        var today = calendar.DateOf(clock.GetUtcNow());
        return (await db.Invoices.AsNoTracking().List(limit, after)
            .WhereEnum(status, "status", (Invoice i) => i.Status)
            .WhereIf(!string.IsNullOrEmpty(partnerId), i => i.PartnerId == partnerId)
            .WhereIf(overdue == true, i => i.Status == InvoiceStatus.Open && i.DueDate < today)
            .PageAsync(InvoiceDto.From, ct)).ToResult();
    }

    private static async Task<Results<Ok<InvoiceDetailDto>, ProblemHttpResult>> GetAsync(string id, SwitchyardDb db, CancellationToken ct) =>
        await DetailAsync(db, db.Invoices, id, ct);

    private static async Task<Results<Ok<InvoiceDetailDto>, ProblemHttpResult>> OperatorGetAsync(string id, SwitchyardDb db, CancellationToken ct) =>
        await DetailAsync(db, db.Invoices, id, ct);

    private static async Task<Results<Ok<InvoiceDetailDto>, ProblemHttpResult>> CustomerGetAsync(string id, SwitchyardDb db, Caller caller, CancellationToken ct) =>
        await DetailAsync(db, VisibleToCustomer(db, caller), id, ct);

    internal static async Task<Results<Ok<InvoiceDetailDto>, ProblemHttpResult>> DetailAsync(SwitchyardDb db, IQueryable<Invoice> visible, string id, CancellationToken ct)
    {
        var detail = await LoadDetailAsync(db, visible, id, ct);
        return detail is null ? Problems.NotFound("Invoice") : TypedResults.Ok(detail);
    }

    /// <summary>An invoice visible through <paramref name="visible"/>, with its credit notes and payments.</summary>
    public static async Task<InvoiceDetailDto?> LoadDetailAsync(SwitchyardDb db, IQueryable<Invoice> visible, string id, CancellationToken ct)
    {
        var invoice = await visible.AsNoTracking().SingleOrDefaultAsync(i => i.Id == InvoiceId.From(id), ct);
        if (invoice is null)
        {
            return null;
        }
        var notes = await db.CreditNotes.IgnoreQueryFilters().AsNoTracking().Where(n => n.InvoiceId == InvoiceId.From(id)).OrderBy(n => n.Id).ToListAsync(ct);
        var payments = await db.Payments.IgnoreQueryFilters().AsNoTracking().Where(p => p.InvoiceId == InvoiceId.From(id)).OrderBy(p => p.Id).ToListAsync(ct);
        return new InvoiceDetailDto(InvoiceDto.From(invoice), [.. notes.Select(CreditNoteDto.From)], [.. payments.Select(PaymentDto.From)]);
    }

    /// <summary>SEC-1: a customer sees its own org's issued invoices, whichever partner sent them.</summary>
    public static IQueryable<Invoice> VisibleToCustomer(SwitchyardDb db, Caller caller) =>
        db.Invoices.IgnoreQueryFilters().Where(i => i.CustomerOrgId == caller.Org && i.Status != InvoiceStatus.Draft);

    private static async Task<Results<Ok<Page<InvoiceDto>>, ProblemHttpResult>> CustomerListAsync(
        SwitchyardDb db, Caller caller, [Description(StatusHelp)] string? status, int? limit, string? after, CancellationToken ct) =>
        (await VisibleToCustomer(db, caller).AsNoTracking().List(limit, after)
            .WhereEnum(status, "status", (Invoice i) => i.Status)
            .PageAsync(InvoiceDto.From, ct)).ToResult();

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> PdfAsync(string id, SwitchyardDb db, CancellationToken ct) =>
        await PdfOfAsync(db, db.Invoices, id, ct);

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> CustomerPdfAsync(string id, SwitchyardDb db, Caller caller, CancellationToken ct) =>
        await PdfOfAsync(db, VisibleToCustomer(db, caller), id, ct);

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> PdfOfAsync(SwitchyardDb db, IQueryable<Invoice> visible, string id, CancellationToken ct)
    {
        var detail = await LoadDetailAsync(db, visible, id, ct);
        if (detail is null)
        {
            return Problems.NotFound("Invoice");
        }
        var partnerName = await db.Partners.IgnoreQueryFilters().Where(p => p.Id == detail.Invoice.PartnerId).Select(p => p.Name).SingleAsync(ct);
        return TypedResults.File(InvoicePdf.Render(detail, partnerName), "application/pdf", detail.Invoice.Number + ".pdf");
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> ExportAsync(
        SwitchyardDb db, [Description(StatusHelp)] string? status, CancellationToken ct)
    {
        var parsed = EnumFilter.Parse<InvoiceStatus>(status, "status");
        if (parsed.IsFailure)
        {
            return Problems.From(parsed.Errors);
        }
        var query = db.Invoices.AsNoTracking();
        if (parsed.Value is { } wanted)
        {
            query = query.Where(i => i.Status == wanted);
        }
        var invoices = await query.OrderBy(i => i.Number).ToListAsync(ct);
        var csv = Csv.Write(
            ["number", "id", "customer", "order_id", "status", "issue_date", "due_date", "currency", "subtotal", "tax", "total", "paid", "credited", "amount_due", "customer_po"],
            invoices.Select(i => new[]
            {
                Csv.Cell(i.DisplayNumber), Csv.Cell(i.Id.Value), Csv.Cell(i.CustomerName), Csv.Cell(i.OrderId.Value), Csv.Cell(Show(i.Status)),
                Csv.Cell(i.IssueDate?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
                Csv.Cell(i.DueDate?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)), Csv.Cell(i.CurrencyCode),
                Csv.Number(i.Subtotal.Amount), Csv.Number(i.Tax.Amount), Csv.Number(i.Total.Amount), Csv.Number(i.Paid.Amount),
                Csv.Number(i.Credited.Amount), Csv.Number(i.AmountDue.Amount), Csv.Cell(i.CustomerPo),
            }));
        return TypedResults.Text(csv, "text/csv; charset=utf-8");
    }

    private static string Show(InvoiceStatus status) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(status.ToString());

    private static async Task<Results<Ok<Page<PayoutDto>>, ProblemHttpResult>> PayoutsAsync(
        SwitchyardDb db, [Description("pending or sent")] string? status, int? limit, string? after, CancellationToken ct) =>
        (await db.Payouts.AsNoTracking().List(limit, after)
            .WhereEnum(status, "status", (Payout p) => p.Status)
            .PageAsync(p => PayoutDto.From(p), ct)).ToResult();

    private static async Task<Results<Ok<Page<PayoutDto>>, ProblemHttpResult>> OperatorPayoutsAsync(
        SwitchyardDb db, [Description("pending or sent")] string? status, string? partnerId, int? limit, string? after, CancellationToken ct) =>
        (await db.Payouts.AsNoTracking().List(limit, after)
            .WhereEnum(status, "status", (Payout p) => p.Status)
            .WhereIf(!string.IsNullOrEmpty(partnerId), p => p.PartnerId == partnerId)
            .PageAsync(p => PayoutDto.From(p), ct)).ToResult();

    private static async Task<Results<Ok<PayoutDto>, ProblemHttpResult>> PayoutAsync(string id, SwitchyardDb db, CancellationToken ct)
    {
        var payout = await db.Payouts.AsNoTracking().SingleOrDefaultAsync(p => p.Id == PayoutId.From(id), ct);
        if (payout is null)
        {
            return Problems.NotFound("Payout");
        }
        var payments = await db.Payments.AsNoTracking().Where(p => p.PayoutId == PayoutId.From(id)).OrderBy(p => p.Id).ToListAsync(ct);
        return TypedResults.Ok(PayoutDto.From(payout, [.. payments.Select(PaymentDto.From)]));
    }

    private static async Task<Ok<IReadOnlyList<BalanceDto>>> BalanceAsync(SwitchyardDb db, CancellationToken ct) =>
        TypedResults.Ok(await Balances.OfAsync(db, ct));

    private static async Task<Results<Ok<PaymentDto>, ProblemHttpResult>> PayAsync(
        string id, RecordPaymentRequest request, SwitchyardDb db, TimeProvider clock, MarketplaceCalendar calendar, CancellationToken ct)
    {
        var invoice = await db.Invoices.SingleOrDefaultAsync(i => i.Id == InvoiceId.From(id), ct);
        if (invoice is null)
        {
            return Problems.NotFound("Invoice");
        }
        var now = clock.GetUtcNow();
        var paid = await InvoiceActions.RecordPaymentAsync(db, invoice, request, calendar.DateOf(now), now, ct);
        return paid.IsFailure ? Problems.From(paid.Errors) : TypedResults.Ok(PaymentDto.From(paid.Value));
    }

    private static async Task<Results<Ok<CreditNoteDto>, ProblemHttpResult>> CreditAsync(
        string id, CreditNoteRequest request, SwitchyardDb db, TimeProvider clock, CancellationToken ct)
    {
        var invoice = await db.Invoices.SingleOrDefaultAsync(i => i.Id == InvoiceId.From(id), ct);
        if (invoice is null)
        {
            return Problems.NotFound("Invoice");
        }
        var credited = await InvoiceActions.CreditAsync(db, invoice, request, clock.GetUtcNow(), ct);
        return credited.IsFailure ? Problems.From(credited.Errors) : TypedResults.Ok(CreditNoteDto.From(credited.Value));
    }

    private static Task<Results<Ok<InvoiceDto>, ProblemHttpResult>> VoidAsync(
        string id, InvoiceActionRequest? request, SwitchyardDb db, TimeProvider clock, CancellationToken ct) =>
        CloseAsync(id, db, invoice => InvoiceActions.VoidAsync(db, invoice, request, clock.GetUtcNow(), ct), ct);

    private static Task<Results<Ok<InvoiceDto>, ProblemHttpResult>> UncollectibleAsync(
        string id, InvoiceActionRequest? request, SwitchyardDb db, TimeProvider clock, CancellationToken ct) =>
        CloseAsync(id, db, invoice => InvoiceActions.MarkUncollectibleAsync(db, invoice, request, clock.GetUtcNow(), ct), ct);

    private static async Task<Results<Ok<InvoiceDto>, ProblemHttpResult>> CloseAsync(string id, SwitchyardDb db, Func<Invoice, Task<Result<Unit>>> action, CancellationToken ct)
    {
        var invoice = await db.Invoices.SingleOrDefaultAsync(i => i.Id == InvoiceId.From(id), ct);
        if (invoice is null)
        {
            return Problems.NotFound("Invoice");
        }
        var done = await action(invoice);
        return done.IsFailure ? Problems.From(done.Errors) : TypedResults.Ok(InvoiceDto.From(invoice));
    }
}

/// <summary>BIL-4: a partner's balances from the ledger, per currency (the tenant filter picks the partner).</summary>
public static class Balances
{
    public static async Task<IReadOnlyList<BalanceDto>> OfAsync(SwitchyardDb db, CancellationToken ct)
    {
        var sums = await db.LedgerEntries.AsNoTracking()
            .SelectMany(e => e.Lines, (e, l) => new { e.CurrencyCode, l.Account, l.AmountMinor })
            .GroupBy(x => new { x.CurrencyCode, x.Account })
            .Select(g => new { g.Key.CurrencyCode, g.Key.Account, Sum = g.Sum(x => x.AmountMinor) })
            .ToListAsync(ct);
        return [.. sums.GroupBy(s => s.CurrencyCode).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            var currency = Currency.From(g.Key);
            decimal Of(LedgerAccount account) => new Domain.Common.Money(g.Where(s => s.Account == account).Sum(s => s.Sum), currency).Amount;
            var pending = Of(LedgerAccount.Clearing);
            var paidOut = Of(LedgerAccount.PaidOut);
            var fees = Of(LedgerAccount.Fees);
            return new BalanceDto(g.Key, Of(LedgerAccount.Receivable), pending, paidOut, fees, pending + paidOut + fees);
        })];
    }
}
