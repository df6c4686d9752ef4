using System.CommandLine;
using System.Globalization;
using System.Text;

namespace Switchyard.Cli.Commands;

/// <summary>`switchyard dev generate-legacy`: deterministic test data (no server needed).</summary>
public static class DevCommand
{
    public static Command Create(CliContext context)
    {
        var dev = new Command("dev", "Tools for development, tests and benchmarks; they do not call the server.");
        dev.Subcommands.Add(GenerateLegacy(context));
        return dev;
    }

    private static Command GenerateLegacy(CliContext context)
    {
        var rowsOption = new Option<int>("--rows") { Description = "How many service orders to write", Required = true };
        var seedOption = new Option<int>("--seed") { Description = "The same seed always gives the same file", DefaultValueFactory = _ => 1 };
        var appOption = new Option<string[]>("--app")
        {
            Description = "An app (catalog entry id or exact name) the orders are for; repeat for several (default: Insights)",
            AllowMultipleArgumentsPerToken = true,
        };
        var startOption = new Option<string?>("--from") { Description = "Earliest contract start, YYYY-MM-DD (default 2025-01-01); contracts start within two years of it" };
        var outOption = new Option<FileInfo?>("--out") { Description = "Write to this file instead of the standard output" };
        var command = new Command("generate-legacy",
            "Write a CSV of generated legacy service orders in the import's columns: one contract per customer and app, deterministic for a seed.");
        command.Options.Add(rowsOption);
        command.Options.Add(seedOption);
        command.Options.Add(appOption);
        command.Options.Add(startOption);
        command.Options.Add(outOption);
        command.SetAction(context.Safe(async (parse, ct) =>
        {
            var rows = parse.GetValue(rowsOption);
            if (rows is < 0 or > 100_000_000)
            {
                throw new CliException("--rows is a whole number from 0 to 100,000,000.");
            }
            var apps = parse.GetValue(appOption) is { Length: > 0 } given ? given : ["Insights"];
            var fromText = parse.GetValue(startOption) ?? "2025-01-01";
            if (!DateOnly.TryParseExact(fromText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from))
            {
                throw new CliException("--from is a date as YYYY-MM-DD.");
            }
            var outFile = parse.GetValue(outOption);
            await using var stream = outFile is null ? null : new FileStream(outFile.FullName, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
            var writer = stream is null ? context.Output.Console.Profile.Out.Writer : new StreamWriter(stream, new UTF8Encoding(false), 1 << 16);
            await LegacyGenerator.WriteAsync(writer, rows, parse.GetValue(seedOption), apps, from, ct);
            await writer.FlushAsync(ct);
            if (stream is not null)
            {
                await writer.DisposeAsync();
                context.Output.Error(string.Create(CultureInfo.InvariantCulture, $"Wrote {rows:N0} rows to {outFile!.FullName}"));
            }
            return 0;
        }));
        return command;
    }
}

/// <summary>
/// Generated legacy service orders: row i is customer i / apps for app i % apps, so every customer × app has
/// one contract; values come from a seeded generator, so a seed always gives the same bytes.
/// </summary>
public static class LegacyGenerator
{
    public const string Header = "external_id,customer_org_id,customer_name,app,type,quantity,unit_price,currency,contract_start,contract_end,status,received_at";

    private static readonly string[] Words = ["Acme", "Globex", "Initech", "Umbrella", "Stark", "Wayne", "Wonka", "Tyrell", "Cyberdyne", "Soylent", "Hooli", "Vandelay"];
    private static readonly string[] Kinds = ["Ltd", "GmbH", "Inc", "SA", "BV", "Oy"];

    public static async Task WriteAsync(TextWriter w, int rows, int seed, IReadOnlyList<string> apps, DateOnly from, CancellationToken ct)
    {
        var random = new Random(seed);
        await w.WriteLineAsync(Header);
        var sb = new StringBuilder(256);
        var ic = CultureInfo.InvariantCulture;
        for (var i = 0; i < rows; i++)
        {
            var customer = i / apps.Count;
            var app = apps[i % apps.Count];
            var start = from.AddDays(random.Next(0, 730));
            var end = start.AddMonths(12).AddDays(-1);
            var renewal = random.Next(10) < 2;
            var status = random.Next(20) switch { 0 => "Received", 1 => "Submitted", _ => "Activated" };
            var received = new DateTimeOffset(start.AddDays(-random.Next(1, 30)).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)
                .AddSeconds(random.Next(0, 86_400)).AddTicks(random.Next(0, 1_000_000) * 10L);
            sb.Clear();
            sb.Append("LG-").Append(seed.ToString(ic)).Append('-').Append(i.ToString("D8", ic)).Append(',');
            sb.Append("00D").Append(customer.ToString("D12", ic)).Append(',');
            sb.Append(Words[customer % Words.Length]).Append(' ').Append((customer / Words.Length).ToString(ic)).Append(' ').Append(Kinds[customer % Kinds.Length]).Append(',');
            sb.Append(Cell(app)).Append(',');
            sb.Append(renewal ? "Renewal" : "New").Append(',');
            sb.Append(random.Next(1, 500).ToString(ic)).Append(',');
            sb.Append((random.Next(500, 20_000) / 100m).ToString("0.00", ic)).Append(",USD,");
            sb.Append(start.ToString("yyyy-MM-dd", ic)).Append(',').Append(end.ToString("yyyy-MM-dd", ic)).Append(',');
            sb.Append(status).Append(',');
            sb.Append(received.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", ic));
            await w.WriteLineAsync(sb, ct);
        }
    }

    private static string Cell(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
