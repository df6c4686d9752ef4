using System.Globalization;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace Switchyard.Server.Billing;

/// <summary>
/// BIL-1: the invoice as a PDF (PDFsharp 6.2.x, MIT): seller, customer, dates, lines with product names,
/// subtotal, tax, total, credit notes, payments and what is still due.
/// </summary>
public static class InvoicePdf
{
    private static readonly Lock Gate = new();

    public static byte[] Render(InvoiceDetailDto detail, string partnerName)
    {
        EnsureFonts();
        var invoice = detail.Invoice;
        using var document = new PdfDocument();
        document.Info.Title = $"Invoice {invoice.Number}";
        var page = document.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        var gfx = XGraphics.FromPdfPage(page);
        var title = new XFont(InvoiceFonts.Family, 20, XFontStyleEx.Bold);
        var bold = new XFont(InvoiceFonts.Family, 10, XFontStyleEx.Bold);
        var regular = new XFont(InvoiceFonts.Family, 10, XFontStyleEx.Regular);
        var left = 50.0;
        var right = page.Width.Point - 50;
        var y = 60.0;

        gfx.DrawString("Invoice " + invoice.Number, title, XBrushes.Black, left, y);
        gfx.DrawString(StatusText(invoice.Status), bold, XBrushes.DarkSlateGray, new XRect(left, y - 14, right - left, 20), XStringFormats.TopRight);
        y += 30;
        Line(gfx, regular, bold, left, ref y, "From", partnerName);
        Line(gfx, regular, bold, left, ref y, "Bill to", invoice.CustomerName);
        Line(gfx, regular, bold, left, ref y, "", invoice.BillingEmail);
        Line(gfx, regular, bold, left, ref y, "Issued", Date(invoice.IssueDate));
        Line(gfx, regular, bold, left, ref y, "Due", Date(invoice.DueDate) + " (30 days)");
        Line(gfx, regular, bold, left, ref y, "Service period", $"{Date(invoice.PeriodStart)} to {Date(invoice.PeriodEnd)}");
        if (invoice.CustomerPo is { Length: > 0 } po)
        {
            Line(gfx, regular, bold, left, ref y, "Your PO", po);
        }
        y += 16;

        var columns = new[] { left, left + 270, left + 330, left + 420 };
        void Header(ref double y)
        {
            gfx.DrawString("Product", bold, XBrushes.Black, columns[0], y);
            Right(gfx, "Quantity", bold, columns[2] - 5, y);
            Right(gfx, "Monthly price", bold, columns[3] - 5, y);
            Right(gfx, "Amount", bold, right, y);
            y += 6;
            gfx.DrawLine(XPens.Gray, left, y, right, y);
            y += 14;
        }
        // Every line is printed: a long invoice continues on further pages (never a silently dropped line).
        void Continue(ref double y, bool header)
        {
            gfx.Dispose();
            page = document.AddPage();
            page.Size = PdfSharp.PageSize.A4;
            gfx = XGraphics.FromPdfPage(page);
            y = 60;
            gfx.DrawString($"Invoice {invoice.Number} (continued)", bold, XBrushes.DimGray, left, y);
            y += 24;
            if (header)
            {
                Header(ref y);
            }
        }
        Header(ref y);
        foreach (var line in invoice.Lines)
        {
            if (y > page.Height.Point - 70)
            {
                Continue(ref y, header: true);
            }
            gfx.DrawString(Clip(line.ProductName, 48), regular, XBrushes.Black, columns[0], y);
            Right(gfx, line.Quantity.ToString("N0", CultureInfo.InvariantCulture), regular, columns[2] - 5, y);
            Right(gfx, Amount(line.UnitPriceMonthly, invoice.Currency), regular, columns[3] - 5, y);
            Right(gfx, Amount(line.Amount, invoice.Currency), regular, right, y);
            y += 16;
        }
        gfx.DrawLine(XPens.Gray, left, y - 8, right, y - 8);
        if (y + 16 * (4 + detail.CreditNotes.Count + detail.Payments.Count) + 40 > page.Height.Point - 50)
        {
            Continue(ref y, header: false);
        }
        y += 6;
        Total(gfx, regular, "Subtotal", invoice.Subtotal, invoice.Currency, right, ref y);
        var taxLabel = invoice.TaxExempt ? "Tax (exempt)" : $"Tax ({invoice.TaxRatePercent.ToString("0.##", CultureInfo.InvariantCulture)} %)";
        Total(gfx, regular, taxLabel, invoice.Tax, invoice.Currency, right, ref y);
        Total(gfx, bold, "Total", invoice.Total, invoice.Currency, right, ref y);
        foreach (var note in detail.CreditNotes)
        {
            Total(gfx, regular, $"Credit note {Date(DateOnly.FromDateTime(note.IssuedAt.UtcDateTime))}", -note.Amount, invoice.Currency, right, ref y);
        }
        foreach (var payment in detail.Payments)
        {
            Total(gfx, regular, $"Paid {Date(payment.ReceivedOn)}", -payment.Amount, invoice.Currency, right, ref y);
        }
        Total(gfx, bold, "Amount due", invoice.AmountDue, invoice.Currency, right, ref y);
        y += 24;
        gfx.DrawString($"Please pay within 30 days of the issue date, quoting {invoice.Number}.", regular, XBrushes.DimGray, left, y);

        gfx.Dispose();
        using var stream = new MemoryStream();
        document.Save(stream, false);
        return stream.ToArray();
    }

    /// <summary>Money as people read it, with group separators and the currency's decimals.</summary>
    public static string Amount(decimal amount, string currency)
    {
        var digits = Domain.Common.Currency.TryFrom(currency, out var c) ? c.Digits : 2;
        return amount.ToString("N" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) + " " + currency;
    }

    public static string StatusText(Domain.Billing.InvoiceStatus status) => status switch
    {
        Domain.Billing.InvoiceStatus.Draft => "Draft",
        Domain.Billing.InvoiceStatus.Open => "Open",
        Domain.Billing.InvoiceStatus.Paid => "Paid",
        Domain.Billing.InvoiceStatus.Void => "Void",
        Domain.Billing.InvoiceStatus.Uncollectible => "Uncollectible",
    };

    private static void Line(XGraphics gfx, XFont regular, XFont bold, double left, ref double y, string label, string value)
    {
        if (label.Length > 0)
        {
            gfx.DrawString(label, bold, XBrushes.Black, left, y);
        }
        gfx.DrawString(Clip(value, 80), regular, XBrushes.Black, left + 110, y);
        y += 15;
    }

    private static void Total(XGraphics gfx, XFont font, string label, decimal amount, string currency, double right, ref double y)
    {
        Right(gfx, label, font, right - 130, y);
        Right(gfx, Amount(amount, currency), font, right, y);
        y += 16;
    }

    private static void Right(XGraphics gfx, string text, XFont font, double right, double y)
    {
        var width = gfx.MeasureString(text, font).Width;
        gfx.DrawString(text, font, XBrushes.Black, right - width, y);
    }

    private static string Date(DateOnly? date) => date?.ToString("d MMM yyyy", CultureInfo.InvariantCulture) ?? "not issued";

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    private static void EnsureFonts()
    {
        lock (Gate)
        {
            if (GlobalFontSettings.FontResolver is not InvoiceFonts)
            {
                GlobalFontSettings.FontResolver = new InvoiceFonts();
            }
        }
    }
}

/// <summary>
/// Fonts for the PDF: Liberation Sans or DejaVu Sans from the system (Debian's fonts-liberation /
/// fonts-dejavu-core); PDFsharp has no fonts of its own on Linux.
/// </summary>
internal sealed class InvoiceFonts : IFontResolver
{
    public const string Family = "Invoice Sans";

    private static readonly string[][] Candidates =
    [
        ["/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"],
        ["/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"],
    ];

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) => new(bold ? "invoice-bold" : "invoice-regular");

    public byte[]? GetFont(string faceName)
    {
        var paths = Candidates[faceName == "invoice-bold" ? 1 : 0];
        var path = paths.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("No font for invoice PDFs: install fonts-liberation or fonts-dejavu-core.");
        return File.ReadAllBytes(path);
    }
}
