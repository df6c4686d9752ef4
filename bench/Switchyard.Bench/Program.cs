using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
using Switchyard.Bench;
using Switchyard.Data.Diagnostics;
using Switchyard.Server.Hosting;

// End-to-end lifecycle benchmark: N offers with 3 items each are created, sent and accepted through the
// real HTTP pipeline (in-memory TestServer: routing, auth, rate limiter, idempotency, validation, EF
// Core), then the manual clock moves to the start date and the transition run processes, activates and
// provisions all N orders. Prints one result line per phase and a markdown row ("ROW|…").
//
//   dotnet run -c Release --project bench/Switchyard.Bench -- --provider sqlite --n 1000
//   dotnet run -c Release --project bench/Switchyard.Bench -- --provider postgres --n 1000 \
//       --postgres "Host=127.0.0.1;Port=55450;Username=postgres"   (or SWITCHYARD_BENCH_POSTGRES)
//
// The bench starts no server: PostgreSQL must be running (bench/run-lifecycle.sh starts a throwaway one);
// it creates and drops its own database there. SQLite uses a temporary file.
// The order transitions against hand-written set-based SQL (TransitionsBench.cs), PostgreSQL only:
//   dotnet bench/Switchyard.Bench/bin/Release/net10.0/Switchyard.Bench.dll --bench transitions --provider postgres --n 5000 [--rounds 3]
// The request-path comparison (Requests/RequestsBench.cs) is its own mode:
//   dotnet bench/Switchyard.Bench/bin/Release/net10.0/Switchyard.Bench.dll requests --provider sqlite|postgres [--out FILE]
if (args.Length > 0 && args[0] == "empty-app")
{
    // bench/run-startup.sh: the reference for start-up time and idle memory, an ASP.NET Core app that answers /health.
    var empty = WebApplication.CreateBuilder(args[1..]);
    await using var emptyApp = empty.Build();
    emptyApp.MapGet("/health", () => "ok");
    await emptyApp.RunAsync();
    return 0;
}
if (args.Length > 0 && args[0] == "requests")
{
    return await Switchyard.Bench.Requests.RequestsBench.RunAsync(args);
}
var options = BenchOptions.Parse(args);
if (args.Contains("billing"))
{
    // bench/run-billing.sh: --bench billing invoices N activated orders (BillingBench.cs).
    Console.WriteLine(await BillingBench.RunAsync(options));
    return 0;
}
if (args.Contains("transitions"))
{
    // bench/run-lifecycle.sh: --bench transitions runs the order transitions against set-based SQL (TransitionsBench.cs).
    var rounds = Array.IndexOf(args, "--rounds") is var r and >= 0 && r + 1 < args.Length ? int.Parse(args[r + 1], CultureInfo.InvariantCulture) : 3;
    Console.WriteLine(await TransitionsBench.RunAsync(options, rounds));
    return 0;
}
var result = await LifecycleBench.RunAsync(options);
Console.WriteLine(result.Row());
return 0;

// Seed: "http" (create, send and accept through the API, timed) or "domain" (the same domain methods
// called directly and saved in chunks, for N too large for HTTP on a small machine; not timed as HTTP).
internal sealed record BenchOptions(string Provider, int N, string? Postgres, int Parallel, string Seed)
{
    public static BenchOptions Parse(string[] args)
    {
        string Arg(string name, string fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }
        var provider = Arg("--provider", "sqlite");
        if (provider is not ("sqlite" or "postgres"))
        {
            throw new ArgumentException("--provider is sqlite or postgres");
        }
        var postgres = Arg("--postgres", Environment.GetEnvironmentVariable("SWITCHYARD_BENCH_POSTGRES") ?? "");
        if (provider == "postgres" && postgres.Length == 0)
        {
            throw new ArgumentException("--provider postgres needs --postgres <connection string> or SWITCHYARD_BENCH_POSTGRES");
        }
        return new BenchOptions(provider, int.Parse(Arg("--n", "1000"), CultureInfo.InvariantCulture), postgres.Length == 0 ? null : postgres,
            int.Parse(Arg("--parallel", "4"), CultureInfo.InvariantCulture), Arg("--seed", "http"));
    }
}

internal sealed record Phase(string Name, int Count, TimeSpan Elapsed, long Commands)
{
    public double PerSecond => Count / Elapsed.TotalSeconds;
    public double CommandsPerObject => (double)Commands / Count;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Name,-10} {Count,6} in {Elapsed.TotalSeconds,7:F1} s = {PerSecond,7:F0}/s, {CommandsPerObject,6:F2} db commands each");
}

internal sealed record BenchResult(BenchOptions Options, IReadOnlyList<Phase> Phases, int Activated)
{
    public string Row()
    {
        var p = Phases.ToDictionary(x => x.Name, StringComparer.Ordinal);
        string Rate(string name) => p.TryGetValue(name, out var x) ? x.PerSecond.ToString("F0", CultureInfo.InvariantCulture) : "via domain";
        string Cmd(string name) => p.TryGetValue(name, out var x) ? x.CommandsPerObject.ToString("F2", CultureInfo.InvariantCulture) : "–";
        string Secs(string name) => p[name].Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture,
            $"ROW| {Options.Provider} | {Options.N} | {Rate("create")} ({Cmd("create")}) | {Rate("send")} ({Cmd("send")}) | {Rate("accept")} ({Cmd("accept")}) | {Rate("activate")} ({Secs("activate")} s) | {Cmd("activate")} | {Activated} |");
    }
}

internal static class LifecycleBench
{
    private const string OperatorKey = "sy_bench_operator_key_0123456789abcdef";
    private const string BillingEmail = "billing@globex.example";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<BenchResult> RunAsync(BenchOptions o)
    {
        var work = Directory.CreateTempSubdirectory("switchyard-bench-");
        string connection;
        string? pgName = null;
        if (o.Provider == "postgres")
        {
            pgName = "sy_bench_" + Guid.NewGuid().ToString("N");
            await ExecuteAsync(o.Postgres!, $"CREATE DATABASE \"{pgName}\"");
            connection = new NpgsqlConnectionStringBuilder(o.Postgres) { Database = pgName, MaxPoolSize = 50 }.ConnectionString;
        }
        else
        {
            connection = $"Data Source={Path.Combine(work.FullName, "bench.db")}";
        }
        try
        {
            return await RunAgainstAsync(o, connection, work.FullName);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (pgName is not null)
            {
                await ExecuteAsync(o.Postgres!, $"DROP DATABASE IF EXISTS \"{pgName}\" WITH (FORCE)");
            }
            work.Delete(recursive: true);
        }
    }

    private static async Task<BenchResult> RunAgainstAsync(BenchOptions o, string connection, string work)
    {
        var counter = new CommandCounter();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production", ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SWITCHYARD_DB_PROVIDER"] = o.Provider,
            ["SWITCHYARD_DB"] = connection,
            ["SWITCHYARD_OPERATOR_KEY"] = OperatorKey,
            ["SWITCHYARD_CLOCK"] = "manual",
            ["SWITCHYARD_CLOCK_START"] = "2027-01-04T09:00:00Z",
            ["SWITCHYARD_MAIL_PICKUP"] = Path.Combine(work, "mail"),
            ["SWITCHYARD_RATE_LIMIT_PER_MINUTE"] = "100000000",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Error",
        });
        builder.WebHost.UseTestServer();
        builder.AddSwitchyard();
        builder.Services.AddSingleton<IInterceptor>(counter);
        await using var app = builder.Build();
        app.UseSwitchyard();
        await app.StartAsync();
        var server = app.GetTestServer();
        HttpClient Client(string key)
        {
            var client = server.CreateClient();
            client.Timeout = Timeout.InfiniteTimeSpan;
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
            return client;
        }

        // Set-up (not measured): an approved partner with payments, 3 products each mapping a license,
        // a customer whose org has a billing user with a key.
        var op = Client(OperatorKey);
        var partnerId = (await PostAsync(op, "/v1/partners", new { name = "Bench Seller" }))["id"]!.GetValue<string>();
        await PostAsync(op, $"/v1/partners/{partnerId}/approve", null);
        var partnerKey = (await PostAsync(op, $"/v1/partners/{partnerId}/api-keys", new { permissions = new[] { "app.view", "offers.manage" } }))["key"]!.GetValue<string>();
        var partner = Client(partnerKey);
        await PostAsync(partner, "/v1/account/payment-connection", null);
        var entry = (await PostAsync(op, $"/v1/partners/{partnerId}/catalog-entries", new { name = "Insights", contracted = true }))["id"]!.GetValue<string>();
        var products = new List<string>();
        for (var i = 1; i <= 3; i++)
        {
            var product = (await PostAsync(partner, "/v1/products", new { name = $"Insights {i}", catalogEntryId = entry }))["id"]!.GetValue<string>();
            await PostAsync(partner, $"/v1/products/{product}/licenses", new { kind = "packageLicense", externalId = string.Create(CultureInfo.InvariantCulture, $"05000000000000{i}") });
            products.Add(product);
        }
        const string orgId = "00D000000000001";
        var customerId = (await PostAsync(partner, "/v1/customers", new { name = "Globex", orgId, contactEmail = BillingEmail }))["id"]!.GetValue<string>();
        await PostAsync(op, $"/v1/customer-orgs/{orgId}/users", new { email = BillingEmail, manageBilling = true });
        var customer = Client((await PostAsync(op, $"/v1/customer-orgs/{orgId}/api-keys", new { email = BillingEmail }))["key"]!.GetValue<string>());

        var phases = new List<Phase>();
        if (o.Seed == "domain")
        {
            counter.Reset();
            var seedWatch = Stopwatch.StartNew();
            await DomainSeed.AcceptedOrdersAsync(app.Services, customerId, products, o.N);
            phases.Add(new Phase("seed", o.N, seedWatch.Elapsed, counter.Commands));
        }
        else
        {
            await ThroughHttpAsync(o, counter, phases, partner, customer, customerId, products);
        }

        counter.Reset();
        var watch = Stopwatch.StartNew();
        var clock = await PostAsync(op, "/v1/operator/clock", new { now = "2027-02-01T00:00:00Z" });
        watch.Stop();
        var activated = clock["applied"]?["orders.activation"]?.GetValue<int>() ?? 0;
        phases.Add(new Phase("activate", o.N, watch.Elapsed, counter.Commands));
        foreach (var phase in phases)
        {
            Console.WriteLine($"{o.Provider} N={o.N}: {phase}");
        }
        if (activated != o.N)
        {
            throw new InvalidOperationException($"Expected {o.N} orders activated, the clock run reported {activated}.");
        }
        await app.StopAsync();
        return new BenchResult(o, phases, activated);
    }

    private static async Task ThroughHttpAsync(BenchOptions o, CommandCounter counter, List<Phase> phases, HttpClient partner, HttpClient customer,
        string customerId, List<string> products)
    {
        var offers = new string[o.N];
        phases.Add(await MeasureAsync("create", o, counter, async i =>
        {
            var offer = await PostAsync(partner, "/v1/offers", new
            {
                customerId,
                termSet = "net30UpfrontAnnual",
                contractTermMonths = 12,
                serviceStartDate = "2027-02-01",
                validUntil = "2027-01-31",
                terms = "Standard terms",
                recipientEmail = BillingEmail,
                currency = "USD",
            });
            var id = offer["id"]!.GetValue<string>();
            foreach (var product in products)
            {
                await PostAsync(partner, $"/v1/offers/{id}/items", new { productId = product, quantity = 10, unitPriceMonthly = 10m });
            }
            offers[i] = id;
        }));
        phases.Add(await MeasureAsync("send", o, counter, i => PostAsync(partner, $"/v1/offers/{offers[i]}/send", null)));
        phases.Add(await MeasureAsync("accept", o, counter, i => PostAsync(customer, $"/v1/customer/offers/{offers[i]}/accept", null)));
    }

    // Runs action(0..N-1) over `Parallel` concurrent callers and counts the database commands they cause.
    private static async Task<Phase> MeasureAsync(string name, BenchOptions o, CommandCounter counter, Func<int, Task> action)
    {
        counter.Reset();
        var next = -1;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, o.Parallel).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < o.N)
            {
                await action(i);
            }
        })));
        watch.Stop();
        return new Phase(name, o.N, watch.Elapsed, counter.Commands);
    }

    private static async Task<JsonNode> PostAsync(HttpClient client, string url, object? body)
    {
        using var response = body is null ? await client.PostAsync(url, null) : await client.PostAsJsonAsync(url, body, Json);
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Created))
        {
            throw new InvalidOperationException($"POST {url}: {(int)response.StatusCode} {text}");
        }
        return JsonNode.Parse(text.Length == 0 ? "null" : text) ?? JsonValue.Create("")!;
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
