using Microsoft.Extensions.DependencyInjection.Extensions;
using Switchyard.Server.Clock;

namespace Switchyard.Server.Outbox;

public static class OutboxSetup
{
    /// <summary>OPS-1: the outbox runner (a due transition), its worker, retention and settings.</summary>
    public static IServiceCollection AddSwitchyardOutbox(this IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton(OutboxSettings.Read(config));
        services.TryAddSingleton(new WallClock(TimeProvider.System));
        services.AddScoped<OutboxRunner>();
        services.AddScoped<IDueTransition>(sp => sp.GetRequiredService<OutboxRunner>());
        services.AddScoped<IDueTransition, OutboxRetention>();
        services.AddHostedService<OutboxWorker>();
        return services;
    }

    /// <summary>
    /// Registers the handler of one outbox message type (see <see cref="IOutboxHandler"/>). Handlers are
    /// scoped; one instance may deliver several messages of a batch at once.
    /// </summary>
    public static IServiceCollection AddOutboxHandler<THandler>(this IServiceCollection services)
        where THandler : class, IOutboxHandler
    {
        services.AddScoped<IOutboxHandler, THandler>();
        return services;
    }
}
