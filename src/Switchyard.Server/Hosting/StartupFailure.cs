using Microsoft.Data.Sqlite;
using Npgsql;

namespace Switchyard.Server.Hosting;

/// <summary>A configuration value the server cannot start with; its message names the setting and what is wrong.</summary>
public sealed class ConfigurationProblemException(string message) : Exception(message);

/// <summary>
/// OPS-4, OPS-6: how the server starts and how a start fails. A bad start (bad configuration, a database file or
/// folder that cannot be used, a server that cannot be reached) ends the process with one line naming the problem
/// and exit code 1, never a stack trace; files the failed start created next to a SQLite database are removed.
/// </summary>
public sealed class StartupFailure
{
    public const int ExitCode = 1;

    private string? _sqlitePath;
    private bool _shmExisted;
    private bool _walExisted;

    public IConfiguration? Configuration { get; set; }

    /// <summary>
    /// The content root is the server's own folder (where appsettings.json is published), not the working directory,
    /// unless one is given explicitly (--contentRoot, ASPNETCORE_CONTENTROOT; the test host does).
    /// </summary>
    public static WebApplicationOptions Options(string[] args)
    {
        var explicitRoot = args.Any(a => a.StartsWith("--contentRoot", StringComparison.OrdinalIgnoreCase) || a.StartsWith("/contentRoot", StringComparison.OrdinalIgnoreCase))
            || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ASPNETCORE_CONTENTROOT"))
            || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOTNET_CONTENTROOT"));
        return new WebApplicationOptions { Args = args, ContentRootPath = explicitRoot ? null : AppContext.BaseDirectory };
    }

    /// <summary>Notes which SQLite side files exist before the first connection, so a failed start removes only its own.</summary>
    public void BeforeDatabase()
    {
        if (SqlitePath() is { } path)
        {
            _sqlitePath = path;
            _shmExisted = File.Exists(path + "-shm");
            _walExisted = File.Exists(path + "-wal");
        }
    }

    /// <summary>The one line for a failed start, or null for exceptions that are not a start failure (the test host stopping the program).</summary>
    public string? Describe(Exception exception)
    {
        if (exception is HostAbortedException || exception.GetType().Name == "StopTheHostException")
        {
            return null;
        }
        return "Switchyard could not start: " + Problem(exception).ReplaceLineEndings(" ");
    }

    public int Fail(string line)
    {
        Console.Error.WriteLine(line);
        ReleaseDatabaseFiles();
        if (_sqlitePath is { } path)
        {
            // A failed start leaves nothing that could block the next one.
            foreach (var (file, existed) in new[] { (path + "-wal", _walExisted), (path + "-shm", _shmExisted) })
            {
                try
                {
                    if (!existed && File.Exists(file) && (file.EndsWith("-shm", StringComparison.Ordinal) || new FileInfo(file).Length == 0))
                    {
                        File.Delete(file);
                    }
                }
                catch (IOException)
                {
                }
                catch (UnauthorizedAccessException)
                {
                }
            }
        }
        return ExitCode;
    }

    /// <summary>Closes pooled SQLite connections, so SQLite checkpoints and removes its -wal and -shm files.</summary>
    public static void ReleaseDatabaseFiles() => SqliteConnection.ClearAllPools();

    private string Problem(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case ConfigurationProblemException config:
                    return config.Message;
                case SqliteException sqlite:
                    return SqliteProblem(sqlite);
                case PostgresException pg:
                    return pg.SqlState switch
                    {
                        "3D000" => $"the PostgreSQL database in SWITCHYARD_DB does not exist ({pg.MessageText}); create it first.",
                        "28P01" or "28000" => $"PostgreSQL refused the user or password in SWITCHYARD_DB ({pg.MessageText}).",
                        _ => $"PostgreSQL refused the start-up work: {pg.MessageText} (SQLSTATE {pg.SqlState}).",
                    };
                case NpgsqlException npgsql:
                    return $"cannot connect to PostgreSQL at {PostgresAddress()} (SWITCHYARD_DB): {npgsql.InnerException?.Message ?? npgsql.Message}";
                case ArgumentException argument when argument.StackTrace?.Contains("ConnectionString", StringComparison.Ordinal) == true
                    || argument.Message.Contains("keyword", StringComparison.OrdinalIgnoreCase):
                    return $"SWITCHYARD_DB is not a valid connection string: {argument.Message}";
                case IOException io when io.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase):
                    return $"the address to listen on is already in use ({io.Message}); set ASPNETCORE_URLS or --urls to another port.";
            }
        }
        return $"{exception.GetType().Name}: {exception.Message}";
    }

    private string SqliteProblem(SqliteException sqlite)
    {
        var path = SqlitePath() ?? "(unknown)";
        var folder = Path.GetDirectoryName(path) ?? ".";
        return sqlite.SqliteErrorCode switch
        {
            14 when !Directory.Exists(folder) => $"the folder '{folder}' of the SQLite database (SWITCHYARD_DB) does not exist; create it or point SWITCHYARD_DB elsewhere.",
            14 when Directory.Exists(path) => $"the SQLite database path '{path}' (SWITCHYARD_DB) is a folder, not a file.",
            14 => $"the SQLite database file '{path}' (SWITCHYARD_DB) cannot be opened or created: check that this user may write it and its folder.",
            8 => $"the SQLite database file '{path}' (SWITCHYARD_DB) is read-only: make the file and its folder writable by this user.",
            13 => $"the disk holding the SQLite database '{path}' is full.",
            26 => $"'{path}' (SWITCHYARD_DB) is not a SQLite database.",
            10 => $"the SQLite database '{path}' could not be read or written (I/O error): {sqlite.Message}",
            _ => $"the SQLite database '{path}' failed: {sqlite.Message}",
        };
    }

    private string? SqlitePath()
    {
        var provider = (Configuration?["SWITCHYARD_DB_PROVIDER"] ?? "sqlite").Trim();
        if (!provider.Equals("sqlite", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        try
        {
            var source = new SqliteConnectionStringBuilder(Configuration?["SWITCHYARD_DB"] is { Length: > 0 } db ? db : "Data Source=switchyard.db").DataSource;
            return string.IsNullOrEmpty(source) || source == ":memory:" || source.StartsWith("file:", StringComparison.OrdinalIgnoreCase) ? null : Path.GetFullPath(source);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private string PostgresAddress()
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(Configuration?["SWITCHYARD_DB"]);
            return $"{builder.Host}:{builder.Port}";
        }
        catch (ArgumentException)
        {
            return "(unknown)";
        }
    }
}
