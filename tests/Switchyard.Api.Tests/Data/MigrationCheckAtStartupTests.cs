using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Api.Tests.Infrastructure;

namespace Switchyard.Api.Tests.Data;

/// <summary>Every command the server's contexts run, as text.</summary>
public sealed class CommandRecorder : DbCommandInterceptor
{
    public ConcurrentQueue<string> Commands { get; } = new();

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Commands.Enqueue(command.CommandText);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Commands.Enqueue(command.CommandText);
        return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Commands.Enqueue(command.CommandText);
        return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
    }
}

/// <summary>The in-process server over a given database, recording the commands it runs.</summary>
public sealed class RecordingApp(TestDatabase database) : SwitchyardApp(database)
{
    public CommandRecorder Recorder { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(s => s.AddSingleton<IInterceptor>(Recorder));
    }
}

/// <summary>
/// Start-up on an existing database (issue 12): the schema check reads the migrations history and nothing else
/// when no migration is pending, while an empty database still gets every migration (MigrationTests).
/// </summary>
public sealed class MigrationCheckAtStartupTests
{
    [Fact]
    public async Task StartOnAnUpToDateDatabase_ReadsTheMigrationsHistory_AndTakesNoMigrationLock()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var first = new RecordingApp(database))
        {
            await first.InitializeAsync();
            // The first start creates the schema: the recorder sees the migrations' DDL (it can tell them apart).
            Assert.Contains(first.Recorder.Commands, c => c.Contains("CREATE TABLE", StringComparison.OrdinalIgnoreCase));
        }

        await using var second = new RecordingApp(database);
        await second.InitializeAsync();
        var commands = second.Recorder.Commands.ToList();
        Assert.Contains(commands, c => c.Contains("__EFMigrationsHistory", StringComparison.Ordinal));
        Assert.DoesNotContain(commands, c => c.Contains("__EFMigrationsLock", StringComparison.Ordinal));
        Assert.DoesNotContain(commands, c => c.Contains("CREATE TABLE", StringComparison.OrdinalIgnoreCase));

        // And it serves.
        var ready = await second.Anonymous().GetAsync("/health/ready");
        Assert.Equal(System.Net.HttpStatusCode.OK, ready.StatusCode);
        await using var scope = second.DbScope(out var db);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }
}
