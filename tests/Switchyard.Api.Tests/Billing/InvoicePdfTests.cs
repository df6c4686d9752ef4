using System.Text;
using System.Text.RegularExpressions;
using Switchyard.Domain.Billing;
using Switchyard.Server.Billing;

namespace Switchyard.Api.Tests.Billing;

/// <summary>BIL-1: the invoice PDF prints every line; a long invoice continues on further pages.</summary>
public partial class InvoicePdfTests
{
    private static InvoiceDetailDto Detail(int lines)
    {
        var items = Enumerable.Range(1, lines).Select(i => new InvoiceLineDto($"prd_{i}", $"Product number {i}", i, 10m, i * 120m)).ToList();
        var subtotal = items.Sum(l => l.Amount);
        var invoice = new InvoiceDto("ivc_1", "INV-000001", "prt_1", "ord_1", "cus_1", "00D000000000001", "Globex with a rather long customer name",
            InvoiceStatus.Open, new DateOnly(2027, 1, 7), new DateOnly(2027, 2, 6), new DateOnly(2027, 1, 7), new DateOnly(2028, 1, 6), "EUR",
            items, subtotal, false, 19m, subtotal * 0.19m, subtotal * 1.19m, 0m, 0m, subtotal * 1.19m,
            "a-very-long-billing-address-for-accounts-payable@customer-with-a-long-domain.example", "PO-1", null, null);
        return new InvoiceDetailDto(invoice, [], []);
    }

    [Fact]
    [Trait("rule", "BIL-1")]
    public void ShortInvoice_IsOnePage_LongInvoice_ContinuesWithEveryLine_BIL1()
    {
        Assert.Equal(1, Pages(InvoicePdf.Render(Detail(3), "Fabrikam")));
        var pdf = InvoicePdf.Render(Detail(120), "Fabrikam");
        Assert.True(Pages(pdf) >= 3, $"{Pages(pdf)} pages for 120 lines");
    }

    private static int Pages(byte[] pdf) => PageObject().Count(Encoding.Latin1.GetString(pdf));

    [GeneratedRegex(@"/Type\s*/Page(?![s\w])")]
    private static partial Regex PageObject();
}
