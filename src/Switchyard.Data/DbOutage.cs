using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Switchyard.Data;

/// <summary>
/// OPS-4: recognises database errors that mean "the database is unavailable or full right now" (as opposed to a
/// bug or a refused input), on either provider. Such a request answers 503 with Retry-After, not 500.
/// </summary>
public static class DbOutage
{
    /// <summary>A short description of the outage when <paramref name="exception"/> (or one of its inner exceptions) is one, else null.</summary>
    public static string? Describe(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case SqliteException sqlite:
                    return sqlite.SqliteErrorCode switch
                    {
                        5 or 6 => "the database is busy",
                        8 => "the database file is read-only",
                        10 => "the database file could not be read or written (I/O error)",
                        13 => "the disk holding the database is full",
                        14 => "the database file cannot be opened",
                        _ => null,
                    };
                case PostgresException pg:
                    return pg.SqlState switch
                    {
                        PostgresErrorCodes.DiskFull or PostgresErrorCodes.InsufficientResources or PostgresErrorCodes.OutOfMemory
                            or PostgresErrorCodes.TooManyConnections or PostgresErrorCodes.ConfigurationLimitExceeded => "the database server is out of resources",
                        PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow
                            => "the database server is shutting down or starting",
                        PostgresErrorCodes.ReadOnlySqlTransaction => "the database is read-only",
                        { } state when state.StartsWith("08", StringComparison.Ordinal) => "the connection to the database failed",
                        _ => null,
                    };
                case NpgsqlException npgsql when npgsql.InnerException is SocketException or IOException or TimeoutException or EndOfStreamException
                    || npgsql.IsTransient:
                    return "the database server cannot be reached";
            }
        }
        return null;
    }
}
