using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
using Switchyard.Data;
using Switchyard.Data.Diagnostics;
using Switchyard.Domain.Orders;
using Switchyard.Server.Clock;
using Switchyard.Server.Hosting;

namespace Switchyard.Bench;

/// <summary>
/// TIM-2 transitions benchmark (PostgreSQL): N accepted orders (3 items, one license each) go New → Processing →
/// Activated, once through the server's real "orders.processing" and "orders.activation" due transitions
/// (claims, grants, transactions, audit, in their batches) and once through hand-written set-based SQL doing
/// the same writes in one transaction. Between runs the orders are put back to New (not timed, then VACUUM
/// ANALYZE), so both sides work on the same rows; the two alternate over the rounds (A B, B A, …) so that the
/// load of a shared machine falls on both alike.
///
///   dotnet bench/Switchyard.Bench/bin/Release/net10.0/Switchyard.Bench.dll --bench transitions --provider postgres --n 5000 [--rounds 3]
/// </summary>
internal static class TransitionsBench
{
    private const string OperatorKey = "sy_bench_operator_key_0123456789abcdef";
    private const string BillingEmail = "billing@globex.example";
    private static readonly DateTimeOffset Start = new(2027, 2, 1, 0, 0, 0, TimeSpan.Zero);

    public static async Task<string> RunAsync(BenchOptions o, int rounds)
    {
        if (o.Provider != "postgres")
        {
            throw new ArgumentException("The transitions bench compares against set-based SQL written for PostgreSQL: --provider postgres.");
        }
        var work = Directory.CreateTempSubdirectory("switchyard-bench-transitions-");
        var pgName = "sy_transitions_" + Guid.NewGuid().ToString("N");
        await ExecuteAsync(o.Postgres!, $"CREATE DATABASE \"{pgName}\"");
        var connection = new NpgsqlConnectionStringBuilder(o.Postgres) { Database = pgName, MaxPoolSize = 50 }.ConnectionString;
        try
        {
            return await RunAgainstAsync(o, rounds, connection, work.FullName);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(o.Postgres!, $"DROP DATABASE IF EXISTS \"{pgName}\" WITH (FORCE)");
            work.Delete(recursive: true);
        }
    }

    private static async Task<string> RunAgainstAsync(BenchOptions o, int rounds, string connection, string work)
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
        var customerId = await SetUpAsync(app.GetTestServer());
        var products = await ProductIdsAsync(app.Services);

        var seedWatch = Stopwatch.StartNew();
        await DomainSeed.AcceptedOrdersAsync(app.Services, customerId, products, o.N, chunk: 500);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"postgres N={o.N}: seeded in {seedWatch.Elapsed.TotalSeconds:F0} s"));
        app.Services.GetRequiredService<ManualTimeProvider>().TryAdvanceTo(Start);
        await ExplainParentLookupAsync(connection);

        var server = new List<double>();
        var sql = new List<double>();
        var commands = 0L;
        for (var round = 0; round < rounds; round++)
        {
            foreach (var side in round % 2 == 0 ? new[] { "server", "sql" } : ["sql", "server"])
            {
                await ResetAsync(connection);
                counter.Reset();
                var watch = Stopwatch.StartNew();
                if (side == "server")
                {
                    await ServerTransitionsAsync(app.Services, o.N);
                    server.Add(watch.Elapsed.TotalSeconds);
                    commands = counter.Commands;
                }
                else
                {
                    await ExecuteAsync(connection, SetBasedSql);
                    sql.Add(watch.Elapsed.TotalSeconds);
                }
                await CheckAsync(connection, o.N);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"postgres N={o.N} round {round + 1}: {side} {watch.Elapsed.TotalSeconds:F2} s"));
            }
        }
        await app.StopAsync();
        var ratios = server.Zip(sql, (a, b) => a / b).ToList();
        static string Range(IReadOnlyCollection<double> values, string format) =>
            values.Min().ToString(format, CultureInfo.InvariantCulture) + "–" + values.Max().ToString(format, CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture,
            $"ROW| postgres | {o.N:N0} | {Range(server, "F2")} s | {Range(sql, "F2")} s | {Range(ratios, "F1")}× | {(double)commands / o.N:F3} | {rounds} |");
    }

    // The two order transitions as the runner applies them (system actor, one scope), nothing else due.
    private static async Task ServerTransitionsAsync(IServiceProvider services, int n)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SwitchyardDb>();
        db.Scope.ForSystem("system:clock");
        var transitions = scope.ServiceProvider.GetServices<IDueTransition>().ToDictionary(t => t.Name, StringComparer.Ordinal);
        var processing = await transitions["orders.processing"].ApplyDueAsync(db, Start, CancellationToken.None);
        db.ChangeTracker.Clear();
        var activated = await transitions["orders.activation"].ApplyDueAsync(db, Start, CancellationToken.None);
        if (processing != n || activated != n)
        {
            throw new InvalidOperationException($"Expected {n} orders processed and activated; got {processing} and {activated}.");
        }
    }

    // The lookup creating an offer makes for the customer's parent order (Offers/CreateOffer.cs), over the N orders of
    // one customer: its plan shows whether an index finds the one row or the query sorts the whole history.
    private static async Task ExplainParentLookupAsync(string connection)
    {
        await ExecuteAsync(connection, "VACUUM ANALYZE");
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand("""
            EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
            WITH c AS (SELECT "PartnerId", "OrgId" FROM customers LIMIT 1)
            (SELECT o.* FROM orders o, c
             WHERE o."CustomerOrgId" = c."OrgId" AND o."PartnerId" = c."PartnerId" AND o."Status" IN ('New', 'Processing', 'Activated')
               AND o."Type" = 'Initial'
             ORDER BY o."EndDate" DESC LIMIT 1)
            UNION ALL
            (SELECT o.* FROM orders o, c
             WHERE o."CustomerOrgId" = c."OrgId" AND o."PartnerId" = c."PartnerId" AND o."Status" IN ('New', 'Processing', 'Activated')
               AND o."Type" = 'AddOn'
             ORDER BY o."EndDate" DESC LIMIT 1)
            """, db);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            Console.WriteLine("PLAN| " + reader.GetString(0));
        }
    }

    // Back to the state right after acceptance: each order New with only its creation transaction and audit entry.
    private static async Task ResetAsync(string connection)
    {
        await ExecuteAsync(connection, """
            DELETE FROM license_grants;
            DELETE FROM order_transactions WHERE "Sequence" > 1;
            DELETE FROM audit_entries WHERE "ObjectType" = 'order' AND "Action" = 'order.updated';
            UPDATE orders SET "Status" = 'New', "ActivatedAt" = NULL, "Version" = 1;
            """);
        await ExecuteAsync(connection, "VACUUM ANALYZE");
    }

    // Both sides must leave the same rows: every order activated with 3 grants, 5 more transactions and 2 audit entries.
    private static async Task CheckAsync(string connection, int n)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT (SELECT count(*) FROM orders WHERE "Status" = 'Activated' AND "Version" = 3),
                   (SELECT count(*) FROM license_grants),
                   (SELECT count(*) FROM order_transactions WHERE "Sequence" > 1),
                   (SELECT count(DISTINCT ("OrderId", "Sequence")) FROM order_transactions),
                   (SELECT count(*) FROM audit_entries WHERE "ObjectType" = 'order' AND "Action" = 'order.updated')
            """, db);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        var found = Enumerable.Range(0, 5).Select(reader.GetInt64).ToArray();
        long[] expected = [n, 3L * n, 5L * n, 6L * n, 2L * n];
        if (!found.SequenceEqual(expected))
        {
            throw new InvalidOperationException($"Expected {string.Join(", ", expected)} (activated, grants, new transactions, distinct sequences, audit); found {string.Join(", ", found)}.");
        }
    }

    /// <summary>
    /// The reference: what the two transitions write, as set-based SQL in one transaction. Processing: one
    /// UPDATE … RETURNING feeding a status transaction and an audit entry per order. Activation: the grants
    /// from the items' licenses, a provisioning transaction per grant and a status transaction numbered after
    /// the stored ones, and an audit entry per order.
    /// </summary>
    private const string SetBasedSql = """
        BEGIN;
        WITH moved AS (
            UPDATE orders SET "Status" = 'Processing', "Version" = "Version" + 1
            WHERE "Status" = 'New' AND "StartDate" <= DATE '2027-02-01'
            RETURNING "Id", "PartnerId"
        ), trx AS (
            INSERT INTO order_transactions ("Id", "OrderId", "Sequence", "At", "Kind", "Description", "Reference", "AmountMinor", "Version")
            SELECT 'trx_' || replace(gen_random_uuid()::text, '-', ''), m."Id",
                   (SELECT max(t."Sequence") FROM order_transactions t WHERE t."OrderId" = m."Id") + 1,
                   TIMESTAMPTZ '2027-02-01 00:00:00+00', 'StatusChanged', 'Status new → processing.', NULL, NULL, 1
            FROM moved m
        )
        INSERT INTO audit_entries ("Id", "PartnerId", "ObjectId", "ObjectType", "Action", "Actor", "At", "Changes", "Reason")
        SELECT 'aud_' || replace(gen_random_uuid()::text, '-', ''), m."PartnerId", m."Id", 'order', 'order.updated', 'system:clock',
               TIMESTAMPTZ '2027-02-01 00:00:00+00', '{"status":{"old":"new","new":"processing"}}', NULL
        FROM moved m;

        CREATE TEMP TABLE activated ON COMMIT DROP AS
        WITH moved AS (
            UPDATE orders SET "Status" = 'Activated', "ActivatedAt" = TIMESTAMPTZ '2027-02-01 00:00:00+00', "Version" = "Version" + 1
            WHERE "Status" = 'Processing'
            RETURNING "Id", "PartnerId", "CustomerOrgId", "StartDate", "EndDate"
        )
        SELECT m.*, (SELECT max(t."Sequence") FROM order_transactions t WHERE t."OrderId" = m."Id") AS "Last" FROM moved m;

        CREATE TEMP TABLE granted ON COMMIT DROP AS
        SELECT 'grt_' || replace(gen_random_uuid()::text, '-', '') AS "Id", a."Id" AS "OrderId", a."PartnerId", a."CustomerOrgId",
               i."Id" AS "OrderItemId", i."ProductId", i."ProductName", l."Kind", l."ExternalId", i."Quantity", a."StartDate", a."EndDate",
               a."Last" + row_number() OVER (PARTITION BY a."Id" ORDER BY i."Id", l."Id") AS "Sequence"
        FROM activated a JOIN order_items i ON i."OrderId" = a."Id" JOIN order_item_licenses l ON l."OrderItemId" = i."Id";

        INSERT INTO license_grants ("Id", "PartnerId", "CustomerOrgId", "OrderId", "OrderItemId", "ProductId", "LicenseKind", "LicenseExternalId",
            "Quantity", "FromDate", "ToDate", "Version")
        SELECT "Id", "PartnerId", "CustomerOrgId", "OrderId", "OrderItemId", "ProductId", "Kind", "ExternalId", "Quantity", "StartDate", "EndDate", 1
        FROM granted;

        INSERT INTO order_transactions ("Id", "OrderId", "Sequence", "At", "Kind", "Description", "Reference", "AmountMinor", "Version")
        SELECT 'trx_' || replace(gen_random_uuid()::text, '-', ''), g."OrderId", g."Sequence", TIMESTAMPTZ '2027-02-01 00:00:00+00', 'Provisioned',
               format('Granted %s × %s %s (%s) to org %s.', g."Quantity", g."Kind", g."ExternalId", g."ProductName", g."CustomerOrgId"), g."Id", NULL::bigint, 1
        FROM granted g
        UNION ALL
        SELECT 'trx_' || replace(gen_random_uuid()::text, '-', ''), a."Id",
               a."Last" + COALESCE(c."Grants", 0) + 1,
               TIMESTAMPTZ '2027-02-01 00:00:00+00', 'StatusChanged', 'Status processing → activated.', NULL, NULL, 1
        FROM activated a LEFT JOIN (SELECT "OrderId", count(*) AS "Grants" FROM granted GROUP BY "OrderId") c ON c."OrderId" = a."Id";

        INSERT INTO audit_entries ("Id", "PartnerId", "ObjectId", "ObjectType", "Action", "Actor", "At", "Changes", "Reason")
        SELECT 'aud_' || replace(gen_random_uuid()::text, '-', ''), a."PartnerId", a."Id", 'order', 'order.updated', 'system:clock',
               TIMESTAMPTZ '2027-02-01 00:00:00+00',
               '{"activatedAt":{"old":null,"new":"2027-02-01T00:00:00+00:00"},"status":{"old":"processing","new":"activated"}}', NULL
        FROM activated a;
        COMMIT;
        """;

    // A partner with 3 products (one license each) and a customer with a billing user; returns the customer's id.
    private static async Task<string> SetUpAsync(TestServer server)
    {
        var op = server.CreateClient();
        op.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", OperatorKey);
        var partnerId = (await PostAsync(op, "/v1/partners", new { name = "Bench Seller" }))["id"]!.GetValue<string>();
        await PostAsync(op, $"/v1/partners/{partnerId}/approve", null);
        var partnerKey = (await PostAsync(op, $"/v1/partners/{partnerId}/api-keys", new { permissions = new[] { "app.view", "offers.manage" } }))["key"]!.GetValue<string>();
        var partner = server.CreateClient();
        partner.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", partnerKey);
        await PostAsync(partner, "/v1/account/payment-connection", null);
        var entry = (await PostAsync(op, $"/v1/partners/{partnerId}/catalog-entries", new { name = "Insights", contracted = true }))["id"]!.GetValue<string>();
        for (var i = 1; i <= 3; i++)
        {
            var product = (await PostAsync(partner, "/v1/products", new { name = $"Insights {i}", catalogEntryId = entry }))["id"]!.GetValue<string>();
            await PostAsync(partner, $"/v1/products/{product}/licenses", new { kind = "packageLicense", externalId = string.Create(CultureInfo.InvariantCulture, $"05000000000000{i}") });
        }
        const string orgId = "00D000000000001";
        var customerId = (await PostAsync(partner, "/v1/customers", new { name = "Globex", orgId, contactEmail = BillingEmail }))["id"]!.GetValue<string>();
        await PostAsync(op, $"/v1/customer-orgs/{orgId}/users", new { email = BillingEmail, manageBilling = true });
        return customerId;
    }

    private static async Task<List<string>> ProductIdsAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SwitchyardDb>();
        db.Scope.ForSystem("system:bench");
        return [.. (await db.Products.AsNoTracking().OrderBy(p => p.Id).Select(p => p.Id).ToListAsync()).Select(p => p.Value)];
    }

    private static async Task<JsonNode> PostAsync(HttpClient client, string url, object? body)
    {
        using var response = body is null ? await client.PostAsync(url, null) : await client.PostAsJsonAsync(url, body);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST {url}: {(int)response.StatusCode} {text}");
        }
        return JsonNode.Parse(text.Length == 0 ? "null" : text) ?? JsonValue.Create("")!;
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }
}
