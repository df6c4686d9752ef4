using Switchyard.Server.Clock;
using Switchyard.Server.Outbox;

namespace Switchyard.Server.Billing;

/// <summary>Registers billing: settings, due transitions (invoicing, invoice emails, payouts and their transfers) in that order.</summary>
public static class BillingSetup
{
    public static IServiceCollection AddBilling(this IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton(BillingSettings.From(config));
        services.AddScoped<IDueTransition, IssueInvoices>();
        services.AddOutboxHandler<InvoiceEmailHandler>();
        services.AddOutboxHandler<ProviderInvoiceHandler>();
        services.AddScoped<IDueTransition, CreatePayouts>();
        services.AddOutboxHandler<PayoutHandler>();
        return services;
    }
}
