using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Switchyard.Data;

/// <summary>Recognises database errors that mean "someone else got there first" on either provider.</summary>
public static class DbErrors
{
    /// <summary>A unique index refused the row: a concurrent request created the same thing.</summary>
    public static bool IsUniqueViolation(DbUpdateException exception) => exception.InnerException switch
    {
        PostgresException pg => pg.SqlState == PostgresErrorCodes.UniqueViolation,
        // SQLITE_CONSTRAINT (19) with the UNIQUE or PRIMARY KEY extended code.
        SqliteException sqlite => sqlite.SqliteErrorCode == 19 && sqlite.SqliteExtendedErrorCode is 2067 or 1555,
        _ => false,
    };
}
