using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
using Switchyard.Data.Diagnostics;
using Switchyard.Server.Hosting;

namespace Switchyard.Bench.Requests;

/// <summary>
/// The request-path benchmark: Switchyard (the real server on Kestrel: auth, rate limiter, input guard,
/// idempotency, validation, EF Core) against <see cref="BaselineApp"/> on the same database, in
/// alternating rounds of the same length with the same closed-loop clients, so both see the same machine
/// load. Also measures whether `POST /v1/offers` costs more for a customer with a long order history.
/// </summary>
internal static class RequestsBench
{
    private const string OperatorKey = "sy_bench_operator_key_0123456789abcdef";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<int> RunAsync(string[] args)
    {
        string Arg(string name, string fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }
        var provider = Arg("--provider", "sqlite");
        var postgres = Arg("--postgres", Environment.GetEnvironmentVariable("SWITCHYARD_BENCH_POSTGRES") ?? "");
        var clients = int.Parse(Arg("--clients", "8"), CultureInfo.InvariantCulture);
        var rounds = int.Parse(Arg("--rounds", "3"), CultureInfo.InvariantCulture);
        var seconds = double.Parse(Arg("--seconds", "5"), CultureInfo.InvariantCulture);
        var history = int.Parse(Arg("--history", "5000"), CultureInfo.InvariantCulture);
        var output = Arg("--out", "");
        var only = Arg("--only", "all");

        var work = Directory.CreateTempSubdirectory("switchyard-requests-");
        string connection;
        string? pgName = null;
        if (provider == "postgres")
        {
            pgName = "sy_requests_" + Guid.NewGuid().ToString("N");
            await ExecuteAsync(postgres, $"CREATE DATABASE \"{pgName}\"");
            connection = new NpgsqlConnectionStringBuilder(postgres) { Database = pgName, MaxPoolSize = 50 }.ConnectionString;
        }
        else
        {
            connection = $"Data Source={Path.Combine(work.FullName, "bench.db")}";
        }
        try
        {
            var report = await MeasureAsync(provider, connection, work.FullName, clients, rounds, TimeSpan.FromSeconds(seconds), history, only);
            Console.WriteLine(report);
            if (output.Length > 0)
            {
                await File.AppendAllTextAsync(output, report + Environment.NewLine);
            }
            return 0;
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (pgName is not null)
            {
                await ExecuteAsync(postgres, $"DROP DATABASE IF EXISTS \"{pgName}\" WITH (FORCE)");
            }
            work.Delete(recursive: true);
        }
    }

    private static async Task<string> MeasureAsync(string provider, string connection, string work, int clients, int rounds, TimeSpan duration, int history, string only)
    {
        var counter = new CommandCounter();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production", ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SWITCHYARD_DB_PROVIDER"] = provider,
            ["SWITCHYARD_DB"] = connection,
            ["SWITCHYARD_OPERATOR_KEY"] = OperatorKey,
            ["SWITCHYARD_CLOCK"] = "manual",
            ["SWITCHYARD_CLOCK_START"] = "2027-01-04T09:00:00Z",
            ["SWITCHYARD_MAIL_PICKUP"] = Path.Combine(work, "mail"),
            ["SWITCHYARD_RATE_LIMIT_PER_MINUTE"] = "100000000",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Error",
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddSwitchyard();
        builder.Services.AddSingleton<IInterceptor>(counter);
        await using var app = builder.Build();
        app.UseSwitchyard();
        await app.StartAsync();
        var switchyard = new Uri(app.Urls.First());
        var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
        {
            Timeout = TimeSpan.FromMinutes(2),
        };

        // Set-up (not measured): an approved partner with a key, 3 products, a customer with `history`
        // orders and one without any, 100 offers of 3 items to read.
        var op = new Caller(http, switchyard, OperatorKey);
        var partnerId = (await op.PostAsync("/v1/partners", new { name = "Bench Seller" }))["id"]!.GetValue<string>();
        await op.PostAsync($"/v1/partners/{partnerId}/approve", null);
        var partnerKey = (await op.PostAsync($"/v1/partners/{partnerId}/api-keys", new { permissions = new[] { "app.view", "offers.manage" } }))["key"]!.GetValue<string>();
        var partner = new Caller(http, switchyard, partnerKey);
        await partner.PostAsync("/v1/account/payment-connection", null);
        var entry = (await op.PostAsync($"/v1/partners/{partnerId}/catalog-entries", new { name = "Insights", contracted = true }))["id"]!.GetValue<string>();
        var products = new List<string>();
        for (var i = 1; i <= 3; i++)
        {
            var product = (await partner.PostAsync("/v1/products", new { name = $"Insights {i}", catalogEntryId = entry }))["id"]!.GetValue<string>();
            await partner.PostAsync($"/v1/products/{product}/licenses", new { kind = "packageLicense", externalId = string.Create(CultureInfo.InvariantCulture, $"05000000000000{i}") });
            products.Add(product);
        }
        async Task<string> CustomerAsync(string name, string orgId)
        {
            var email = $"billing@{name.ToLowerInvariant()}.example";
            var id = (await partner.PostAsync("/v1/customers", new { name, orgId, contactEmail = email }))["id"]!.GetValue<string>();
            await op.PostAsync($"/v1/customer-orgs/{orgId}/users", new { email, manageBilling = true });
            return id;
        }
        var longHistory = await CustomerAsync("Globex", "00D000000000001");
        var noHistory = await CustomerAsync("Initech", "00D000000000002");
        await DomainSeed.AcceptedOrdersAsync(app.Services, longHistory, products, history);
        var offers = new List<string>();
        for (var i = 0; i < 100; i++)
        {
            var id = (await partner.PostAsync("/v1/offers", Draft(noHistory)))["id"]!.GetValue<string>();
            foreach (var product in products)
            {
                await partner.PostAsync($"/v1/offers/{id}/items", new { productId = product, quantity = 10, unitPriceMonthly = 10m });
            }
            offers.Add(id);
        }

        await using var baselineApp = await BaselineApp.StartAsync(provider, connection);
        var targets = new[] { ("switchyard", switchyard), ("hand-written", baselineApp.Address) };
        Func<int, long, Task<bool>> Get(Uri root) => async (client, n) =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(root, "/v1/offers/" + offers[(int)((client * 7919 + n) % offers.Count)]));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", partnerKey);
            using var response = await http.SendAsync(request);
            _ = await response.Content.ReadAsByteArrayAsync();
            return response.StatusCode == HttpStatusCode.OK;
        };
        Func<int, long, Task<bool>> Post(Uri root, string customer) => async (_, _) =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(root, "/v1/offers")) { Content = JsonContent.Create(Draft(customer), options: Json) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", partnerKey);
            using var response = await http.SendAsync(request);
            _ = await response.Content.ReadAsByteArrayAsync();
            return response.StatusCode == HttpStatusCode.Created;
        };

        // Warm-up (JIT, pools, caches), not recorded.
        foreach (var (name, root) in targets)
        {
            await LoadGenerator.RunAsync(name, "warm-up", clients, TimeSpan.FromSeconds(2), Get(root));
            await LoadGenerator.RunAsync(name, "warm-up", clients, TimeSpan.FromSeconds(2), Post(root, noHistory));
        }
        var results = new List<RoundResult>();
        for (var round = 0; round < rounds; round++)
        {
            foreach (var (name, root) in only is "all" or "get" ? targets : [])
            {
                results.Add(await LoadGenerator.RunAsync(name, "GET /v1/offers/{id}", clients, duration, Get(root)));
                Console.WriteLine(results[^1]);
            }
            foreach (var (name, root) in only is "all" or "post" ? targets : [])
            {
                results.Add(await LoadGenerator.RunAsync(name, "POST /v1/offers", clients, duration, Post(root, noHistory)));
                Console.WriteLine(results[^1]);
            }
        }

        // History: one client, alternating customers, the same request; commands counted per request.
        var historyRounds = new List<RoundResult>();
        var commands = new Dictionary<string, double>();
        for (var round = 0; round < (only == "all" ? rounds : 0); round++)
        {
            foreach (var (label, customer) in new[] { ($"{history:N0} orders", longHistory), ("no orders", noHistory) })
            {
                counter.Reset();
                var result = await LoadGenerator.RunAsync("switchyard", label, 1, duration / 2, Post(switchyard, customer));
                commands[label] = (double)counter.Commands / result.Requests;
                historyRounds.Add(result);
                Console.WriteLine(result);
            }
        }
        await app.StopAsync();
        return Report(provider, clients, rounds, duration, results, historyRounds, commands);
    }

    private static string Report(string provider, int clients, int rounds, TimeSpan duration, List<RoundResult> results, List<RoundResult> history,
        Dictionary<string, double> commands)
    {
        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        text.AppendLine(inv, $"### {provider}: {clients} clients, {rounds} alternating rounds of {duration.TotalSeconds:F0} s ({TimeProvider.System.GetUtcNow():yyyy-MM-dd HH:mm} UTC)");
        text.AppendLine();
        text.AppendLine("| request | Switchyard req/s | p50 / p99 ms | hand-written req/s | p50 / p99 ms | ratio (throughput) |");
        text.AppendLine("|---|---|---|---|---|---|");
        foreach (var scenario in results.Select(r => r.Scenario).Distinct())
        {
            var ours = results.Where(r => r.Scenario == scenario && r.Target == "switchyard").ToList();
            var theirs = results.Where(r => r.Scenario == scenario && r.Target == "hand-written").ToList();
            var ratios = ours.Zip(theirs, (a, b) => b.PerSecond / a.PerSecond).ToList();
            var failed = ours.Sum(r => r.Failures) + theirs.Sum(r => r.Failures);
            text.AppendLine(inv,
                $"| `{scenario}` | {Range(ours.Select(r => r.PerSecond))} | {Range(ours.Select(r => r.P50Ms), "F1")} / {Range(ours.Select(r => r.P99Ms), "F1")} "
                + $"| {Range(theirs.Select(r => r.PerSecond))} | {Range(theirs.Select(r => r.P50Ms), "F1")} / {Range(theirs.Select(r => r.P99Ms), "F1")} "
                + $"| {Range(ratios, "F1")}×{(failed > 0 ? $" ({failed} failed)" : "")} |");
        }
        if (history.Count == 0)
        {
            return text.ToString();
        }
        text.AppendLine();
        text.AppendLine("| `POST /v1/offers`, one client | median ms per round | DB commands per request |");
        text.AppendLine("|---|---|---|");
        foreach (var label in history.Select(r => r.Scenario).Distinct())
        {
            text.AppendLine(inv, $"| customer with {label} | {string.Join(", ", history.Where(r => r.Scenario == label).Select(r => r.P50Ms.ToString("F1", inv)))} | {commands[label]:F1} |");
        }
        var labels = history.Select(r => r.Scenario).Distinct().ToArray();
        var longMedian = Median(history.Where(r => r.Scenario == labels[0]).Select(r => r.P50Ms));
        var shortMedian = Median(history.Where(r => r.Scenario == labels[1]).Select(r => r.P50Ms));
        text.AppendLine();
        text.AppendLine(inv, $"History ratio (median of round medians): {longMedian / shortMedian:F2}×");
        return text.ToString();
    }

    private static string Range(IEnumerable<double> values, string format = "F0")
    {
        var list = values.ToList();
        var inv = CultureInfo.InvariantCulture;
        return list.Min().ToString(format, inv) == list.Max().ToString(format, inv)
            ? list.Min().ToString(format, inv)
            : $"{list.Min().ToString(format, inv)}–{list.Max().ToString(format, inv)}";
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static object Draft(string customerId) => new
    {
        customerId,
        termSet = "net30UpfrontAnnual",
        contractTermMonths = 12,
        serviceStartDate = "2027-02-01",
        validUntil = "2027-01-31",
        terms = "Standard terms",
        recipientEmail = "billing@globex.example",
        currency = "USD",
    };

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private sealed class Caller(HttpClient http, Uri root, string key)
    {
        public async Task<JsonNode> PostAsync(string url, object? body)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(root, url));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
            if (body is not null)
            {
                request.Content = JsonContent.Create(body, options: Json);
            }
            using var response = await http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Created))
            {
                throw new InvalidOperationException($"POST {url}: {(int)response.StatusCode} {text}");
            }
            return JsonNode.Parse(text.Length == 0 ? "null" : text) ?? JsonValue.Create("")!;
        }
    }
}
