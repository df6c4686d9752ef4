using Switchyard.Data;
using Switchyard.Domain.Auditing;
using Switchyard.Domain.Common;
using Switchyard.Domain.Partners;
using Switchyard.Server.Payments;

namespace Switchyard.Server.Partners;

/// <summary>ONB-2: starts payment-account onboarding with the configured provider; shared by the API and the console.</summary>
public static class ConnectPayments
{
    public static async Task<Result<PaymentOnboardingDto>> RunAsync(SwitchyardDb db, Partner partner, IPaymentProvider provider, CancellationToken ct)
    {
        if (partner.PaymentStatus == PaymentConnectionStatus.Connected)
        {
            return new PaymentOnboardingDto(partner.PaymentStatus, null);
        }
        var onboarding = await provider.StartOnboardingAsync(partner, ct);
        var started = partner.StartPaymentOnboarding(provider.Name, onboarding.AccountRef);
        if (started.IsFailure)
        {
            return Result<PaymentOnboardingDto>.Failure(started.Errors);
        }
        switch (onboarding.Status)
        {
            case PaymentConnectionStatus.Connected:
                partner.MarkPaymentConnected();
                break;
            case PaymentConnectionStatus.Restricted:
                partner.MarkPaymentRestricted();
                break;
            case PaymentConnectionStatus.Onboarding:
            case PaymentConnectionStatus.NotConnected:
                break;
        }
        db.Audit.Describe(partner, AuditActions.AccountPaymentConnectionStarted);
        await db.SaveChangesAsync(ct);
        return new PaymentOnboardingDto(partner.PaymentStatus, onboarding.OnboardingUrl);
    }
}
