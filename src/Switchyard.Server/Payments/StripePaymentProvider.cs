using System.Globalization;
using System.Net;
using Stripe;
using Switchyard.Domain.Partners;
using Switchyard.Server.Hosting;

namespace Switchyard.Server.Payments;

/// <summary>
/// BIL-3: Stripe Connect with Express accounts, "separate charges and transfers". A partner gets an
/// Express connected account: Stripe hosts the onboarding and identity checks (KYC) and the partner's
/// dashboard, while the platform decides when money moves. Invoices are created on the platform
/// account on the partner's behalf (<c>on_behalf_of</c>), customers pay Stripe, and each payout is a
/// transfer of the net amount (after the marketplace's fee) to the connected account.
/// </summary>
/// <remarks>
/// Every call carries a Stripe idempotency key derived from our ids, so a retry (the outbox delivers at
/// least once) never creates a second account, invoice or transfer. Every call is made as the platform:
/// none sends a Stripe-Account header.
/// </remarks>
public sealed class StripePaymentProvider(IServiceProvider services, PublicAddress publicAddress) : IPaymentProvider
{
    // Resolved on first use: without SWITCHYARD_STRIPE_SECRET_KEY no client is built (and none is needed).
    private IStripeClient Client => services.GetRequiredService<IStripeClient>();

    public const string PartnerMetadata = "switchyard_partner_id";
    public const string InvoiceMetadata = "switchyard_invoice_id";
    public const string PayoutMetadata = "switchyard_payout_id";
    public const string CustomerMetadata = "switchyard_customer_id";

    /// <summary>An invoice item's position on our invoice, so a completed draft gets only the lines it lacks.</summary>
    public const string LineMetadata = "switchyard_line";

    public string Name => StripeSettings.ProviderName;

    /// <summary>ONB-2: creates (once) the partner's Express account and a fresh onboarding link to it.</summary>
    public async Task<PaymentOnboarding> StartOnboardingAsync(Partner partner, CancellationToken cancellationToken)
    {
        var accountId = partner.PaymentAccountRef is { } known && known.StartsWith("acct_", StringComparison.Ordinal) ? known : null;
        if (accountId is null)
        {
            var options = new AccountCreateOptions
            {
                Type = "express",
                Email = partner.RepresentativeEmail,
                Capabilities = new AccountCapabilitiesOptions
                {
                    CardPayments = new AccountCapabilitiesCardPaymentsOptions { Requested = true },
                    Transfers = new AccountCapabilitiesTransfersOptions { Requested = true },
                },
                BusinessProfile = new AccountBusinessProfileOptions { Name = partner.PublicName ?? partner.Name },
                Metadata = new Dictionary<string, string> { [PartnerMetadata] = partner.Id },
            };
            if (partner.Country is { Length: 2 } country)
            {
                options.Country = country.ToUpperInvariant();
            }
            var account = await CallAsync(() => new AccountService(Client).CreateAsync(options, Key("partner:" + partner.Id + ":account"), cancellationToken));
            accountId = account.Id;
        }
        var console = publicAddress.Url.TrimEnd('/') + "/console/account";
        var link = await CallAsync(() => new AccountLinkService(Client).CreateAsync(new AccountLinkCreateOptions
        {
            Account = accountId,
            Type = "account_onboarding",
            RefreshUrl = console + "?stripe=refresh",
            ReturnUrl = console + "?stripe=return",
        }, Key("partner:" + partner.Id + ":link:" + partner.Version.ToString(CultureInfo.InvariantCulture)), cancellationToken));
        return new PaymentOnboarding(PaymentConnectionStatus.Onboarding, accountId, link.Url);
    }

    /// <summary>
    /// BIL-4: a transfer of the net amount to the partner's connected account, in the payout's transfer
    /// group; a transfer already in that group is the payout's own, and is returned instead.
    /// </summary>
    public async Task<string> SendPayoutAsync(PayoutTransfer payout, string idempotencyKey, CancellationToken cancellationToken)
    {
        if (payout.AccountRef is not { } account || !account.StartsWith("acct_", StringComparison.Ordinal))
        {
            throw new PaymentProviderException($"Partner {payout.PartnerId} has no Stripe account to pay payout {payout.PayoutId} to.", permanent: true);
        }
        if (payout.NetMinor == 0)
        {
            return "none:" + payout.PayoutId; // the whole amount was the fee: nothing to transfer
        }
        // A retry past Stripe's 24 hours of idempotency keys (e.g. from the error queue) finds the first transfer.
        var earlier = await CallAsync(() => new TransferService(Client).ListAsync(new TransferListOptions { TransferGroup = payout.PayoutId, Limit = 1 }, null, cancellationToken));
        if (earlier.Data.FirstOrDefault() is { } existing)
        {
            return existing.Id;
        }
        var transfer = await CallAsync(() => new TransferService(Client).CreateAsync(new TransferCreateOptions
        {
            Amount = payout.NetMinor,
            Currency = payout.CurrencyCode.ToLowerInvariant(),
            Destination = account,
            TransferGroup = payout.PayoutId,
            Description = "Payout " + payout.PayoutId,
            Metadata = new Dictionary<string, string> { [PayoutMetadata] = payout.PayoutId, [PartnerMetadata] = payout.PartnerId },
        }, Key(idempotencyKey), cancellationToken));
        return transfer.Id;
    }

    /// <summary>
    /// BIL-3: the customer (once per customer), a draft invoice on the partner's behalf, one item per
    /// line, then finalized so Stripe sends it; each step with its own key derived from the invoice id.
    /// </summary>
    /// <remarks>
    /// Stripe forgets idempotency keys after 24 hours, and a message retried from the error queue can come
    /// later than that: the keys alone would then create a second customer, invoice or item. So each step
    /// first looks for what an earlier attempt made, by our ids in the metadata (Stripe's search; what it has
    /// not indexed yet, within its first minute or so, the keys still cover): an invoice past draft is
    /// returned as it is, a draft is completed with the lines it lacks, and the customer is reused.
    /// </remarks>
    public async Task<string?> CreateInvoiceAsync(ProviderInvoice invoice, string idempotencyKey, CancellationToken cancellationToken)
    {
        var currency = invoice.CurrencyCode.ToLowerInvariant();
        var earlier = await CallAsync(() => new InvoiceService(Client).SearchAsync(
            new InvoiceSearchOptions { Query = MetadataIs(InvoiceMetadata, invoice.InvoiceId), Limit = 1 }, null, cancellationToken));
        var draft = earlier.Data.FirstOrDefault();
        if (draft is not null && draft.Status != "draft")
        {
            return draft.Id;
        }
        var present = new HashSet<string>(StringComparer.Ordinal);
        if (draft is null)
        {
            var customerId = await CustomerAsync(invoice, cancellationToken);
            var metadata = new Dictionary<string, string> { [InvoiceMetadata] = invoice.InvoiceId, [PartnerMetadata] = invoice.PartnerId };
            draft = await CallAsync(() => new InvoiceService(Client).CreateAsync(new InvoiceCreateOptions
            {
                Customer = customerId,
                Currency = currency,
                CollectionMethod = "send_invoice",
                DaysUntilDue = invoice.DaysUntilDue,
                OnBehalfOf = invoice.AccountRef,
                AutoAdvance = false,
                Description = invoice.Number,
                Metadata = metadata,
            }, Key(idempotencyKey + ":create"), cancellationToken));
        }
        else
        {
            var items = await CallAsync(() => new InvoiceItemService(Client).ListAsync(
                new InvoiceItemListOptions { Invoice = draft.Id, Limit = 100 }, null, cancellationToken));
            present.UnionWith(items.Data.Select(i => i.Metadata?.GetValueOrDefault(LineMetadata)).OfType<string>());
        }
        for (var i = 0; i < invoice.Lines.Count; i++)
        {
            var line = invoice.Lines[i];
            var position = i.ToString(CultureInfo.InvariantCulture);
            if (present.Contains(position))
            {
                continue;
            }
            await CallAsync(() => new InvoiceItemService(Client).CreateAsync(new InvoiceItemCreateOptions
            {
                Customer = draft.CustomerId,
                Invoice = draft.Id,
                Amount = line.AmountMinor,
                Currency = currency,
                Description = line.Description,
                Metadata = new Dictionary<string, string> { [LineMetadata] = position },
            }, Key(idempotencyKey + ":line:" + position), cancellationToken));
        }
        var final = await CallAsync(() => new InvoiceService(Client).FinalizeInvoiceAsync(draft.Id,
            new InvoiceFinalizeOptions { AutoAdvance = true }, Key(idempotencyKey + ":finalize"), cancellationToken));
        return final.Id;
    }

    /// <summary>The Stripe customer for our customer: the one made before (found by metadata) or a new one.</summary>
    private async Task<string> CustomerAsync(ProviderInvoice invoice, CancellationToken cancellationToken)
    {
        var found = await CallAsync(() => new CustomerService(Client).SearchAsync(
            new CustomerSearchOptions { Query = MetadataIs(CustomerMetadata, invoice.CustomerId), Limit = 1 }, null, cancellationToken));
        if (found.Data.FirstOrDefault() is { } existing)
        {
            return existing.Id;
        }
        var customer = await CallAsync(() => new CustomerService(Client).CreateAsync(new CustomerCreateOptions
        {
            Name = invoice.CustomerName,
            Email = invoice.BillingEmail,
            Metadata = new Dictionary<string, string> { [CustomerMetadata] = invoice.CustomerId },
        }, Key("customer:" + invoice.CustomerId), cancellationToken));
        return customer.Id;
    }

    // Stripe's search query language; our ids have no quotes, escaped anyway.
    private static string MetadataIs(string key, string value) => $"metadata['{key}']:'{value.Replace("'", "\\'", StringComparison.Ordinal)}'";

    private static RequestOptions Key(string idempotencyKey) => new() { IdempotencyKey = idempotencyKey };

    /// <summary>Stripe's refusals (4xx but 409 and 429) are permanent; network failures, 409, 429 and 5xx are retried.</summary>
    private static async Task<T> CallAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (StripeException ex)
        {
            var status = (int)ex.HttpStatusCode;
            var permanent = status is >= 400 and < 500 && ex.HttpStatusCode is not (HttpStatusCode.Conflict or HttpStatusCode.TooManyRequests);
            throw new PaymentProviderException($"Stripe answered {status}: {ex.StripeError?.Type} {ex.StripeError?.Code} {ex.Message}".Trim(), ex, permanent);
        }
        catch (HttpRequestException ex)
        {
            throw new PaymentProviderException("Stripe could not be reached: " + ex.Message, ex);
        }
    }
}
