using System.Net;
using System.Net.Http.Headers;
using Switchyard.Api.Tests.Infrastructure;

namespace Switchyard.Api.Tests.Operations;

/// <summary>
/// OPS-4 and OPS-6 on the real server process: a bad start ends with one clear line and a non-zero exit code; the
/// server reads its configuration from its own folder whichever folder it is started from.
/// </summary>
[Collection("server processes")]
public class StartupTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(240);

    private static string TempFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "switchyard-start-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    public static TheoryData<string, string, string, string> BadStarts => new()
    {
        // name, SWITCHYARD_DB_PROVIDER, SWITCHYARD_DB ({tmp} is a fresh folder), what the line must name
        { "unknown provider", "oracle", "Data Source={tmp}/x.db", "SWITCHYARD_DB_PROVIDER" },
        { "missing folder", "sqlite", "Data Source={tmp}/missing/x.db", "does not exist" },
        { "a folder, not a file", "sqlite", "Data Source={tmp}", "is a folder" },
        { "not a connection string", "sqlite", "Data Sorce={tmp}/x.db", "SWITCHYARD_DB is not a valid connection string" },
        { "server not reachable", "postgres", "Host=127.0.0.1;Port={port};Username=postgres;Timeout=3", "cannot connect to PostgreSQL at 127.0.0.1:" },
    };

    [Theory]
    [MemberData(nameof(BadStarts))]
    [Trait("rule", "OPS-4")]
    public async Task ABadStart_PrintsOneClearLine_AndExitsNonZero_OPS4(string name, string provider, string db, string expected)
    {
        var tmp = TempFolder();
        var settings = new Dictionary<string, string>
        {
            ["SWITCHYARD_DB_PROVIDER"] = provider,
            ["SWITCHYARD_DB"] = db.Replace("{tmp}", tmp, StringComparison.Ordinal)
                .Replace("{port}", ServerProcess.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal),
        };
        await AssertBadStartAsync(name, tmp, settings, expected);
        Assert.Empty(Directory.GetFiles(tmp, "*-shm", SearchOption.AllDirectories));
    }

    [Fact]
    [Trait("rule", "OPS-4")]
    public async Task AnUnknownTimeZone_PrintsOneClearLine_AndExitsNonZero_OPS4()
    {
        var tmp = TempFolder();
        await AssertBadStartAsync("bad time zone", tmp, new Dictionary<string, string>
        {
            ["SWITCHYARD_DB"] = $"Data Source={tmp}/x.db",
            ["SWITCHYARD_TIME_ZONE"] = "Mars/Olympus_Mons",
        }, "SWITCHYARD_TIME_ZONE");
    }

    [Fact]
    [Trait("rule", "OPS-4")]
    public async Task AReadOnlyDatabaseFile_PrintsOneClearLine_AndLeavesNothingThatBlocksTheNextStart_OPS4()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // file modes are a Unix notion
        }
        // Root may write any file: the server runs as an unprivileged user for this test.
        var user = Environment.UserName == "root" ? "nobody" : null;
        var tmp = TempFolder();
        var file = Path.Combine(tmp, "switchyard.db");
        // A real database first (created and migrated by a normal start).
        await using (var first = ServerProcess.Start(tmp, new Dictionary<string, string> { ["SWITCHYARD_DB"] = $"Data Source={file}" }))
        {
            Assert.True(await first.WaitUntilHealthyAsync(StartTimeout), first.Output);
        }
        // The folder stays writable (SQLite could create its -shm file there); the file itself is read-only.
        File.SetUnixFileMode(tmp, (UnixFileMode)Convert.ToInt32("777", 8));
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        if (user is null && IsWritable(file))
        {
            return; // no unprivileged user here and this one may write anything: nothing to prove
        }

        await AssertBadStartAsync("read-only file", tmp, new Dictionary<string, string> { ["SWITCHYARD_DB"] = $"Data Source={file}" }, "read-only", user);
        Assert.False(File.Exists(file + "-shm"), "the failed start left a -shm file");

        // Writable again: the next start works (no left-over file blocks it).
        File.SetUnixFileMode(file, (UnixFileMode)Convert.ToInt32("666", 8));
        await using var again = ServerProcess.Start(tmp, new Dictionary<string, string> { ["SWITCHYARD_DB"] = $"Data Source={file}" }, user);
        Assert.True(await again.WaitUntilHealthyAsync(StartTimeout), again.Output);
        using var client = new HttpClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri(again.Url + "/health/ready"))).StatusCode);
    }

    [Fact]
    [Trait("rule", "OPS-6")]
    [Trait("rule", "SEC-10")]
    public async Task StartedFromAnotherFolder_ReadsItsOwnSettings_AndLogsNoSqlNoUrlsNoSecrets_OPS6()
    {
        var elsewhere = TempFolder();
        await using var server = ServerProcess.Start(elsewhere, new Dictionary<string, string>
        {
            ["SWITCHYARD_DB"] = $"Data Source={Path.Combine(elsewhere, "switchyard.db")}",
            ["SWITCHYARD_OPERATOR_KEY"] = SwitchyardApp.OperatorKey,
        });
        Assert.True(await server.WaitUntilHealthyAsync(StartTimeout), server.Output);
        using var client = new HttpClient { BaseAddress = new Uri(server.Url) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", SwitchyardApp.OperatorKey);
        await (await client.PostJsonAsync("/v1/partners", new { name = "Elsewhere" })).ExpectAsync(HttpStatusCode.Created);
        await (await client.GetAsync(new Uri("/v1/partners", UriKind.Relative))).ExpectAsync(HttpStatusCode.OK);
        await client.GetAsync(new Uri("/console/invitation?token=secret-in-the-url", UriKind.Relative));
        await server.DisposeAsync();

        var serverFolder = Path.GetDirectoryName(ServerProcess.ServerDll)!;
        Assert.Contains($"Content root path: {serverFolder.TrimEnd(Path.DirectorySeparatorChar)}", server.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Executed DbCommand", server.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Request starting", server.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-in-the-url", server.Output, StringComparison.Ordinal);
    }

    private static async Task AssertBadStartAsync(string name, string workingDirectory, Dictionary<string, string> settings, string expected, string? user = null)
    {
        await using var server = ServerProcess.Start(workingDirectory, settings, user);
        var exitCode = await server.WaitForExitAsync(StartTimeout);
        var lines = server.Lines;
        Assert.True(exitCode != 0, $"{name}: exit code 0; output:\n{server.Output}");
        Assert.True(lines.Count == 1, $"{name}: expected one line, got {lines.Count}:\n{server.Output}");
        Assert.StartsWith("Switchyard could not start: ", lines[0], StringComparison.Ordinal);
        Assert.Contains(expected, lines[0], StringComparison.Ordinal);
    }

    private static bool IsWritable(string file)
    {
        try
        {
            using var stream = File.Open(file, FileMode.Open, FileAccess.ReadWrite);
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
