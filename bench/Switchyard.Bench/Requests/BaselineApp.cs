using System.Data.Common;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Npgsql;
using Switchyard.Domain.Access;

namespace Switchyard.Bench.Requests;

/// <summary>
/// The hand-written yardstick for the request benchmark: a minimal ASP.NET Core app that does the same
/// work as Switchyard's `GET /v1/offers/{id}` and `POST /v1/offers` on the same tables with raw ADO.NET
/// (Npgsql or Microsoft.Data.Sqlite): find the API key by prefix and check its hash, read the offer and
/// its items (tenant-checked) or the customer and its one candidate parent order, insert the draft and
/// its audit entry in one transaction, answer JSON. No EF Core, no validation framework, no middleware
/// beyond routing.
/// </summary>
internal sealed class BaselineApp : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _provider;
    private readonly string _connection;
    private readonly NpgsqlDataSource? _postgres;

    private BaselineApp(WebApplication app, string provider, string connection)
    {
        _app = app;
        _provider = provider;
        _connection = connection;
        _postgres = provider == "postgres" ? NpgsqlDataSource.Create(connection) : null;
    }

    public Uri Address => new(_app.Urls.First());

    public static async Task<BaselineApp> StartAsync(string provider, string connection)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var baseline = new BaselineApp(app, provider, connection);
        app.MapGet("/v1/offers/{id}", baseline.GetOfferAsync);
        app.MapPost("/v1/offers", baseline.CreateOfferAsync);
        await app.StartAsync();
        return baseline;
    }

    private async Task<DbConnection> OpenAsync(CancellationToken ct)
    {
        if (_postgres is not null)
        {
            return await _postgres.OpenConnectionAsync(ct);
        }
        var sqlite = new SqliteConnection(_connection);
        await sqlite.OpenAsync(ct);
        return sqlite;
    }

    private static DbCommand Command(DbConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var p = command.CreateParameter();
            p.ParameterName = name;
            p.Value = value ?? DBNull.Value;
            command.Parameters.Add(p);
        }
        return command;
    }

    /// <summary>The partner id of a valid, unrevoked partner key, or null.</summary>
    private static async Task<string?> PartnerOfAsync(DbConnection connection, HttpRequest request, CancellationToken ct)
    {
        string? header = request.Headers.Authorization;
        if (header is null || !header.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return null;
        }
        var token = header[7..];
        if (ApiKey.PrefixOf(token) is not { } prefix)
        {
            return null;
        }
        await using var command = Command(connection, "SELECT \"Hash\", \"PartnerId\" FROM api_keys WHERE \"Prefix\" = @p AND \"RevokedAt\" IS NULL", ("p", prefix));
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) && !reader.IsDBNull(1) && Secrets.HashMatches(token, reader.GetString(0)) ? reader.GetString(1) : null;
    }

    private async Task GetOfferAsync(string id, HttpContext http)
    {
        var ct = http.RequestAborted;
        await using var connection = await OpenAsync(ct);
        if (await PartnerOfAsync(connection, http.Request, ct) is not { } partner)
        {
            http.Response.StatusCode = 401;
            return;
        }
        using var buffer = new MemoryStream();
        await using (var json = new Utf8JsonWriter(buffer))
        {
            await using (var offer = Command(connection, "SELECT * FROM offers WHERE \"Id\" = @id AND \"PartnerId\" = @partner", ("id", id), ("partner", partner)))
            await using (var reader = await offer.ExecuteReaderAsync(ct))
            {
                if (!await reader.ReadAsync(ct))
                {
                    http.Response.StatusCode = 404;
                    return;
                }
                json.WriteStartObject();
                WriteColumns(json, reader);
            }
            json.WriteStartArray("items");
            await using (var items = Command(connection, "SELECT * FROM offer_items WHERE \"OfferId\" = @id ORDER BY \"Id\"", ("id", id)))
            await using (var reader = await items.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct))
                {
                    json.WriteStartObject();
                    WriteColumns(json, reader);
                    json.WriteEndObject();
                }
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        http.Response.ContentType = "application/json";
        await http.Response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), ct);
    }

    private static void WriteColumns(Utf8JsonWriter json, DbDataReader reader)
    {
        for (var i = 0; i < reader.FieldCount; i++)
        {
            var name = JsonNamingPolicy.CamelCase.ConvertName(reader.GetName(i));
            switch (reader.IsDBNull(i) ? null : reader.GetValue(i))
            {
                case null: json.WriteNull(name); break;
                case string s: json.WriteString(name, s); break;
                case long l: json.WriteNumber(name, l); break;
                case int n: json.WriteNumber(name, n); break;
                case bool b: json.WriteBoolean(name, b); break;
                case DateTime d: json.WriteString(name, d); break;
                case DateOnly d: json.WriteString(name, d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)); break;
                case var other: json.WriteString(name, Convert.ToString(other, System.Globalization.CultureInfo.InvariantCulture)); break;
            }
        }
    }

    private sealed record CreateBody(string? CustomerId, string? TermSet, int? ContractTermMonths, DateOnly? ServiceStartDate, DateOnly? ValidUntil,
        string? Terms, string? RecipientEmail, string? Currency);

    private async Task CreateOfferAsync(HttpContext http)
    {
        var ct = http.RequestAborted;
        var body = await http.Request.ReadFromJsonAsync<CreateBody>(ct);
        if (body?.CustomerId is null || body.TermSet is null || body.ServiceStartDate is not { } start || body.ValidUntil is not { } validUntil
            || body.Terms is null || body.RecipientEmail is null || body.Currency is null || body.ContractTermMonths is not { } months)
        {
            http.Response.StatusCode = 400;
            return;
        }
        await using var connection = await OpenAsync(ct);
        if (await PartnerOfAsync(connection, http.Request, ct) is not { } partner)
        {
            http.Response.StatusCode = 401;
            return;
        }
        string? orgId = null;
        await using (var customer = Command(connection, "SELECT \"OrgId\" FROM customers WHERE \"Id\" = @id AND \"PartnerId\" = @partner", ("id", body.CustomerId), ("partner", partner)))
        {
            orgId = await customer.ExecuteScalarAsync(ct) as string;
        }
        if (orgId is null)
        {
            http.Response.StatusCode = 422;
            return;
        }
        // The one order that decides initial vs add-on (Switchyard reads the same single row).
        await using (var parent = Command(connection,
            "SELECT \"Id\" FROM orders WHERE \"PartnerId\" = @partner AND \"CustomerOrgId\" = @org AND \"Status\" IN ('New', 'Processing', 'Activated') "
            + "ORDER BY CASE WHEN \"Type\" = 'Initial' THEN 0 ELSE 1 END, \"EndDate\" DESC LIMIT 1", ("partner", partner), ("org", orgId)))
        {
            _ = await parent.ExecuteScalarAsync(ct);
        }
        var now = TimeProvider.System.GetUtcNow();
        var id = "off_" + Guid.CreateVersion7().ToString("N");
        await using (var transaction = await connection.BeginTransactionAsync(ct))
        {
            await using (var insert = Command(connection,
                "INSERT INTO offers (\"Id\", \"PartnerId\", \"CustomerId\", \"CustomerOrgId\", \"Type\", \"Status\", \"TermSet\", \"ContractTermMonths\", "
                + "\"ServiceStartDate\", \"EndDate\", \"ValidUntil\", \"Terms\", \"RecipientEmail\", \"CurrencyCode\", \"SubtotalMinor\", \"TaxExempt\", \"CreatedAt\", \"Version\") "
                + "VALUES (@id, @partner, @customer, @org, 'Initial', 'Draft', @termSet, @months, @start, @end, @validUntil, @terms, @email, @currency, 0, FALSE, @now, 1)",
                ("id", id), ("partner", partner), ("customer", body.CustomerId), ("org", orgId), ("termSet", body.TermSet), ("months", months),
                ("start", Date(start)), ("end", Date(start.AddMonths(months).AddDays(-1))), ("validUntil", Date(validUntil)), ("terms", body.Terms),
                ("email", body.RecipientEmail), ("currency", body.Currency), ("now", Instant(now))))
            {
                insert.Transaction = transaction;
                await insert.ExecuteNonQueryAsync(ct);
            }
            await using (var audit = Command(connection,
                "INSERT INTO audit_entries (\"Id\", \"PartnerId\", \"ObjectId\", \"ObjectType\", \"Action\", \"Actor\", \"At\", \"Changes\") "
                + "VALUES (@id, @partner, @object, 'Offer', 'offer.created', @actor, @now, @changes)",
                ("id", "aud_" + Guid.CreateVersion7().ToString("N")), ("partner", partner), ("object", id), ("actor", "key:bench"), ("now", Instant(now)),
                ("changes", JsonSerializer.Serialize(body))))
            {
                audit.Transaction = transaction;
                await audit.ExecuteNonQueryAsync(ct);
            }
            await transaction.CommitAsync(ct);
        }
        http.Response.StatusCode = 201;
        http.Response.Headers.Location = "/v1/offers/" + id;
        await http.Response.WriteAsJsonAsync(new { id, status = "draft", customerId = body.CustomerId, serviceStartDate = start }, ct);
    }

    // The same storage formats as Switchyard's EF model: dates as dates (text on SQLite), instants as
    // timestamptz on PostgreSQL and as binary-encoded ticks on SQLite.
    private object Date(DateOnly date) => _provider == "postgres" ? date : date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private object Instant(DateTimeOffset instant) => _provider == "postgres" ? instant : TicksConverter.ConvertToProvider(instant)!;

    private static readonly Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter TicksConverter = new();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
    }
}
