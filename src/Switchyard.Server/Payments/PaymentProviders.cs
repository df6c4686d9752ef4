using Switchyard.Domain.Billing;
using Switchyard.Domain.Partners;

namespace Switchyard.Server.Payments;

/// <summary>The start of a partner's payment-account onboarding (ONB-2).</summary>
public sealed record PaymentOnboarding(PaymentConnectionStatus Status, string? AccountRef, string? OnboardingUrl);

/// <summary>
/// BIL-4: what a provider needs to pay a payout out: the partner's account at the provider (null on the
/// embedded ledger) and the net amount in minor units.
/// </summary>
public sealed record PayoutTransfer(string PayoutId, string PartnerId, string? AccountRef, string CurrencyCode, long NetMinor);

/// <summary>One line of an invoice as a provider shows it to the customer.</summary>
public sealed record ProviderInvoiceLine(string Description, long AmountMinor);

/// <summary>
/// BIL-3: an issued invoice as a provider creates it on the partner's behalf: the partner's account at
/// the provider, the customer, the lines (tax as a line of its own) and the due date.
/// </summary>
public sealed record ProviderInvoice(
    string InvoiceId,
    string Number,
    string PartnerId,
    string AccountRef,
    string CustomerId,
    string CustomerName,
    string BillingEmail,
    string CurrencyCode,
    int DaysUntilDue,
    IReadOnlyList<ProviderInvoiceLine> Lines);

/// <summary>
/// BIL-3: payment providers behind one interface. The embedded ledger is the default; Stripe plugs in
/// here when configured (see <see cref="PaymentProviders"/>).
/// </summary>
public interface IPaymentProvider
{
    /// <summary>Stored on the partner (<c>paymentConnection.provider</c>): <c>embedded</c> or <c>stripe</c>.</summary>
    string Name { get; }

    Task<PaymentOnboarding> StartOnboardingAsync(Partner partner, CancellationToken cancellationToken);

    /// <summary>
    /// BIL-4: transfers a payout's net amount to the partner. The idempotency key is the same on every
    /// retry, so a provider that deduplicates pays once. Returns the provider's reference.
    /// </summary>
    /// <exception cref="PaymentProviderException">The provider refused or could not be reached.</exception>
    Task<string> SendPayoutAsync(PayoutTransfer payout, string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>
    /// BIL-3: creates an issued invoice at the provider on the partner's behalf (nothing to do on the
    /// embedded ledger). Every call carries a key derived from <paramref name="idempotencyKey"/>, so a retry
    /// never creates a second invoice. Returns the provider's reference, or null when there is none.
    /// </summary>
    /// <exception cref="PaymentProviderException">The provider refused or could not be reached.</exception>
    Task<string?> CreateInvoiceAsync(ProviderInvoice invoice, string idempotencyKey, CancellationToken cancellationToken);
}

/// <summary>
/// A payment provider call that failed. <see cref="Permanent"/> when the provider refused the request
/// itself (retrying cannot help); otherwise the caller leaves the work pending and retries.
/// </summary>
public sealed class PaymentProviderException(string message, Exception? inner = null, bool permanent = false) : Exception(message, inner)
{
    public bool Permanent { get; } = permanent;
}

/// <summary>The embedded ledger: there is no external account, so a partner is connected at once.</summary>
public sealed class EmbeddedLedgerProvider : IPaymentProvider
{
    public const string ProviderName = "embedded";

    public string Name => ProviderName;

    public Task<PaymentOnboarding> StartOnboardingAsync(Partner partner, CancellationToken cancellationToken) =>
        Task.FromResult(new PaymentOnboarding(PaymentConnectionStatus.Connected, "ledger:" + partner.Id, null));

    /// <summary>The ledger already moved the money (clearing → paid out) when the payout was written.</summary>
    public Task<string> SendPayoutAsync(PayoutTransfer payout, string idempotencyKey, CancellationToken cancellationToken) =>
        Task.FromResult("ledger:" + payout.PayoutId);

    /// <summary>The invoice lives in our own database only: the customer pays by bank transfer, recorded by an operator.</summary>
    public Task<string?> CreateInvoiceAsync(ProviderInvoice invoice, string idempotencyKey, CancellationToken cancellationToken) =>
        Task.FromResult<string?>(null);
}

/// <summary>
/// BIL-3: every registered provider by name. <see cref="Configured"/> onboards new partners (Stripe when
/// SWITCHYARD_STRIPE_SECRET_KEY is set, else the embedded ledger); a partner's payouts and invoices go
/// through the provider it was onboarded with (<c>Partner.PaymentProvider</c>).
/// </summary>
public sealed class PaymentProviders(IEnumerable<IPaymentProvider> all, string configured)
{
    private readonly List<IPaymentProvider> _all = all.ToList();

    public IPaymentProvider Configured => For(configured);

    /// <summary>The provider of that name (the one registered last wins, so a test can replace one).</summary>
    public IPaymentProvider For(string name) =>
        _all.LastOrDefault(p => string.Equals(p.Name, name, StringComparison.Ordinal))
        ?? throw new InvalidOperationException($"No payment provider named '{name}' is registered.");
}
