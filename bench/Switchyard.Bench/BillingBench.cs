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
/// BIL-1 invoicing benchmark: N activated orders (3 items each) are invoiced by the real "invoices.issue"
/// due transition (numbering, ledger entry, audit, outbox email, all in its batches). On PostgreSQL the
/// same orders are first invoiced by one hand-written set-based INSERT … SELECT producing the same invoice
/// and line rows, in a copy of the database, for the ratio.
/// </summary>
internal static class BillingBench
{
    private const string OperatorKey = "sy_bench_operator_key_0123456789abcdef";
    private const string BillingEmail = "billing@globex.example";
    private static readonly DateTimeOffset Start = new(2027, 2, 1, 0, 30, 0, TimeSpan.Zero);

    public static async Task<string> RunAsync(BenchOptions o)
    {
        var work = Directory.CreateTempSubdirectory("switchyard-bench-billing-");
        string? pgName = null;
        string connection;
        if (o.Provider == "postgres")
        {
            pgName = "sy_billing_" + Guid.NewGuid().ToString("N");
            await ExecuteAsync(o.Postgres!, $"CREATE DATABASE \"{pgName}\"");
            connection = new NpgsqlConnectionStringBuilder(o.Postgres) { Database = pgName, MaxPoolSize = 50 }.ConnectionString;
        }
        else
        {
            connection = $"Data Source={Path.Combine(work.FullName, "bench.db")}";
        }
        try
        {
            return await RunAgainstAsync(o, connection, pgName, work.FullName);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (pgName is not null)
            {
                await ExecuteAsync(o.Postgres!, $"DROP DATABASE IF EXISTS \"{pgName}\" WITH (FORCE)");
                await ExecuteAsync(o.Postgres!, $"DROP DATABASE IF EXISTS \"{pgName}_ref1\" WITH (FORCE)");
                await ExecuteAsync(o.Postgres!, $"DROP DATABASE IF EXISTS \"{pgName}_ref2\" WITH (FORCE)");
            }
            work.Delete(recursive: true);
        }
    }

    private static async Task<string> RunAgainstAsync(BenchOptions o, string connection, string? pgName, string work)
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
            // No background delivery while the step is timed (it would send the invoice emails alongside it):
            // the delivery of a sample is timed on its own afterwards.
            ["SWITCHYARD_OUTBOX_SECONDS"] = "0",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Error",
        });
        builder.WebHost.UseTestServer();
        builder.AddSwitchyard();
        builder.Services.AddSingleton<IInterceptor>(counter);
        await using var app = builder.Build();
        app.UseSwitchyard();
        await app.StartAsync();
        var http = app.GetTestServer().CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", OperatorKey);

        // Set-up (not measured): a partner with 3 products, a customer, N accepted orders made by the domain
        // methods, then marked activated in one statement (activation itself is the lifecycle benchmark's).
        var partnerId = (await PostAsync(http, "/v1/partners", new { name = "Bench Seller" }))["id"]!.GetValue<string>();
        await PostAsync(http, $"/v1/partners/{partnerId}/approve", null);
        var partnerKey = (await PostAsync(http, $"/v1/partners/{partnerId}/api-keys", new { permissions = new[] { "app.view", "offers.manage" } }))["key"]!.GetValue<string>();
        var partner = app.GetTestServer().CreateClient();
        partner.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", partnerKey);
        await PostAsync(partner, "/v1/account/payment-connection", null);
        var entry = (await PostAsync(http, $"/v1/partners/{partnerId}/catalog-entries", new { name = "Insights", contracted = true }))["id"]!.GetValue<string>();
        var products = new List<string>();
        for (var i = 1; i <= 3; i++)
        {
            var product = (await PostAsync(partner, "/v1/products", new { name = $"Insights {i}", catalogEntryId = entry }))["id"]!.GetValue<string>();
            await PostAsync(partner, $"/v1/products/{product}/licenses", new { kind = "packageLicense", externalId = string.Create(CultureInfo.InvariantCulture, $"05000000000000{i}") });
            products.Add(product);
        }
        const string orgId = "00D000000000001";
        var customerId = (await PostAsync(partner, "/v1/customers", new { name = "Globex", orgId, contactEmail = BillingEmail }))["id"]!.GetValue<string>();
        await PostAsync(http, $"/v1/customer-orgs/{orgId}/users", new { email = BillingEmail, manageBilling = true });

        var seedWatch = Stopwatch.StartNew();
        await DomainSeed.AcceptedOrdersAsync(app.Services, customerId, products, o.N, chunk: 500);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SwitchyardDb>();
            db.Scope.ForSystem("system:bench");
            await db.Orders.ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, OrderStatus.Activated).SetProperty(x => x.ActivatedAt, Start));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{o.Provider} N={o.N}: seeded in {seedWatch.Elapsed.TotalSeconds:F0} s"));
        var clock = app.Services.GetRequiredService<ManualTimeProvider>();
        clock.TryAdvanceTo(Start);

        // The reference on PostgreSQL: one INSERT … SELECT for invoices and lines, in two copies of the seeded
        // database, run once before and once after the real step, so load drifting during the run weighs on both.
        string? refFirst = null;
        string? refSecond = null;
        if (pgName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            refFirst = await CopyAsync(o.Postgres!, pgName, "_ref1");
            refSecond = await CopyAsync(o.Postgres!, pgName, "_ref2");
            await ExecuteAsync(connection, "VACUUM ANALYZE");
        }
        var references = new List<double>();
        if (refFirst is not null)
        {
            references.Add(await ReferenceAsync(refFirst, o.N));
        }

        // The real step, timed alone: the "invoices.issue" due transition over all N orders.
        int issued;
        counter.Reset();
        var watch = Stopwatch.StartNew();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SwitchyardDb>();
            db.Scope.ForSystem("worker:bench");
            var step = scope.ServiceProvider.GetServices<IDueTransition>().Single(t => t.Name == "invoices.issue");
            issued = await step.ApplyDueAsync(db, Start, CancellationToken.None);
        }
        watch.Stop();
        var seconds = watch.Elapsed.TotalSeconds;
        var commands = counter.Commands;
        if (refSecond is not null)
        {
            references.Add(await ReferenceAsync(refSecond, o.N));
        }
        double? reference = references.Count == 0 ? null : references.Average();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SwitchyardDb>();
            db.Scope.ForSystem("system:bench");
            var invoices = await db.Invoices.CountAsync();
            var numbers = await db.Invoices.Select(i => i.Number).MaxAsync();
            var lines = await db.Set<Switchyard.Domain.Billing.InvoiceLine>().CountAsync();
            var entries = await db.LedgerEntries.CountAsync();
            var emails = await db.OutboxMessages.CountAsync(m => m.MessageType == "invoice.email");
            if (issued != o.N || invoices != o.N || numbers != o.N || lines != 3 * o.N || entries != o.N || emails != o.N)
            {
                throw new InvalidOperationException($"Expected {o.N} invoices numbered 1..{o.N} with {3 * o.N} lines, {o.N} ledger entries and emails; "
                    + $"issued {issued}, stored {invoices}, highest number {numbers}, lines {lines}, entries {entries}, emails {emails}.");
            }
        }
        var (delivered, deliverySeconds) = await DeliverSampleAsync(app.Services);
        var rate = o.N / seconds;
        var perInvoice = (double)commands / o.N;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{o.Provider} N={o.N}: issued {issued} invoices in {seconds:F1} s = {rate:F0}/s, {perInvoice:F3} db commands each; delivered {delivered} of their emails in {deliverySeconds:F1} s"));
        await app.StopAsync();
        var refText = reference is { } r
            ? string.Create(CultureInfo.InvariantCulture, $"{string.Join(" / ", references.Select(x => x.ToString("F2", CultureInfo.InvariantCulture)))} s ({o.N / r:F0}/s) | {seconds / r:F2}×")
            : "– | –";
        return string.Create(CultureInfo.InvariantCulture,
            $"ROW| {o.Provider} | {o.N:N0} | {seconds:F1} s | {rate:F0} | {perInvoice:F3} | {refText} | {delivered / deliverySeconds:F0} |");
    }

    /// <summary>
    /// OPS-1: the outbox runner delivers a sample of the invoice emails (two runs, at most 1,000 messages each),
    /// rendering each from its invoice, to the pickup folder; the count delivered and the seconds taken.
    /// </summary>
    private static async Task<(int Delivered, double Seconds)> DeliverSampleAsync(IServiceProvider services)
    {
        var watch = Stopwatch.StartNew();
        var attempted = 0;
        for (var run = 0; run < 2; run++)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SwitchyardDb>();
            db.Scope.ForSystem("system:outbox");
            attempted += await scope.ServiceProvider.GetRequiredService<Switchyard.Server.Outbox.OutboxRunner>().ApplyDueAsync(db, Start, CancellationToken.None);
        }
        watch.Stop();
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SwitchyardDb>();
            db.Scope.ForSystem("system:bench");
            var delivered = await db.OutboxMessages.CountAsync(m => m.MessageType == "invoice.email" && m.Status == Switchyard.Data.Outbox.OutboxStatus.Delivered);
            if (delivered != attempted)
            {
                throw new InvalidOperationException($"Attempted {attempted} invoice emails, delivered {delivered}.");
            }
            return (delivered, watch.Elapsed.TotalSeconds);
        }
    }

    /// <summary>A copy of the seeded database (nothing may be connected to it meanwhile), analysed, as a connection string.</summary>
    private static async Task<string> CopyAsync(string server, string template, string suffix)
    {
        // The app's background workers reconnect now and then: drop the pools and retry until the template is free.
        for (var attempt = 1; ; attempt++)
        {
            NpgsqlConnection.ClearAllPools();
            try
            {
                await ExecuteAsync(server, $"CREATE DATABASE \"{template}{suffix}\" TEMPLATE \"{template}\"");
                break;
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.ObjectInUse && attempt < 50)
            {
                await Task.Delay(100);
            }
        }
        var copy = new NpgsqlConnectionStringBuilder(server) { Database = template + suffix }.ConnectionString;
        await ExecuteAsync(copy, "VACUUM ANALYZE");
        return copy;
    }

    /// <summary>Runs the hand-written INSERT … SELECT in a copy; its duration in seconds.</summary>
    private static async Task<double> ReferenceAsync(string copy, int n)
    {
        var watch = Stopwatch.StartNew();
        var inserted = await ExecuteAsync(copy, ReferenceSql);
        watch.Stop();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"postgres N={n}: reference INSERT … SELECT wrote {inserted} line rows in {watch.Elapsed.TotalSeconds:F2} s"));
        NpgsqlConnection.ClearPool(new NpgsqlConnection(copy));
        return watch.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// Invoices and lines for every activated order without an invoice, numbered per partner from the
    /// partner's last number in start-date order, NET30, no tax (the bench configures none), in one statement.
    /// </summary>
    private const string ReferenceSql = """
        WITH due AS (
            SELECT o.*, 'ivc_' || md5(o."Id") AS "InvoiceId",
                   COALESCE((SELECT s."Last" FROM invoice_sequences s WHERE s."PartnerId" = o."PartnerId"), 0)
                     + row_number() OVER (PARTITION BY o."PartnerId" ORDER BY o."StartDate", o."Id") AS "Number"
            FROM orders o
            WHERE o."Status" IN ('Activated', 'Expired') AND o."StartDate" <= DATE '2027-02-01'
              AND NOT EXISTS (SELECT 1 FROM invoices i WHERE i."OrderId" = o."Id")
        ), inv AS (
            INSERT INTO invoices ("Id", "PartnerId", "Number", "OrderId", "CustomerId", "CustomerOrgId", "CustomerName", "BillingEmail",
                "CustomerPo", "PartnerPo", "CurrencyCode", "Status", "PeriodStart", "PeriodEnd", "IssueDate", "DueDate", "SubtotalMinor",
                "TaxExempt", "TaxRatePercent", "TaxCountry", "TaxMinor", "TotalMinor", "PaidMinor", "CreditedMinor", "CreatedAt", "IssuedAt",
                "ClosedAt", "EmailedAt", "Version")
            SELECT d."InvoiceId", d."PartnerId", d."Number", d."Id", d."CustomerId", d."CustomerOrgId", c."Name", d."BillingEmail",
                d."CustomerPo", d."PartnerPo", d."CurrencyCode", 'Open', d."StartDate", d."EndDate", DATE '2027-02-01', DATE '2027-03-03',
                d."SubtotalMinor", d."TaxExempt", 0, NULL, 0, d."SubtotalMinor", 0, 0, now(), now(), NULL, now(), 1
            FROM due d JOIN customers c ON c."Id" = d."CustomerId"
            RETURNING "Id", "OrderId"
        )
        INSERT INTO invoice_lines ("Id", "InvoiceId", "Position", "ProductId", "ProductName", "Quantity", "UnitPriceMonthlyMinor", "AmountMinor", "Version")
        SELECT 'ivl_' || md5(oi."Id"), inv."Id", row_number() OVER (PARTITION BY oi."OrderId" ORDER BY oi."Id"), oi."ProductId", oi."ProductName",
            oi."Quantity", oi."UnitPriceMonthlyMinor", oi."LineTotalMinor", 1
        FROM inv JOIN order_items oi ON oi."OrderId" = inv."OrderId"
        """;

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

    private static async Task<int> ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        return await command.ExecuteNonQueryAsync();
    }
}
