using Npgsql;

namespace Switchyard.Api.Tests.Infrastructure;

/// <summary>
/// A fresh, empty database per test class on the provider chosen by SWITCHYARD_TEST_PROVIDER
/// (sqlite by default; postgres needs SWITCHYARD_TEST_POSTGRES, which scripts/test sets).
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? _sqlitePath;
    private readonly string? _postgresAdmin;
    private readonly string? _postgresName;

    private TestDatabase(string provider, string connectionString, string? sqlitePath, string? postgresAdmin, string? postgresName)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _sqlitePath = sqlitePath;
        _postgresAdmin = postgresAdmin;
        _postgresName = postgresName;
    }

    public string Provider { get; }
    public string ConnectionString { get; }

    public static string ConfiguredProvider =>
        (Environment.GetEnvironmentVariable("SWITCHYARD_TEST_PROVIDER") ?? "sqlite").Trim().ToLowerInvariant();

    public static async Task<TestDatabase> CreateAsync()
    {
        if (ConfiguredProvider == "postgres")
        {
            var admin = Environment.GetEnvironmentVariable("SWITCHYARD_TEST_POSTGRES")
                ?? throw new InvalidOperationException("SWITCHYARD_TEST_PROVIDER=postgres needs SWITCHYARD_TEST_POSTGRES (a connection string to a server where databases can be created); scripts/test sets it.");
            var name = "sy_test_" + Guid.NewGuid().ToString("N");
            await using (var connection = new NpgsqlConnection(admin))
            {
                await connection.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
                await create.ExecuteNonQueryAsync();
            }
            var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
            return new TestDatabase("postgres", builder.ConnectionString, null, admin, name);
        }
        var path = Path.Combine(Path.GetTempPath(), "switchyard-test-" + Guid.NewGuid().ToString("N") + ".db");
        return new TestDatabase("sqlite", $"Data Source={path}", path, null, null);
    }

    /// <summary>One number from SQL run straight on the database (e.g. progress counts while a server process works).</summary>
    public async Task<long> ScalarAsync(string sql)
    {
        System.Data.Common.DbConnection connection = Provider == "postgres"
            ? new NpgsqlConnection(ConnectionString)
            : new Microsoft.Data.Sqlite.SqliteConnection(ConnectionString);
        await using (connection)
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_sqlitePath is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var file in new[] { _sqlitePath, _sqlitePath + "-wal", _sqlitePath + "-shm" })
            {
                File.Delete(file);
            }
        }
        if (_postgresAdmin is not null && _postgresName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_postgresAdmin);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresName}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
