using Microsoft.EntityFrameworkCore;
using Switchyard.Data;
using Switchyard.Domain.Billing;

namespace Switchyard.Server.Billing.Pages.Invoices;

/// <summary>What the invoice pages show: the invoice, its credit notes and payments, and who sent it.</summary>
public sealed record InvoiceView(Invoice Invoice, IReadOnlyList<CreditNote> CreditNotes, IReadOnlyList<Payment> Payments, string PartnerName)
{
    /// <summary>An invoice visible through <paramref name="visible"/> (the caller's tenant, or a customer's org), or null.</summary>
    public static async Task<InvoiceView?> LoadAsync(SwitchyardDb db, IQueryable<Invoice> visible, string id, CancellationToken ct)
    {
        var invoiceId = InvoiceId.From(id);
        var invoice = await visible.AsNoTracking().SingleOrDefaultAsync(i => i.Id == invoiceId, ct);
        if (invoice is null)
        {
            return null;
        }
        var notes = await db.CreditNotes.IgnoreQueryFilters().AsNoTracking().Where(n => n.InvoiceId == invoiceId).OrderBy(n => n.IssuedAt).ThenBy(n => n.Id).ToListAsync(ct);
        var payments = await db.Payments.IgnoreQueryFilters().AsNoTracking().Where(p => p.InvoiceId == invoiceId).OrderBy(p => p.ReceivedOn).ThenBy(p => p.Id).ToListAsync(ct);
        var partner = await db.Partners.IgnoreQueryFilters().Where(p => p.Id == invoice.PartnerId).Select(p => p.Name).SingleOrDefaultAsync(ct) ?? "";
        return new InvoiceView(invoice, notes, payments, partner);
    }
}
