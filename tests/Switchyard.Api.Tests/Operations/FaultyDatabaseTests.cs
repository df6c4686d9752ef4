using System.Data.Common;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Switchyard.Api.Tests.Infrastructure;
using Switchyard.Api.Tests.Offers;

namespace Switchyard.Api.Tests.Operations;

/// <summary>Makes the database fail on demand: writes as if the disk were full, or any command with a bug-like exception.</summary>
public sealed class FaultInjector : DbCommandInterceptor
{
    private volatile bool _diskFull;
    private volatile bool _bug;

    public bool DiskFull
    {
        get => _diskFull;
        set => _diskFull = value;
    }

    public bool Bug
    {
        get => _bug;
        set => _bug = value;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Fail(command);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Fail(command);
        return ValueTask.FromResult(result);
    }

    private void Fail(DbCommand command)
    {
        var text = command.CommandText.TrimStart();
        // PostgreSQL leaves lower-case names unquoted, SQLite quotes them.
        if (Bug && System.Text.RegularExpressions.Regex.IsMatch(text, "\\bpartners\\b"))
        {
            throw new InvalidOperationException("injected bug");
        }
        if (DiskFull && (text.StartsWith("INSERT", StringComparison.OrdinalIgnoreCase) || text.StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase)))
        {
            throw command is SqliteCommand
                ? new SqliteException("database or disk is full", 13)
                : new PostgresException("could not extend file: No space left on device", "ERROR", "ERROR", "53100");
        }
    }
}

/// <summary>A server whose database can be made to fail, with every log entry captured.</summary>
public sealed class FaultyDatabaseApp : SwitchyardApp
{
    public FaultInjector Faults { get; } = new();

    public LogCapture Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(s => s.AddSingleton<IInterceptor>(Faults));
        builder.ConfigureLogging(l => l.AddProvider(Logs));
    }
}

/// <summary>OPS-4 (a full database answers 503 and fails readiness) and OPS-2 (what is logged as an error, and how).</summary>
public class FaultyDatabaseTests(FaultyDatabaseApp app) : IClassFixture<FaultyDatabaseApp>
{
    [Fact]
    [Trait("rule", "OPS-4")]
    public async Task DiskFull_Answers503WithRetryAfter_ReadinessFails_LivenessStaysCheap_ThenRecovers_OPS4()
    {
        var op = app.Operator();
        await (await op.GetAsync(new Uri("/health/ready", UriKind.Relative))).ExpectAsync(HttpStatusCode.OK);
        app.Faults.DiskFull = true;
        try
        {
            var response = await op.PostJsonAsync("/v1/partners", new { name = "Full Disk" });
            var problem = await response.ExpectAsync(HttpStatusCode.ServiceUnavailable);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("databaseUnavailable", problem.Code());
            Assert.NotNull(problem["traceId"]);
            Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);

            var ready = await op.GetAsync(new Uri("/health/ready", UriKind.Relative));
            var readiness = await ready.ExpectAsync(HttpStatusCode.ServiceUnavailable);
            Assert.Equal("unavailable", readiness["status"]!.GetValue<string>());
            Assert.NotNull(ready.Headers.RetryAfter);
            await (await op.GetAsync(new Uri("/health", UriKind.Relative))).ExpectAsync(HttpStatusCode.OK);
        }
        finally
        {
            app.Faults.DiskFull = false;
        }
        // Space again: the next write succeeds and readiness follows.
        await (await op.PostJsonAsync("/v1/partners", new { name = "Space Again" })).ExpectAsync(HttpStatusCode.Created);
        await (await op.GetAsync(new Uri("/health/ready", UriKind.Relative))).ExpectAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(app.Logs.Entries, e => e.Level >= LogLevel.Error);
    }

    [Fact]
    [Trait("rule", "OPS-2")]
    public async Task ExpectedOutcomes_AreNotLoggedAsErrors_AndAnUnexpectedOneCarriesTheTraceId_OPS2()
    {
        var op = app.Operator();
        app.Logs.Clear();
        // A validation failure, a state conflict, and a race on a unique index (20 creates of one org id at once).
        await (await op.PostJsonAsync("/v1/partners", new { name = "" })).ExpectAsync(HttpStatusCode.UnprocessableEntity);
        var partnerId = await app.CreatePartnerAsync("Twice Approved");
        var again = await op.PostAsync(new Uri($"/v1/partners/{partnerId}/approve", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var racing = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => app.Operator().PostJsonAsync("/v1/customer-orgs", new { orgId = "00D0000000RACE1", name = "Race" })));
        Assert.Single(racing, r => r.StatusCode == HttpStatusCode.Created);
        // The losers are told the org exists (422 duplicateOrg) or lost the race at the unique index (409).
        Assert.All(racing, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict or HttpStatusCode.UnprocessableEntity, $"{(int)r.StatusCode}"));
        Assert.DoesNotContain(app.Logs.Entries, e => e.Level >= LogLevel.Error);

        // A bug: one error line, naming the trace id the client was given.
        app.Faults.Bug = true;
        HttpResponseMessage response;
        try
        {
            response = await op.GetAsync(new Uri("/v1/partners", UriKind.Relative));
        }
        finally
        {
            app.Faults.Bug = false;
        }
        var problem = await response.ExpectAsync(HttpStatusCode.InternalServerError);
        var traceId = problem["traceId"]!.GetValue<string>();
        var errors = app.Logs.Entries.Where(e => e.Level >= LogLevel.Error).ToList();
        var error = Assert.Single(errors);
        Assert.Contains(traceId, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("rule", "OPS-2")]
    public async Task LoadingOffersAndOrders_RaisesNoMultipleCollectionWarning_OPS2()
    {
        var scenario = await OfferScenario.CreateAsync(app);
        var offerId = await scenario.SentAsync();
        var orderId = await scenario.AcceptedOrderAsync(offerId);
        app.Logs.Clear();
        await (await scenario.Partner.GetAsync(new Uri("/v1/offers", UriKind.Relative))).ExpectAsync(HttpStatusCode.OK);
        await (await scenario.Partner.GetAsync(new Uri($"/v1/offers/{offerId}", UriKind.Relative))).ExpectAsync(HttpStatusCode.OK);
        await (await scenario.Partner.GetAsync(new Uri("/v1/orders", UriKind.Relative))).ExpectAsync(HttpStatusCode.OK);
        await (await scenario.Partner.GetAsync(new Uri($"/v1/orders/{orderId}", UriKind.Relative))).ExpectAsync(HttpStatusCode.OK);
        await (await app.Operator().GetAsync(new Uri("/v1/operator/orders", UriKind.Relative))).ExpectAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(app.Logs.Entries, e => e.EventId.Id == RelationalEventId.MultipleCollectionIncludeWarning.Id || e.Level >= LogLevel.Warning);
    }
}
