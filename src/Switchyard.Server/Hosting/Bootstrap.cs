using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Switchyard.Data;
using Switchyard.Domain.Access;
using Switchyard.Server.Clock;

namespace Switchyard.Server.Hosting;

/// <summary>
/// Start-up work: upgrade the schema (never drop), restore the manual clock, create the first
/// operator on an empty database and print how to sign in, load demo data when asked.
/// </summary>
public sealed class Bootstrap(IServiceScopeFactory scopes, SwitchyardSettings settings, TimeProvider clock, ILogger<Bootstrap> logger)
    : IHostedService
{
    public const string FirstOperatorEmail = "operator@switchyard.local";

    private int _done;

    // Runs before the server accepts requests: nothing is served from an old schema. Program runs it before the
    // host starts (so a bad database ends the start with one line); a test host runs it here.
    public Task StartAsync(CancellationToken cancellationToken) => RunOnceAsync(cancellationToken);

    /// <summary>The start-up work, once per process.</summary>
    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _done, 1) == 0)
        {
            await RunAsync(settings.PublicUrl, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task RunAsync(string? publicUrl, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SwitchyardDb>();
        db.Scope.ForSystem("system:bootstrap");
        // Start-up on an up-to-date database (the usual case) only reads the migrations history: MigrateAsync would
        // also take the migrations lock and compare the model with the migrations' snapshot, which costs more than
        // the rest of the start. A forgotten migration is caught by MigrationTests instead.
        if ((await db.Database.GetPendingMigrationsAsync(ct)).Any())
        {
            await db.Database.MigrateAsync(ct);
        }
        if (db.Database.IsSqlite())
        {
            // OPS-3: WAL (readers never wait for the writer); a database created elsewhere in another mode is switched.
            // OPS-4: writing the header's user_version (to its own value) fails now, not on the first request, when
            // the file is read-only.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;", ct);
            var version = await db.Database.SqlQueryRaw<long>("SELECT user_version AS \"Value\" FROM pragma_user_version").SingleAsync(ct);
#pragma warning disable EF1003 // a number read from the database, formatted invariantly
            await db.Database.ExecuteSqlRawAsync("PRAGMA user_version = " + version.ToString(System.Globalization.CultureInfo.InvariantCulture) + ";", ct);
#pragma warning restore EF1003
        }

        if (clock is ManualTimeProvider manual && await db.ClockStates.AsNoTracking().SingleOrDefaultAsync(ct) is { } saved)
        {
            manual.TryAdvanceTo(saved.Now);
        }

        if (!await db.ConsoleUsers.AnyAsync(u => u.Kind == ActorKind.Operator, ct))
        {
            await CreateFirstOperatorAsync(db, scope.ServiceProvider, publicUrl ?? "http://localhost:5080", ct);
        }

        if (settings.Demo)
        {
            await scope.ServiceProvider.GetRequiredService<DemoData>().LoadAsync(db, publicUrl ?? "http://localhost:5080", ct);
        }
    }

    private async Task CreateFirstOperatorAsync(SwitchyardDb db, IServiceProvider services, string url, CancellationToken ct)
    {
        var password = Secrets.Random(20);
        var hasher = services.GetRequiredService<IPasswordHasher<ConsoleUser>>();
        var user = ConsoleUser.Operator(FirstOperatorEmail, "pending", clock.GetUtcNow());
        user.ChangePassword(hasher.HashPassword(user, password));
        db.ConsoleUsers.Add(user);
        IssuedKey? key = null;
        if (settings.OperatorKey is null)
        {
            key = ApiKey.ForOperator("First operator key", "system:bootstrap", clock.GetUtcNow());
            db.ApiKeys.Add(key.Key);
        }
        await db.SaveChangesAsync(ct);

        // Printed once, on the first start: the password and key are stored only as hashes.
        var lines = new List<string>
        {
            "",
            "=== Switchyard is ready ===",
            $"Console: {url}/console",
            $"  sign in as {FirstOperatorEmail} with password {password}",
            $"  (shown only this once; change it with \"Change password\" next to your email, or at {url}/console/account/password)",
        };
        lines.Add(key is not null
            ? $"Operator API key (shown only this once): {key.Token}"
            : "Operator API key: the value of SWITCHYARD_OPERATOR_KEY");
        lines.Add($"API reference: {url}/docs  ·  OpenAPI: {url}/openapi/v1.json");
        lines.Add("");
        foreach (var line in lines)
        {
            Console.WriteLine(line);
        }
        logger.LogInformation("Created the first operator {Email}", FirstOperatorEmail);
    }
}
