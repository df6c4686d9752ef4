using Microsoft.EntityFrameworkCore;
using Switchyard.Data;

namespace Switchyard.Server.Hosting;

/// <summary>Registers the database for the configured provider (api.md: SWITCHYARD_DB_PROVIDER, SWITCHYARD_DB).</summary>
public static class DataSetup
{
    public static IServiceCollection AddSwitchyardData(this IServiceCollection services, SwitchyardSettings settings)
    {
        services.AddScoped<DataScope>();
        if (settings.DbProvider == "postgres")
        {
            services.AddDbContext<SwitchyardDb, PostgresSwitchyardDb>(o => o.UseNpgsql(settings.ConnectionString));
        }
        else
        {
            services.AddDbContext<SwitchyardDb, SqliteSwitchyardDb>(o => o.UseSqlite(settings.ConnectionString));
        }
        return services;
    }
}
