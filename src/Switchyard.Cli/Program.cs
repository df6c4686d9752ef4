using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Switchyard.Cli;
using Switchyard.Cli.Commands;

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

SwitchyardClient ClientFor(ParseResult parse) =>
    SwitchyardClient.Create(new Uri(parse.GetValue(urlOption)!), parse.GetValue(keyOption));

var root = new RootCommand("switchyard: command-line client of the Switchyard API");
root.Options.Add(urlOption);
root.Options.Add(keyOption);

var health = new Command("health", "Check that the server and its database answer");
health.SetAction(Safe(async (parse, ct) =>
{
    var result = await ClientFor(parse).GetAsync("/health", ct);
    AnsiConsole.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"{(result.IsSuccess ? "[green]healthy[/]" : "[red]unhealthy[/]")} ({result.Status})"));
    return result.IsSuccess ? 0 : 1;
}));
root.Subcommands.Add(health);

root.Subcommands.Add(ListCommand("partners", "/v1/partners", "Partners (operator key)", ["id", "name", "status"]));
root.Subcommands.Add(ListCommand("offers", "/v1/offers", "Your offers", ["id", "type", "status", "customerId", "subtotal", "currency"]));
root.Subcommands.Add(ListCommand("orders", "/v1/orders", "Your orders", ["id", "status", "startDate", "endDate", "subtotal", "currency"]));
root.Subcommands.Add(ListCommand("customers", "/v1/customers", "Your customers", ["id", "name", "orgId", "contactEmail"]));

var fileArgument = new Argument<FileInfo>("file") { Description = "CSV with a header: name, org_id, contact_email" };
var importCustomers = new Command("import-customers", "Add customers in bulk from a CSV file (safe to run again)");
importCustomers.Arguments.Add(fileArgument);
importCustomers.SetAction(Safe(async (parse, ct) =>
{
    var file = parse.GetValue(fileArgument)!;
    if (!file.Exists)
    {
        AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[red]No file {file.FullName}[/]");
        return 2;
    }
    var rows = CustomerImport.Parse(file.FullName, out var problems);
    if (problems.Count > 0)
    {
        foreach (var problem in problems)
        {
            AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[red]{problem}[/]");
        }
        AnsiConsole.MarkupLine("[red]Nothing was imported: fix the file and run again.[/]");
        return 2;
    }
    var client = ClientFor(parse);
    var hash = CustomerImport.HashFile(file.FullName);
    var outcomes = new List<RowOutcome>();
    await AnsiConsole.Progress().StartAsync(async progress =>
    {
        var task = progress.AddTask("Importing customers", maxValue: rows.Count);
        foreach (var row in rows)
        {
            outcomes.Add(await CustomerImport.SendAsync(client, row, hash, ct));
            task.Increment(1);
        }
    });
    foreach (var failed in outcomes.Where(o => o.Error is not null))
    {
        AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[red]line {failed.Line}: {failed.Error}[/]");
    }
    var errors = outcomes.Count(o => o.Error is not null);
    AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"{outcomes.Count(o => o.Created)} created, {outcomes.Count - errors} ok, {errors} failed");
    return errors == 0 ? 0 : 1;
}));
root.Subcommands.Add(importCustomers);

var instantArgument = new Argument<DateTimeOffset>("instant") { Description = "ISO-8601 instant, e.g. 2027-02-01T00:00:00Z" };
var clock = new Command("clock", "Move the manual clock forward and run due transitions (SWITCHYARD_CLOCK=manual)");
clock.Arguments.Add(instantArgument);
clock.SetAction(Safe(async (parse, ct) =>
{
    var result = await ClientFor(parse).PostAsync("/v1/operator/clock", new { now = parse.GetValue(instantArgument) }, null, ct);
    AnsiConsole.WriteLine(result.IsSuccess ? result.Body!.ToJsonString() : result.Describe());
    return result.IsSuccess ? 0 : 1;
}));
root.Subcommands.Add(clock);

return await root.Parse(args).InvokeAsync();

// Expected failures (a refused request, an unreachable server) print one clear line, not a stack trace.
static Func<ParseResult, CancellationToken, Task<int>> Safe(Func<ParseResult, CancellationToken, Task<int>> action) => async (parse, ct) =>
{
    try
    {
        return await action(parse, ct);
    }
    catch (CliException ex)
    {
        AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[red]{ex.Message}[/]");
        return 1;
    }
    catch (HttpRequestException ex)
    {
        AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[red]Cannot reach the server: {ex.Message}[/]");
        return 1;
    }
};

Command ListCommand(string name, string path, string description, string[] columns)
{
    var statusOption = new Option<string?>("--status") { Description = "Only this status" };
    var command = new Command(name, description);
    command.Options.Add(statusOption);
    command.SetAction(Safe(async (parse, ct) =>
    {
        var status = parse.GetValue(statusOption);
        var table = new Table();
        foreach (var column in columns)
        {
            table.AddColumn(column);
        }
        var query = status is null ? path : $"{path}?status={Uri.EscapeDataString(status)}";
        await foreach (var item in ClientFor(parse).ListAsync(query, ct))
        {
            table.AddRow(columns.Select(c => Markup.Escape(item[c]?.ToString() ?? "")).ToArray());
        }
        AnsiConsole.Write(table);
        return 0;
    }));
    return command;
}
