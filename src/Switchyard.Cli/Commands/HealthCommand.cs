using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace Switchyard.Cli.Commands;

/// <summary>`switchyard health`.</summary>
public static class HealthCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("health", "Check that the server and its database answer (exit code 1 when not)");
        command.SetAction(context.Safe(async (parse, ct) =>
        {
            var client = context.Client(parse);
            var result = await client.GetAsync("/health", ct);
            if (context.Output.Json)
            {
                context.Output.WriteJson(result.Body);
            }
            else
            {
                context.Output.Line(string.Create(CultureInfo.InvariantCulture, $"{(result.IsSuccess ? "healthy" : "unhealthy")} ({result.Status})"));
            }
            return result.IsSuccess ? 0 : 1;
        }));
        return command;
    }
}
