using Switchyard.Data.Outbox;
using Switchyard.Domain.Billing;
using Switchyard.Server.Payments;

namespace Switchyard.Server.Billing;

/// <summary>
/// BIL-3, OPS-1: an issued invoice of a partner onboarded with an external provider (Stripe) is created
/// there on the partner's behalf: enqueued in the save that issues it, keyed by the invoice id, and
/// delivered with <c>invoice:{id}</c> as the root of every idempotency key, so a retry never creates a
/// second invoice at the provider.
/// </summary>
public sealed class ProviderInvoiceHandler(PaymentProviders providers) : Outbox.IOutboxHandler
{
    public const string Type = "invoice.provider";

    public string MessageType => Type;

    public string Label => "Invoice at the payment provider";

    /// <summary>
    /// The message creating the invoice at the partner's provider (keyed by the invoice id), or null on the
    /// embedded ledger; the caller writes it in the save that issues the invoice.
    /// </summary>
    public static ProviderInvoiceMessage? MessageFor(Invoice invoice, string provider, string? accountRef)
    {
        if (provider == EmbeddedLedgerProvider.ProviderName || accountRef is null)
        {
            return null;
        }
        var lines = invoice.Lines.OrderBy(l => l.Position)
            .Select(l => new ProviderInvoiceLine($"{l.ProductName} × {l.Quantity.ToString(System.Globalization.CultureInfo.InvariantCulture)}", l.AmountMinor))
            .ToList();
        if (invoice.TaxMinor != 0)
        {
            lines.Add(new ProviderInvoiceLine($"Tax {invoice.TaxRatePercent.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture)} %", invoice.TaxMinor));
        }
        return new ProviderInvoiceMessage(provider, new ProviderInvoice(invoice.Id.Value, invoice.DisplayNumber, invoice.PartnerId, accountRef,
            invoice.CustomerId.Value, invoice.CustomerName, invoice.BillingEmail, invoice.CurrencyCode, Invoice.PaymentTermDays, lines));
    }

    public async Task DeliverAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var payload = message.Read<ProviderInvoiceMessage>();
        try
        {
            await providers.For(payload.Provider).CreateInvoiceAsync(payload.Invoice, "invoice:" + payload.Invoice.InvoiceId, cancellationToken);
        }
        catch (PaymentProviderException ex) when (ex.Permanent)
        {
            throw new Outbox.OutboxRefusedException(ex.Message, ex);
        }
    }
}

/// <summary>The payload of a provider invoice message: the provider and the invoice as issued.</summary>
public sealed record ProviderInvoiceMessage(string Provider, ProviderInvoice Invoice);
