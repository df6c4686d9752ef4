using Microsoft.EntityFrameworkCore;
using Switchyard.Domain.Billing;
using Switchyard.Server.ConsoleUi.Components.Shared;

namespace Switchyard.Server.Billing.Pages.Invoices;

/// <summary>The invoice list's filters, shared by the page and its CSV export so both show the same invoices.</summary>
public static class InvoiceQueries
{
    /// <summary>
    /// <paramref name="q"/>: an invoice number (INV-000012 or 12) or part of the customer's name;
    /// <paramref name="status"/>: a status, or "overdue" (open past its due date); drafts are never listed.
    /// </summary>
    public static IQueryable<Invoice> Filter(IQueryable<Invoice> query, string? q, string? status, string? partnerId, DateOnly today)
    {
        query = query.Where(i => i.Status != InvoiceStatus.Draft);
        if (!string.IsNullOrWhiteSpace(q))
        {
            var text = new string([.. q.Trim().Where(c => !char.IsControl(c))]);
            if (BillingWords.Number(text) is { } number)
            {
                query = query.Where(i => i.Number == number || EF.Functions.Like(i.CustomerName, Show.Contains(text), "\\"));
            }
            else
            {
                query = query.Where(i => EF.Functions.Like(i.CustomerName, Show.Contains(text), "\\"));
            }
        }
        if (status == "overdue")
        {
            query = query.Where(i => i.Status == InvoiceStatus.Open && i.DueDate < today);
        }
        else if (Show.ParseEnum<InvoiceStatus>(status) is { } wanted)
        {
            query = query.Where(i => i.Status == wanted);
        }
        if (!string.IsNullOrEmpty(partnerId))
        {
            query = query.Where(i => i.PartnerId == partnerId);
        }
        return query;
    }
}
