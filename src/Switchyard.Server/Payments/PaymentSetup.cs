namespace Switchyard.Server.Payments;

/// <summary>BIL-3: the payment providers; the configured one onboards partners.</summary>
public static class PaymentSetup
{
    public static IServiceCollection AddPayments(this IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton<IPaymentProvider, EmbeddedLedgerProvider>();
        var configured = EmbeddedLedgerProvider.ProviderName;
        services.AddSingleton(sp => new PaymentProviders(sp.GetServices<IPaymentProvider>(), configured));
        return services;
    }
}
