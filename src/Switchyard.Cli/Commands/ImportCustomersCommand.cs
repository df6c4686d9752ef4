using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace Switchyard.Cli.Commands;

/// <summary>`switchyard import-customers FILE`.</summary>
public static class ImportCustomersCommand
{
    public static Command Create(CliContext context)
    {
        var fileArgument = new Argument<FileInfo>("file")
        {
            Description = "CSV file (UTF-8) with a header row naming name, org_id and contact_email, in any order, separated by commas or semicolons",
        };
        var command = new Command("import-customers",
            "Add customers in bulk from a CSV file. Safe to run again: rows already imported are reported as unchanged, never added twice.");
        command.Arguments.Add(fileArgument);
        command.SetAction(context.Safe(async (parse, ct) =>
        {
            var output = context.Output;
            var file = parse.GetValue(fileArgument)!;
            var client = context.Client(parse);
            if (!file.Exists)
            {
                output.Error($"No file {file.FullName}");
                return 2;
            }
            var rows = CustomerImport.Parse(file.FullName, out var problems);
            if (problems.Count > 0)
            {
                foreach (var problem in problems)
                {
                    output.Error(problem);
                }
                output.Error("Nothing was imported: fix the file and run again.");
                return 2;
            }
            var hash = CustomerImport.HashFile(file.FullName);
            var outcomes = new List<RowOutcome>();

            async Task SendAllAsync(Action? step)
            {
                foreach (var row in rows)
                {
                    var outcome = await CustomerImport.SendAsync(client, row, hash, ct);
                    outcomes.Add(outcome);
                    step?.Invoke();
                    if (outcome.AuthorizationFailure)
                    {
                        // Every other row would be refused the same way: say it once.
                        break;
                    }
                }
            }

            if (output.CanShowProgress)
            {
                await output.Console.Progress().StartAsync(async progress =>
                {
                    var task = progress.AddTask("Importing customers", maxValue: rows.Count);
                    await SendAllAsync(() => task.Increment(1));
                });
            }
            else
            {
                await SendAllAsync(null);
            }

            var created = outcomes.Count(o => o.Result == RowResult.Created);
            var unchanged = outcomes.Count(o => o.Result == RowResult.Unchanged);
            var failed = outcomes.Where(o => o.Result == RowResult.Failed).ToList();
            var stopped = outcomes.LastOrDefault() is { AuthorizationFailure: true } refusal ? refusal : null;
            var notSent = rows.Count - outcomes.Count;
            if (output.Json)
            {
                output.WriteJson(new JsonObject
                {
                    ["rows"] = rows.Count,
                    ["created"] = created,
                    ["unchanged"] = unchanged,
                    ["failed"] = failed.Count,
                    ["notSent"] = notSent,
                    ["errors"] = new JsonArray(failed.Select(f => (JsonNode)new JsonObject { ["line"] = f.Line, ["message"] = f.Error }).ToArray()),
                });
            }
            else
            {
                foreach (var failure in failed)
                {
                    output.Error($"line {failure.Line.ToString(CultureInfo.InvariantCulture)}: {failure.Error}");
                }
                if (stopped is not null)
                {
                    output.Error($"Stopped at line {stopped.Line.ToString(CultureInfo.InvariantCulture)}: the server refused this key, so the other {notSent.ToString(CultureInfo.InvariantCulture)} rows were not sent.");
                }
                output.Line(string.Create(CultureInfo.InvariantCulture,
                    $"{created} created, {unchanged} unchanged (already there), {failed.Count} failed{(notSent > 0 ? $", {notSent} not sent" : "")}"));
            }
            return failed.Count == 0 && notSent == 0 ? 0 : 1;
        }));
        return command;
    }
}
