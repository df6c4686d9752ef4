using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Switchyard.Data;

/// <summary>
/// OPS-3: SQLite under concurrent requests and workers. Every connection waits for a busy database (busy_timeout)
/// instead of failing at once, and every transaction begins IMMEDIATE: it takes the write lock up front, while it
/// can still wait for it. A deferred transaction that reads first and writes later cannot wait in WAL mode when
/// another writer committed in between (its snapshot is stale): it fails at once with "database is locked".
/// </summary>
public sealed class SqliteConcurrency : DbTransactionInterceptor, IDbConnectionInterceptor
{
    /// <summary>How long a statement waits for another writer before giving up.</summary>
    public static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(30);

    private static readonly string BusyPragma = $"PRAGMA busy_timeout = {(int)BusyTimeout.TotalMilliseconds};";

    public override InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData,
        InterceptionResult<DbTransaction> result) =>
        connection is SqliteConnection sqlite
            ? InterceptionResult<DbTransaction>.SuppressWithResult(sqlite.BeginTransaction(eventData.IsolationLevel, deferred: false))
            : result;

    public override ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection, TransactionStartingEventData eventData,
        InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(TransactionStarting(connection, eventData, result));

    public void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => SetBusyTimeout(connection);

    public Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        SetBusyTimeout(connection);
        return Task.CompletedTask;
    }

    private static void SetBusyTimeout(DbConnection connection)
    {
        if (connection is SqliteConnection { State: ConnectionState.Open } sqlite)
        {
            using var command = sqlite.CreateCommand();
            command.CommandText = BusyPragma;
            command.ExecuteNonQuery();
        }
    }
}
