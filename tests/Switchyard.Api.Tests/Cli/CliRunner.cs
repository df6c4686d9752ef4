using Spectre.Console;
using Switchyard.Api.Tests.Infrastructure;
using Switchyard.Cli;

namespace Switchyard.Api.Tests.Cli;

/// <summary>What one `switchyard` run printed and returned.</summary>
public sealed record CliRun(int Exit, string Out, string Error)
{
    public IEnumerable<string> Lines => Out.Split('\n').Select(l => l.TrimEnd('\r'));

    public override string ToString() => $"exit {Exit}\n--- out ---\n{Out}\n--- error ---\n{Error}";
}

/// <summary>Runs the real command tree against the test server, on an 80-column, non-interactive console.</summary>
public static class CliRunner
{
    public static async Task<CliRun> RunAsync(SwitchyardApp app, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 80;
        var host = new CliHost(console, error, _ => app.CreateClient());
        var exit = await CliApp.RunAsync(args, host);
        return new CliRun(exit, output.ToString(), error.ToString());
    }

    public static Task<CliRun> RunAsync(SwitchyardApp app, string key, params string[] args) =>
        RunAsync(app, [.. args, "--key", key]);
}
