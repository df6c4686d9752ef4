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
}

/// <summary>The embedded ledger: there is no external account, so a partner is connected at once.</summary>
public sealed class EmbeddedLedgerProvider : IPaymentProvider
{
    public string Name => "embedded";

    public Task<PaymentOnboarding> StartOnboardingAsync(Partner partner, CancellationToken cancellationToken) =>
        Task.FromResult(new PaymentOnboarding(PaymentConnectionStatus.Connected, "ledger:" + partner.Id, null));
}
