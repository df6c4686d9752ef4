using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Spectre.Console;
using Switchyard.Cli.Commands;

namespace Switchyard.Cli;

/// <summary>Where the CLI writes and how it reaches the server; tests pass their own (an in-memory server, captured output).</summary>
public sealed record CliHost(IAnsiConsole Console, TextWriter Error, Func<Uri, HttpClient> Http)
{
    public static CliHost Default() => new(AnsiConsole.Console, System.Console.Error,
        url => new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(100) });
}

/// <summary>The `switchyard` command tree (UX-8). Commands print tables for people and `--json` for scripts.</summary>
public static class CliApp
{
    public static Task<int> RunAsync(string[] args, CliHost host, CancellationToken ct = default) =>
        Build(host).Parse(args).InvokeAsync(new InvocationConfiguration { Output = host.Console.Profile.Out.Writer, Error = host.Error }, ct);

    public static RootCommand Build(CliHost host)
    {
        var output = new CliOutput(host.Console, host.Error);
        var urlOption = new Option<string>("--url")
        {
            Description = "Server address (or SWITCHYARD_URL)",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("SWITCHYARD_URL") ?? "http://localhost:5080",
            Recursive = true,
        };
        var keyOption = new Option<string?>("--key")
        {
            Description = "API key (or SWITCHYARD_KEY)",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("SWITCHYARD_KEY"),
            Recursive = true,
        };
        var jsonOption = new Option<bool>("--json")
        {
            Description = "Print the API's JSON instead of a table (lists: one array of every item)",
            Recursive = true,
        };
        var wideOption = new Option<bool>("--wide")
        {
            Description = "Show full ids (tables may then be wider than 80 columns)",
            Recursive = true,
        };

        var root = new RootCommand("switchyard: command-line client of the Switchyard API. Run 'switchyard <command> --help' for a command's options.");
        root.Options.Add(urlOption);
        root.Options.Add(keyOption);
        root.Options.Add(jsonOption);
        root.Options.Add(wideOption);

        var context = new CliContext(output, parse =>
        {
            output.Json = parse.GetValue(jsonOption);
            output.Wide = parse.GetValue(wideOption);
            var url = parse.GetValue(urlOption)!;
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
            {
                throw new CliException($"'{url}' is not a server address; give one like http://localhost:5080 with --url or SWITCHYARD_URL.");
            }
            return SwitchyardClient.Create(host.Http(uri), parse.GetValue(keyOption));
        });

        root.Subcommands.Add(HealthCommand.Create(context));
        root.Subcommands.Add(ListCommands.Partners(context));
        var customers = ListCommands.Customers(context);
        customers.Subcommands.Add(CustomersImportCommand.Create(context));
        root.Subcommands.Add(customers);
        root.Subcommands.Add(ListCommands.Offers(context));
        root.Subcommands.Add(ListCommands.Orders(context));
        root.Subcommands.Add(CustomersImportCommand.Create(context, "import-customers"));
        root.Subcommands.Add(PlanMigrationsCommand.Create(context));
        root.Subcommands.Add(ClockCommand.Create(context));
        root.Subcommands.Add(LegacyCommand.Create(context));
        root.Subcommands.Add(MigrationsCommand.Create(context));
        root.Subcommands.Add(DevCommand.Create(context));
        return root;
    }
}

/// <summary>What a command needs: the output and a client for the parsed --url/--key (which also applies --json and --wide).</summary>
public sealed class CliContext(CliOutput output, Func<ParseResult, SwitchyardClient> client)
{
    public CliOutput Output { get; } = output;

    public SwitchyardClient Client(ParseResult parse) => client(parse);

    /// <summary>
    /// Runs a command's action: expected failures (a refused request, an unreachable server) print one clear line
    /// on the error stream and exit 1, never a stack trace.
    /// </summary>
    public Func<ParseResult, CancellationToken, Task<int>> Safe(Func<ParseResult, CancellationToken, Task<int>> action) => async (parse, ct) =>
    {
        try
        {
            return await action(parse, ct);
        }
        catch (CliException ex)
        {
            Output.Error(ex.Message);
            return 1;
        }
        catch (HttpRequestException ex)
        {
            Output.Error($"Cannot reach the server: {ex.Message}");
            return 1;
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            Output.Error("The server did not answer in time.");
            return 1;
        }
    };
}
