using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Switchyard.Data.Diagnostics;

/// <summary>
/// Counts the database commands EF Core sends (queries, inserts/updates/deletes, raw SQL), by kind of
/// statement. Register one instance as an <see cref="IInterceptor"/> in DI (DataSetup adds every
/// registered interceptor to the context); tests and the benchmark use it to show the cost of a
/// transition per object does not grow with the number of objects (N+1 guard). Thread-safe.
/// </summary>
public sealed class CommandCounter : DbCommandInterceptor
{
    private long _commands;
    private long _reads;
    private long _writes;
    private long _rows;
    private long _leftOut;

    /// <summary>
    /// Contexts whose commands are counted apart, in <see cref="LeftOut"/> (a test separates, say, an outbox
    /// delivery's own reads from the transition it measures). Null counts every command.
    /// </summary>
    public Func<DbContext?, bool>? CountApart { get; set; }

    /// <summary>Commands of contexts <see cref="CountApart"/> picked, since the last reset.</summary>
    public long LeftOut => Interlocked.Read(ref _leftOut);

    /// <summary>Every command sent since the last reset.</summary>
    public long Commands => Interlocked.Read(ref _commands);

    /// <summary>Commands that start with SELECT (or WITH): queries, including FOR UPDATE claims.</summary>
    public long Reads => Interlocked.Read(ref _reads);

    /// <summary>Every other command: INSERT, UPDATE, DELETE (a batched save counts once per command).</summary>
    public long Writes => Interlocked.Read(ref _writes);

    /// <summary>Rows the queries returned (read by EF Core from their data readers) since the last reset.</summary>
    public long RowsRead => Interlocked.Read(ref _rows);

    public void Reset()
    {
        Interlocked.Exchange(ref _rows, 0);
        Interlocked.Exchange(ref _leftOut, 0);
        Interlocked.Exchange(ref _commands, 0);
        Interlocked.Exchange(ref _reads, 0);
        Interlocked.Exchange(ref _writes, 0);
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Count(command, eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Count(command, eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Count(command, eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Count(command, eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Count(command, eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Count(command, eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
    {
        Interlocked.Add(ref _rows, eventData.ReadCount);
        return result;
    }

    private void Count(DbCommand command, DbContext? context)
    {
        if (CountApart?.Invoke(context) == true)
        {
            Interlocked.Increment(ref _leftOut);
            return;
        }
        Interlocked.Increment(ref _commands);
        var text = command.CommandText.AsSpan().TrimStart();
        if (text.StartsWith("SELECT", StringComparison.OrdinalIgnoreCase) || text.StartsWith("WITH", StringComparison.OrdinalIgnoreCase))
        {
            Interlocked.Increment(ref _reads);
        }
        else
        {
            Interlocked.Increment(ref _writes);
        }
    }
}
