using System.Globalization;
using Switchyard.Domain.Billing;

namespace Switchyard.Server.Billing.Pages;

/// <summary>How the billing pages say statuses and amounts (UX-2): words, never code spellings.</summary>
public static class BillingWords
{
    public static string Status(InvoiceStatus status) => status switch
    {
        InvoiceStatus.Draft => "draft",
        InvoiceStatus.Open => "open",
        InvoiceStatus.Paid => "paid",
        InvoiceStatus.Void => "void",
        InvoiceStatus.Uncollectible => "written off",
    };

    /// <summary>The badge's style: overdue stands out from open.</summary>
    public static string Badge(Invoice invoice, DateOnly today) => invoice.IsOverdue(today) ? "overdue" : "inv-" + Status(invoice.Status).Replace(' ', '-');

    public static string StatusOn(Invoice invoice, DateOnly today) => invoice.IsOverdue(today) ? "overdue" : Status(invoice.Status);

    public static string Status(PayoutStatus status) => status switch
    {
        PayoutStatus.Pending => "being sent",
        PayoutStatus.Sent => "sent",
    };

    /// <summary>A tax rate as people read it: 19 %, 7.5 %.</summary>
    public static string Percent(decimal percent) => percent.ToString("0.####", CultureInfo.InvariantCulture) + " %";

    /// <summary>An amount in major units of a currency, with group separators and the currency's decimals.</summary>
    public static string Money(decimal amount, string currency) =>
        Domain.Common.Currency.TryFrom(currency, out var c)
            ? amount.ToString("N" + c.Digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) + " " + c.Code
            : amount.ToString("N2", CultureInfo.InvariantCulture) + " " + currency;

    /// <summary>A typed invoice number: "INV-000012", "000012" or "12" → 12.</summary>
    public static int? Number(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var t = text.Trim();
        if (t.StartsWith("INV-", StringComparison.OrdinalIgnoreCase))
        {
            t = t[4..];
        }
        return int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : null;
    }
}
