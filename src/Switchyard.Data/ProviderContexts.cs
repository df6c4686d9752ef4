using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Switchyard.Data;

/// <summary>The embedded default. Instants are stored as sortable integers (SQLite has no native type).</summary>
/// <remarks>One public constructor taking only options, as EF Core's context pooling requires.</remarks>
public sealed class SqliteSwitchyardDb(DbContextOptions<SqliteSwitchyardDb> options) : SwitchyardDb(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        // SQLite cannot compare or order DateTimeOffset text in SQL; UTC ticks compare exactly.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}

/// <summary>The production server. Instants map to timestamptz (always UTC).</summary>
public sealed class PostgresSwitchyardDb(DbContextOptions<PostgresSwitchyardDb> options) : SwitchyardDb(options);

/// <summary>Used by `dotnet ef migrations add … --context SqliteSwitchyardDb`.</summary>
public sealed class SqliteDesignFactory : IDesignTimeDbContextFactory<SqliteSwitchyardDb>
{
    public SqliteSwitchyardDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteSwitchyardDb>().UseSqlite("Data Source=design.db").Options);
}

/// <summary>Used by `dotnet ef migrations add … --context PostgresSwitchyardDb`.</summary>
public sealed class PostgresDesignFactory : IDesignTimeDbContextFactory<PostgresSwitchyardDb>
{
    public PostgresSwitchyardDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresSwitchyardDb>().UseNpgsql("Host=localhost;Database=design").Options);
}
