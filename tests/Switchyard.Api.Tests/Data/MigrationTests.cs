using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Switchyard.Api.Tests.Infrastructure;
using Switchyard.Data;

namespace Switchyard.Api.Tests.Data;

/// <summary>
/// The migrations of the configured provider (SWITCHYARD_TEST_PROVIDER) build the current model on an
/// empty database, and the model holds no binary floating point (money is never a float).
/// </summary>
public sealed class MigrationTests : IAsyncLifetime
{
    private TestDatabase? _database;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    private SwitchyardDb Create()
    {
        var database = _database!;
        return database.Provider == "postgres"
            ? new PostgresSwitchyardDb(new DbContextOptionsBuilder<PostgresSwitchyardDb>().UseNpgsql(database.ConnectionString).Options)
            : new SqliteSwitchyardDb(new DbContextOptionsBuilder<SqliteSwitchyardDb>().UseSqlite(database.ConnectionString).Options);
    }

    [Fact]
    public async Task EveryMigration_AppliesToAnEmptyDatabase_AndLeavesNoPendingModelChanges()
    {
        await using var db = Create();
        var all = db.Database.GetMigrations().ToList();
        Assert.NotEmpty(all);
        Assert.Equal(all, await db.Database.GetPendingMigrationsAsync());

        await db.Database.MigrateAsync();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(all, await db.Database.GetAppliedMigrationsAsync());
        Assert.False(db.Database.HasPendingModelChanges(),
            "The model differs from the last migration's snapshot: add a migration with scripts/migrations-add.");

        // The schema works: every table of the model can be queried.
        Assert.Equal(0, await db.Products.CountAsync());
        Assert.Equal(0, await db.AuditEntries.CountAsync());
        Assert.Equal(0, await db.IdempotencyRecords.CountAsync());

        // Applying again is a no-op (start-up runs it on every boot).
        await db.Database.MigrateAsync();
        Assert.Equal(all, await db.Database.GetAppliedMigrationsAsync());
    }

    [Fact]
    public void Model_HasNoFloatingPointColumns_MoneyIsNeverReal()
    {
        using var db = Create();
        var offenders = new List<string>();
        foreach (var entity in db.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
            {
                var clr = Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType;
                var provider = property.GetTypeMapping().Converter?.ProviderClrType ?? clr;
                provider = Nullable.GetUnderlyingType(provider) ?? provider;
                var column = property.GetColumnType().ToLowerInvariant();
                if (clr == typeof(float) || clr == typeof(double) || provider == typeof(float) || provider == typeof(double)
                    || column.Contains("real", StringComparison.Ordinal) || column.Contains("double", StringComparison.Ordinal)
                    || column.Contains("float", StringComparison.Ordinal))
                {
                    offenders.Add($"{entity.ClrType.Name}.{property.Name} ({clr.Name} as {column})");
                }
                // A decimal would be stored as TEXT on SQLite (unsortable, unsummable): money goes in integer minor units.
                if (provider == typeof(decimal) && db.Database.IsSqlite())
                {
                    offenders.Add($"{entity.ClrType.Name}.{property.Name} (decimal on SQLite as {column})");
                }
            }
        }
        Assert.True(offenders.Count == 0, "Floating-point or SQLite-decimal columns: " + string.Join(", ", offenders));
        Assert.Contains(db.Model.GetEntityTypes(), e => e.ClrType.Name == "Product");
    }

    [Fact]
    public void Migrations_BelongToTheirProvider()
    {
        using var db = Create();
        var migrations = db.GetService<IMigrationsAssembly>().Migrations;
        Assert.NotEmpty(migrations);
        var folder = db.Database.IsSqlite() ? ".Migrations.Sqlite" : ".Migrations.Postgres";
        Assert.All(migrations.Values, type => Assert.Contains(folder, type.Namespace, StringComparison.Ordinal));
    }
}
