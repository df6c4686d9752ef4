using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Switchyard.Api.Tests.Offers;
using Switchyard.Data.Outbox;
using Switchyard.Domain.Billing;
using Switchyard.Server.Billing;
using Switchyard.Server.Clock;
using Switchyard.Server.Hosting;
using Switchyard.Server.Notifications;

namespace Switchyard.Api.Tests.Billing;

/// <summary>
/// BIL-1, OPS-1: the invoice email leaves through the outbox. The message written with the invoice holds the
/// invoice's id only; the email is rendered from the invoice when it is delivered: to the billing address,
/// with the number, the total, the dates and the link to the invoice in the portal.
/// </summary>
public class InvoiceEmailTests(BillingApp app) : IClassFixture<BillingApp>
{
    [Fact]
    [Trait("rule", "BIL-1")]
    [Trait("rule", "OPS-1")]
    public async Task IssuedInvoice_EmailIsRenderedFromTheInvoiceWhenDelivered_BIL1_OPS1()
    {
        var today = DateOnly.FromDateTime(app.Services.GetRequiredService<ManualTimeProvider>().GetUtcNow().UtcDateTime);
        var start = today.AddDays(2);
        var s = await OfferScenario.CreateAsync(app);
        var orderId = await s.AcceptedOrderAsync(await s.SentAsync(Iso(start), Iso(today.AddDays(1)), 10, 10m));
        await s.SetClockAsync(Iso(start) + "T00:30:00Z");

        Invoice invoice;
        OutboxMessage message;
        await using (var scope = app.DbScope(out var db))
        {
            invoice = await db.Invoices.AsNoTracking().SingleAsync(i => i.OrderId == Switchyard.Domain.Orders.OrderId.From(orderId));
            message = await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.MessageType == InvoiceEmailHandler.Type && m.DeduplicationKey == invoice.Id.Value);
        }
        // Written with the invoice: a reference, not the rendered text.
        Assert.Equal(invoice.Id.Value, message.Read<InvoiceEmailPayload>().InvoiceId);
        Assert.Null(message.Read<InvoiceEmailPayload>().Email);
        Assert.DoesNotContain(invoice.DisplayNumber, message.Payload, StringComparison.Ordinal);

        await app.DeliverOutboxAsync();

        var mail = SentMail(InvoiceEmailHandler.Type + ":" + invoice.Id.Value);
        Assert.Equal(OfferScenario.BillingEmail, Assert.Single(mail.To.Mailboxes).Address);
        // 10 × 10.00 a month for 12 months, 10 % tax.
        Assert.Equal($"Invoice {invoice.DisplayNumber} from your marketplace: 1,320.00 USD", mail.Subject);
        Assert.NotNull(mail.TextBody);
        Assert.NotNull(mail.HtmlBody);
        var link = app.Services.GetRequiredService<SwitchyardSettings>().PublicUrl.TrimEnd('/') + "/console/customer/invoices/" + invoice.Id.Value;
        Assert.Contains(link, mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"Issued {Iso(start)}, due {Iso(start.AddDays(30))}.", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Total: 1,320.00 USD", mail.HtmlBody, StringComparison.Ordinal);
        // The same content as rendering at issue gave.
        var expected = InvoiceEmail.For(invoice, app.Services.GetRequiredService<SwitchyardSettings>().PublicUrl);
        Assert.Equal(expected.TextBody.ReplaceLineEndings("\n").TrimEnd(), mail.TextBody.ReplaceLineEndings("\n").TrimEnd());
        Assert.Equal(expected.HtmlBody.Trim(), mail.HtmlBody.ReplaceLineEndings("").Trim());
    }

    [Fact]
    [Trait("rule", "OPS-1")]
    public async Task MessageRenderedAtIssue_ByAnEarlierVersion_IsDeliveredAsWritten_OPS1()
    {
        var key = "ivc_" + Guid.NewGuid().ToString("N");
        await using (var scope = app.DbScope(out var db))
        {
            db.EnqueueOutbox(InvoiceEmailHandler.Type, key,
                new InvoiceEmailPayload(key, new EmailMessage(["earlier@example.com"], "Invoice INV-000042 written earlier", "As written.\n", "<p>As written.</p>")));
            await db.SaveChangesAsync();
        }

        await app.DeliverOutboxAsync();

        var mail = SentMail(InvoiceEmailHandler.Type + ":" + key);
        Assert.Equal("Invoice INV-000042 written earlier", mail.Subject);
        Assert.Equal("earlier@example.com", Assert.Single(mail.To.Mailboxes).Address);
        await using (var scope = app.DbScope(out var db))
        {
            Assert.Equal(OutboxStatus.Delivered, (await db.OutboxMessages.SingleAsync(m => m.MessageType == InvoiceEmailHandler.Type && m.DeduplicationKey == key)).Status);
        }
    }

    private MimeMessage SentMail(string deduplicationKey)
    {
        var sent = Directory.GetFiles(app.MailPickup, "*.eml").Select(f => MimeMessage.Load(f))
            .Where(m => m.Headers[MimeMessages.DeduplicationHeader] == deduplicationKey).ToList();
        return Assert.Single(sent);
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
