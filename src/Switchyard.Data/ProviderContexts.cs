using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Switchyard.Data;

/// <summary>The embedded default. Instants are stored as sortable integers (SQLite has no native type).</summary>
public sealed class SqliteSwitchyardDb(DbContextOptions<SqliteSwitchyardDb> options, DataScope scope, TimeProvider clock)
    : SwitchyardDb(options, scope, clock)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot compare or order DateTimeOffset text in SQL; UTC ticks compare exactly.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}

/// <summary>The production server. Instants map to timestamptz (always UTC).</summary>
public sealed class PostgresSwitchyardDb(DbContextOptions<PostgresSwitchyardDb> options, DataScope scope, TimeProvider clock)
    : SwitchyardDb(options, scope, clock);

/// <summary>Used by `dotnet ef migrations add … --context SqliteSwitchyardDb`.</summary>
public sealed class SqliteDesignFactory : IDesignTimeDbContextFactory<SqliteSwitchyardDb>
{
    public SqliteSwitchyardDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteSwitchyardDb>().UseSqlite("Data Source=design.db").Options, DataScope.System(), TimeProvider.System);
}

/// <summary>Used by `dotnet ef migrations add … --context PostgresSwitchyardDb`.</summary>
public sealed class PostgresDesignFactory : IDesignTimeDbContextFactory<PostgresSwitchyardDb>
{
    public PostgresSwitchyardDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresSwitchyardDb>().UseNpgsql("Host=localhost;Database=design").Options, DataScope.System(), TimeProvider.System);
}
