using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;

namespace Switchyard.Api.Tests.Infrastructure;

/// <summary>
/// The built server (Switchyard.Server.dll) run as a real process with <c>dotnet</c>, for tests that
/// kill it (<see cref="Kill"/> sends SIGKILL: no shutdown code runs) and start it again over the same
/// database. Output goes to a log file, kept for diagnosis (see <see cref="Log"/>).
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly object _gate = new();
    private bool _disposed;

    private ServerProcess(Process process, Uri address, string logPath, StreamWriter log)
    {
        _process = process;
        Address = address;
        LogPath = logPath;
        _log = log;
    }

    public Uri Address { get; }

    /// <summary>Where the process's standard output and error are written.</summary>
    public string LogPath { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>The server's build output, next to the test's own (same configuration).</summary>
    public static string ServerDll
    {
        get
        {
            var testDir = AppContext.BaseDirectory;
            var root = new DirectoryInfo(testDir);
            while (root is not null && !File.Exists(Path.Combine(root.FullName, "Switchyard.slnx")))
            {
                root = root.Parent;
            }
            // tests/<project>/bin/<Configuration>/<tfm>/
            var tfm = new DirectoryInfo(testDir).Name;
            var configuration = new DirectoryInfo(testDir).Parent?.Name ?? "Release";
            if (root is not null)
            {
                var built = Path.Combine(root.FullName, "src", "Switchyard.Server", "bin", configuration, tfm, "Switchyard.Server.dll");
                if (File.Exists(built))
                {
                    return built;
                }
            }
            return Path.Combine(testDir, "Switchyard.Server.dll");
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// Starts the server over <paramref name="database"/> with the manual clock and the test operator key,
    /// plus <paramref name="settings"/>, and waits until /health answers.
    /// </summary>
    public static async Task<ServerProcess> StartAsync(TestDatabase database, IDictionary<string, string?>? settings = null, TimeSpan? timeout = null)
    {
        var port = FreePort();
        var address = new Uri($"http://127.0.0.1:{port}");
        var dll = ServerDll;
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        var env = new Dictionary<string, string?>
        {
            ["ASPNETCORE_URLS"] = address.ToString().TrimEnd('/'),
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["SWITCHYARD_DB_PROVIDER"] = database.Provider,
            ["SWITCHYARD_DB"] = database.ConnectionString,
            ["SWITCHYARD_OPERATOR_KEY"] = SwitchyardApp.OperatorKey,
            ["SWITCHYARD_CLOCK"] = "manual",
            ["SWITCHYARD_CLOCK_START"] = SwitchyardApp.ClockStart.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["SWITCHYARD_RATE_LIMIT_PER_MINUTE"] = "100000",
            ["SWITCHYARD_MAIL_PICKUP"] = Path.Combine(Path.GetTempPath(), "switchyard-test-mail", Guid.NewGuid().ToString("N")),
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Switchyard"] = "Information",
            ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            env[key] = value;
        }
        foreach (var (key, value) in env)
        {
            info.Environment[key] = value;
        }
        var logPath = Path.Combine(Path.GetTempPath(), $"switchyard-process-{port}-{Guid.NewGuid():N}.log");
        var log = new StreamWriter(logPath, append: false, Encoding.UTF8) { AutoFlush = true };
        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
        var server = new ServerProcess(process, address, logPath, log);
        process.OutputDataReceived += (_, e) => server.Write(e.Data);
        process.ErrorDataReceived += (_, e) => server.Write(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await server.WaitHealthyAsync(timeout ?? TimeSpan.FromSeconds(90));
        return server;
    }

    private void Write(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_gate)
        {
            _log.WriteLine(line);
        }
    }

    private async Task WaitHealthyAsync(TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The server exited with {_process.ExitCode} during start-up:\n{Log()}");
            }
            try
            {
                using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"The server did not answer /health within {timeout}:\n{Log()}");
    }

    /// <summary>A client with an API key (the operator's by default), no redirects, a generous timeout.</summary>
    public HttpClient Client(string? key = null)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Address, Timeout = TimeSpan.FromMinutes(5) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key ?? SwitchyardApp.OperatorKey);
        return client;
    }

    /// <summary>kill -9: the process ends at once, in the middle of whatever it was doing.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        _process.WaitForExit(30_000);
    }

    /// <summary>The process's output so far.</summary>
    public string Log()
    {
        lock (_gate)
        {
            _log.Flush();
            using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
    }

    public ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return ValueTask.CompletedTask;
        }
        _disposed = true;
        Kill();
        _process.Dispose();
        lock (_gate)
        {
            _log.Dispose();
        }
        return ValueTask.CompletedTask;
    }
}
