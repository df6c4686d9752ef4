using Stripe;

namespace Switchyard.Server.Payments;

/// <summary>BIL-3: the payment providers; the configured one onboards partners (Stripe when its secret key is set).</summary>
public static class PaymentSetup
{
    public static IServiceCollection AddPayments(this IServiceCollection services, IConfiguration config)
    {
        var stripe = StripeSettings.From(config);
        services.AddSingleton(stripe);
        services.AddSingleton<IPaymentProvider, EmbeddedLedgerProvider>();
        // The client is built only when Stripe is used; tests replace it with one over recorded responses.
        services.AddSingleton<IStripeClient>(_ => new StripeClient(stripe.SecretKey ?? throw new InvalidOperationException("SWITCHYARD_STRIPE_SECRET_KEY is not set.")));
        services.AddSingleton<IPaymentProvider, StripePaymentProvider>();
        var configured = stripe.Enabled ? StripeSettings.ProviderName : EmbeddedLedgerProvider.ProviderName;
        services.AddSingleton(sp => new PaymentProviders(sp.GetServices<IPaymentProvider>(), configured));
        return services;
    }
}
