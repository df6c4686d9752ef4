using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Switchyard.Data;

namespace Switchyard.Server.Hosting;

/// <summary>
/// Registers the database for the configured provider (api.md: SWITCHYARD_DB_PROVIDER, SWITCHYARD_DB).
/// Every <see cref="IInterceptor"/> registered in DI is added to the context (none by default; tests and
/// the benchmark register a command counter).
/// </summary>
public static class DataSetup
{
    public static IServiceCollection AddSwitchyardData(this IServiceCollection services, SwitchyardSettings settings)
    {
        services.AddScoped<DataScope>();
        if (settings.DbProvider == "postgres")
        {
            services.AddDbContext<SwitchyardDb, PostgresSwitchyardDb>((sp, o) => o.UseNpgsql(settings.ConnectionString).AddInterceptors(sp.GetServices<IInterceptor>()));
        }
        else
        {
            services.AddDbContext<SwitchyardDb, SqliteSwitchyardDb>((sp, o) => o.UseSqlite(settings.ConnectionString).AddInterceptors(sp.GetServices<IInterceptor>()));
        }
        return services;
    }
}
