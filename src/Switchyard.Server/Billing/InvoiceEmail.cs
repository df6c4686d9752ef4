using System.Net;
using Microsoft.EntityFrameworkCore;
using Switchyard.Data;
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

/// <summary>
/// The payload of an invoice email: the invoice it announces. The message is rendered from the invoice when
/// it is delivered (an issued invoice never changes, so the text is the one it would have had at issue);
/// <paramref name="Email"/> is set only on messages written before rendering moved to delivery.
/// </summary>
public sealed record InvoiceEmailPayload(string InvoiceId, Notifications.EmailMessage? Email = null);

/// <summary>BIL-1, OPS-1: sends an invoice email from the outbox, the outbox key as its deduplication key.</summary>
public sealed class InvoiceEmailHandler(Notifications.IEmailSender email, IServiceScopeFactory scopes, Hosting.SwitchyardSettings server) : Outbox.IOutboxHandler
{
    public const string Type = "invoice.email";

    public string MessageType => Type;

    public string Label => "Invoice email";

    /// <summary>Who reads the invoice when an email is rendered at delivery (the command-count test tells those reads apart).</summary>
    public const string RenderActor = "system:invoice-email";

    /// <summary>The message for an issued invoice: its payload holds the invoice id only (a few bytes per invoice at issue).</summary>
    public static string PayloadFor(InvoiceId invoiceId) => System.Text.Json.JsonSerializer.Serialize(new InvoiceEmailPayload(invoiceId.Value), PayloadJson);

    private static readonly System.Text.Json.JsonSerializerOptions PayloadJson = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public async Task DeliverAsync(Data.Outbox.OutboxMessage message, CancellationToken cancellationToken)
    {
        var payload = message.Read<InvoiceEmailPayload>();
        var rendered = payload.Email ?? await RenderAsync(payload.InvoiceId, cancellationToken);
        try
        {
            await email.SendAsync(rendered with { DeduplicationKey = message.MessageType + ":" + message.DeduplicationKey }, cancellationToken);
        }
        catch (Notifications.EmailDeliveryException ex) when (ex.Permanent)
        {
            throw new Outbox.OutboxRefusedException(ex.Message, ex);
        }
    }

    private async Task<Notifications.EmailMessage> RenderAsync(string invoiceId, CancellationToken cancellationToken)
    {
        // Its own context: deliveries of one batch run in parallel, and the runner's context records the outcome.
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SwitchyardDb>();
        db.Scope.ForSystem(RenderActor);
        var invoice = await db.Invoices.AsNoTracking().SingleOrDefaultAsync(i => i.Id == InvoiceId.From(invoiceId), cancellationToken)
            ?? throw new Outbox.OutboxRefusedException($"Invoice {invoiceId} does not exist.");
        return InvoiceEmail.For(invoice, server.PublicUrl);
    }
}
