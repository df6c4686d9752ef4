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

    /// <remarks>
    /// OPS-2: aggregates load their collections (offer items, order items and transactions) with one query each
    /// (split queries), not one join that multiplies rows, which EF Core warns about.
    /// </remarks>
    /// <remarks>
    /// Contexts are pooled (built once, reset and reused): creating one per request otherwise costs more than
    /// the request's queries. Each scope leases one with its own data scope and the server's clock.
    /// </remarks>
    public static IServiceCollection AddSwitchyardData(this IServiceCollection services, SwitchyardSettings settings)
    {
        services.AddScoped<DataScope>();
        services.AddSingleton<DbHealth>();
        services.AddSingleton<DbHealthRecovery>();
        if (settings.DbProvider == "postgres")
        {
            services.AddPooledDbContextFactory<PostgresSwitchyardDb>((sp, o) => Common(o.UseNpgsql(settings.ConnectionString, x => x.UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery)), sp));
            services.AddScoped<SwitchyardDb>(Lease<PostgresSwitchyardDb>);
        }
        else
        {
            // OPS-3: immediate write transactions and a busy timeout.
            services.AddPooledDbContextFactory<SqliteSwitchyardDb>((sp, o) =>
                Common(o.UseSqlite(settings.ConnectionString, x => x.UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery)), sp).AddInterceptors(SqliteConcurrency));
            services.AddScoped<SwitchyardDb>(Lease<SqliteSwitchyardDb>);
        }
        return services;
    }

    // The scope disposes the context at its end, which returns it to the pool.
    private static SwitchyardDb Lease<TContext>(IServiceProvider services) where TContext : SwitchyardDb
    {
        var db = services.GetRequiredService<IDbContextFactory<TContext>>().CreateDbContext();
        db.Lease(services.GetRequiredService<DataScope>(), services.GetRequiredService<TimeProvider>());
        return db;
    }

    // OPS-2: EF Core logs every failed command and save as an error, including the expected ones (a unique index
    // refusing a duplicate, a lost concurrency race) that become 409s. The code that handles an exception decides
    // whether it is an error; EF's own lines stay at Debug.
    private static DbContextOptionsBuilder Common(DbContextOptionsBuilder options, IServiceProvider services) =>
        options.AddInterceptors(services.GetServices<IInterceptor>()).AddInterceptors(services.GetRequiredService<DbHealthRecovery>())
            .ConfigureWarnings(w => w.Log(
                (RelationalEventId.CommandError, LogLevel.Debug),
                (CoreEventId.SaveChangesFailed, LogLevel.Debug),
                (CoreEventId.QueryIterationFailed, LogLevel.Debug),
                (CoreEventId.OptimisticConcurrencyException, LogLevel.Debug),
                (RelationalEventId.ConnectionError, LogLevel.Debug),
                (RelationalEventId.TransactionError, LogLevel.Debug)));
}
