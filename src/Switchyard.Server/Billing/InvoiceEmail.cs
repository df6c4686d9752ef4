using System.Net;
using Switchyard.Domain.Billing;
using Switchyard.Server.Notifications;

namespace Switchyard.Server.Billing;

/// <summary>BIL-1: the invoice email to the billing address, with a link to the invoice in the portal.</summary>
public static class InvoiceEmail
{
    public static EmailMessage For(Invoice invoice, string publicUrl)
    {
        var link = publicUrl.TrimEnd('/') + "/console/customer/invoices/" + invoice.Id;
        var total = MoneyText.Format(invoice.Total);
        var subject = $"Invoice {invoice.DisplayNumber} from your marketplace: {total}";
        var text = $"Invoice {invoice.DisplayNumber} for {invoice.CustomerName}\n"
            + $"Issued {invoice.IssueDate:yyyy-MM-dd}, due {invoice.DueDate:yyyy-MM-dd}.\n"
            + $"Total: {total}\n\nView and download it: {link}\n";
        var html = $"<p>Invoice <strong>{WebUtility.HtmlEncode(invoice.DisplayNumber)}</strong> for {WebUtility.HtmlEncode(invoice.CustomerName)}</p>"
            + $"<p>Issued {invoice.IssueDate:yyyy-MM-dd}, due {invoice.DueDate:yyyy-MM-dd}.</p><p>Total: {WebUtility.HtmlEncode(total)}</p>"
            + $"<p><a href=\"{WebUtility.HtmlEncode(link)}\">View and download the invoice</a></p>";
        return new EmailMessage([invoice.BillingEmail], subject, text, html);
    }
}

/// <summary>Money as people read it: group separators and the currency's decimals (15,030.00 USD).</summary>
public static class MoneyText
{
    public static string Format(Domain.Common.Money money) =>
        money.Amount.ToString("N" + money.Currency.Digits.ToString(System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture)
        + " " + money.Currency.Code;
}
