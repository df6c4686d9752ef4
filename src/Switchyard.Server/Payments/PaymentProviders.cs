using Switchyard.Domain.Billing;
using Switchyard.Domain.Partners;

namespace Switchyard.Server.Payments;

/// <summary>The start of a partner's payment-account onboarding (ONB-2).</summary>
public sealed record PaymentOnboarding(PaymentConnectionStatus Status, string? AccountRef, string? OnboardingUrl);

/// <summary>
/// BIL-3: payment providers behind one interface. The embedded ledger is the default; Stripe plugs in
/// here when configured.
/// </summary>
public interface IPaymentProvider
{
    string Name { get; }

    Task<PaymentOnboarding> StartOnboardingAsync(Partner partner, CancellationToken cancellationToken);

    /// <summary>
    /// BIL-4: transfers a payout's net amount to the partner. The idempotency key is the same on every
    /// retry, so a provider that deduplicates pays once. Returns the provider's reference.
    /// </summary>
    /// <exception cref="PaymentProviderException">The provider refused or could not be reached (retried later).</exception>
    Task<string> SendPayoutAsync(Payout payout, string idempotencyKey, CancellationToken cancellationToken);
}

/// <summary>A payment provider call that failed; the caller leaves the work pending and retries.</summary>
public sealed class PaymentProviderException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The embedded ledger: there is no external account, so a partner is connected at once.</summary>
public sealed class EmbeddedLedgerProvider : IPaymentProvider
{
    public string Name => "embedded";

    public Task<PaymentOnboarding> StartOnboardingAsync(Partner partner, CancellationToken cancellationToken) =>
        Task.FromResult(new PaymentOnboarding(PaymentConnectionStatus.Connected, "ledger:" + partner.Id, null));

    /// <summary>The ledger already moved the money (clearing → paid out) when the payout was written.</summary>
    public Task<string> SendPayoutAsync(Payout payout, string idempotencyKey, CancellationToken cancellationToken) =>
        Task.FromResult("ledger:" + payout.Id);
}
