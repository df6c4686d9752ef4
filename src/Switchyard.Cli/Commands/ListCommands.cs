using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace Switchyard.Cli.Commands;

/// <summary>The list commands: partners, customers, offers, orders. Names instead of customer ids; money formatted.</summary>
public static class ListCommands
{
    public static Command Partners(CliContext context) =>
        List(context, "partners", "/v1/partners", "Partners of the marketplace (operator key)", "applied, approved or rejected", false,
            _ => CliOutput.Table(["id", "name", "status"], wrapping: ["name"]),
            (output, _, item) => [output.Id(Str(item, "id")), Str(item, "name"), Str(item, "status")]);

    public static Command Customers(CliContext context) =>
        List(context, "customers", "/v1/customers", "Your customers (an operator key sees every partner's)", null, false,
            _ => CliOutput.Table(["id", "name", "org id", "contact"], wrapping: ["name", "contact"]),
            (output, _, item) => [output.Id(Str(item, "id")), Str(item, "name"), Str(item, "orgId"), Str(item, "contactEmail")]);

    public static Command Offers(CliContext context) =>
        List(context, "offers", "/v1/offers", "Your offers (an operator key sees every partner's)", "draft, sent, accepted, rejected, error or expired", true,
            _ => CliOutput.Table(["id", "type", "status", "customer", "subtotal"], wrapping: ["customer"], money: ["subtotal"]),
            (output, names, item) =>
            [
                output.Id(Str(item, "id")), Str(item, "type") == "addOn" ? "add-on" : Str(item, "type"), Str(item, "status"),
                CustomerName(names, item), CliFormat.Money(item["subtotal"], Str(item, "currency")),
            ]);

    public static Command Orders(CliContext context) =>
        List(context, "orders", "/v1/orders", "Your orders (an operator key sees every partner's)", "new, processing, activated, expired or error", true,
            _ => CliOutput.Table(["id", "status", "customer", "start", "subtotal"], wrapping: ["customer"], money: ["subtotal"]),
            (output, names, item) =>
            [
                output.Id(Str(item, "id")), Str(item, "status"), CustomerName(names, item), Str(item, "startDate"),
                CliFormat.Money(item["subtotal"], Str(item, "currency")),
            ]);

    private static string Str(JsonNode item, string name) => CliFormat.Text(item, name);

    private static string CustomerName(IReadOnlyDictionary<string, string> names, JsonNode item) =>
        names.TryGetValue(Str(item, "customerId"), out var name) ? name : Str(item, "customerId");

    private static Command List(CliContext context, string name, string path, string description, string? statuses, bool needsNames,
        Func<CliOutput, Table> makeTable,
        Func<CliOutput, IReadOnlyDictionary<string, string>, JsonNode, string[]> row)
    {
        var statusOption = new Option<string?>("--status") { Description = statuses is null ? "Only this status" : $"Only this status: {statuses}" };
        var command = new Command(name, description);
        if (statuses is not null)
        {
            command.Options.Add(statusOption);
        }
        command.SetAction(context.Safe(async (parse, ct) =>
        {
            var client = context.Client(parse);
            var output = context.Output;
            var status = statuses is null ? null : parse.GetValue(statusOption);
            var query = status is null ? path : $"{path}?status={Uri.EscapeDataString(status)}";
            var items = await client.ListAllAsync(query, ct);
            if (output.Json)
            {
                output.WriteJson(new JsonArray(items.Select(i => i.DeepClone()).ToArray()));
                return 0;
            }
            var names = needsNames && items.Count > 0 ? await CustomerNamesAsync(client, ct) : new Dictionary<string, string>();
            var table = makeTable(output);
            foreach (var item in items)
            {
                CliOutput.AddRow(table, row(output, names, item));
            }
            output.Write(table);
            if (items.Count == 0)
            {
                output.Line(status is null ? $"No {name} yet." : $"No {name} with status {status}.");
            }
            return 0;
        }));
        return command;
    }

    /// <summary>Customer names by id, read once per command (one list request per 500 customers), so rows name people, not ids.</summary>
    private static async Task<IReadOnlyDictionary<string, string>> CustomerNamesAsync(SwitchyardClient client, CancellationToken ct)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            foreach (var customer in await client.ListAllAsync("/v1/customers", ct))
            {
                names[CliFormat.Text(customer, "id")] = CliFormat.Text(customer, "name");
            }
        }
        catch (CliException)
        {
            // A key that may list offers but not customers still gets its table, with ids where names would be.
        }
        return names;
    }
}
