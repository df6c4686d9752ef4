using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace Switchyard.Cli.Commands;

/// <summary>`switchyard clock [INSTANT]`: read or move the manual clock.</summary>
public static class ClockCommand
{
    private const string NotManual =
        "The server is not in manual-clock mode, so its clock follows real time and cannot be moved. " +
        "Start the server with SWITCHYARD_CLOCK=manual to move it (for demos and tests).";

    public static Command Create(CliContext context)
    {
        var instantArgument = new Argument<string?>("instant")
        {
            Description = "Where to move the clock: a date (2027-02-01, midnight UTC) or an ISO-8601 instant (2027-02-01T09:00:00Z). Omit it to show the clock.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var command = new Command("clock",
            "Show the server's manual clock, or move it forward and run every transition due by then (orders activating, offers expiring). " +
            "Needs an operator key and a server started with SWITCHYARD_CLOCK=manual.");
        command.Arguments.Add(instantArgument);
        command.SetAction(context.Safe(async (parse, ct) =>
        {
            var output = context.Output;
            var client = context.Client(parse);
            var text = parse.GetValue(instantArgument);
            ApiResult result;
            if (text is null)
            {
                result = await client.GetAsync("/v1/operator/clock", ct);
            }
            else if (ParseInstant(text) is { } instant)
            {
                result = await client.PostAsync("/v1/operator/clock", new { now = instant }, null, ct);
            }
            else
            {
                output.Error($"'{text}' is not a date or an instant: write 2027-02-01 or 2027-02-01T09:00:00Z.");
                return 2;
            }
            if (result.Status == 404)
            {
                output.Error(NotManual);
                return 1;
            }
            result.EnsureSuccess();
            if (output.Json)
            {
                output.WriteJson(result.Body);
                return 0;
            }
            var now = result.Body!["now"]!.GetValue<DateTimeOffset>();
            output.Line($"{(text is null ? "The server's clock is at" : "The server's clock is now")} {CliFormat.Instant(now)} " +
                $"({CliFormat.Text(result.Body, "today")} in the marketplace's time zone, {CliFormat.Text(result.Body, "timeZone")}).");
            if (text is not null)
            {
                var applied = (result.Body["applied"] as JsonObject ?? [])
                    .Where(a => a.Value is JsonValue v && v.TryGetValue<int>(out var n) && n > 0 && Describe(a.Key) is not null)
                    .Select(a => $"{a.Value!.GetValue<int>().ToString(CultureInfo.InvariantCulture)} {Describe(a.Key)}")
                    .ToList();
                output.Line(applied.Count == 0 ? "Nothing was due." : "Done: " + string.Join(", ", applied) + ".");
            }
            return 0;
        }));
        return command;
    }

    /// <summary>A date means midnight UTC; an instant without an offset is read as UTC.</summary>
    public static DateTimeOffset? ParseInstant(string text)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        }
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant)
            ? instant
            : null;
    }

    /// <summary>The work a transition did, in words; housekeeping (expired keys, throttles) is not worth a line.</summary>
    private static string? Describe(string transition) => transition switch
    {
        "orders.processing" => "orders started processing",
        "orders.activation" => "orders activated",
        "orders.expiry" => "orders expired",
        "offers.expiry" => "offers expired",
        "idempotency.expiry" or "signInThrottle.expiry" => null,
        _ => transition,
    };
}
