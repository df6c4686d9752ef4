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
    private static readonly SqliteConcurrency SqliteConcurrency = new();

    public static IServiceCollection AddSwitchyardData(this IServiceCollection services, SwitchyardSettings settings)
    {
        services.AddScoped<DataScope>();
        services.AddSingleton<DbHealth>();
        if (settings.DbProvider == "postgres")
        {
            services.AddDbContext<SwitchyardDb, PostgresSwitchyardDb>((sp, o) => Common(o.UseNpgsql(settings.ConnectionString), sp));
        }
        else
        {
            // OPS-3: immediate write transactions and a busy timeout.
            services.AddDbContext<SwitchyardDb, SqliteSwitchyardDb>((sp, o) =>
                Common(o.UseSqlite(settings.ConnectionString), sp).AddInterceptors(SqliteConcurrency));
        }
        return services;
    }

    // OPS-2: EF Core logs every failed command and save as an error, including the expected ones (a unique index
    // refusing a duplicate, a lost concurrency race) that become 409s. The code that handles an exception decides
    // whether it is an error; EF's own lines stay at Debug.
    private static DbContextOptionsBuilder Common(DbContextOptionsBuilder options, IServiceProvider services) =>
        options.AddInterceptors(services.GetServices<IInterceptor>())
            .ConfigureWarnings(w => w.Log(
                (RelationalEventId.CommandError, LogLevel.Debug),
                (CoreEventId.SaveChangesFailed, LogLevel.Debug),
                (CoreEventId.QueryIterationFailed, LogLevel.Debug),
                (CoreEventId.OptimisticConcurrencyException, LogLevel.Debug),
                (RelationalEventId.ConnectionError, LogLevel.Debug),
                (RelationalEventId.TransactionError, LogLevel.Debug)));
}
