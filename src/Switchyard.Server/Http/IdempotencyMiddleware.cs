using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Switchyard.Data;
using Switchyard.Server.Auth;
using Switchyard.Server.Outbox;

namespace Switchyard.Server.Http;

/// <summary>
/// SEC-3: a POST with an Idempotency-Key runs once per key owner. A retry with the same request gets
/// the first response back (same status, same body); the same key with another request answers 409,
/// and so does a retry while the first is still running.
/// </summary>
/// <remarks>
/// The key is claimed by inserting its row before the request runs (INSERT … ON CONFLICT DO NOTHING):
/// the primary key makes two concurrent first attempts impossible on every provider, and a repeat is
/// an expected outcome, never a logged database error (OPS-2). Server errors release the claim, since
/// nothing was written and a retry should run again. OPS-5: the claim holds for a short wall-clock
/// lease (SWITCHYARD_IDEMPOTENCY_LEASE_SECONDS, 30 s by default), renewed while the request runs; a
/// claim left by a request that never finished (a crash, a lost database) is taken over by the next
/// retry once its lease has passed.
/// </remarks>
public sealed class IdempotencyMiddleware(RequestDelegate next, IConfiguration config, ILogger<IdempotencyMiddleware> logger)
{
    public const string Header = "Idempotency-Key";
    private const int MaxKeyLength = 255;

    /// <summary>OPS-5: how long a claim holds without renewal.</summary>
    public TimeSpan Lease { get; } = TimeSpan.FromSeconds(
        double.TryParse(config["SWITCHYARD_IDEMPOTENCY_LEASE_SECONDS"], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var s)
        && s is >= 1 and <= 86_400 ? s : 30);

    public async Task InvokeAsync(HttpContext context, IServiceScopeFactory scopes, TimeProvider clock, WallClock wall)
    {
        if (!HttpMethods.IsPost(context.Request.Method)
            || !context.Request.Headers.TryGetValue(Header, out var values)
            || Caller.From(context.User) is not { } caller)
        {
            await next(context);
            return;
        }
        var key = values.ToString();
        if (key.Length is 0 or > MaxKeyLength)
        {
            await Problems.Write(context, StatusCodes.Status400BadRequest, "invalidIdempotencyKey", "Invalid Idempotency-Key",
                $"An Idempotency-Key has 1 to {MaxKeyLength} characters.");
            return;
        }

        context.Request.EnableBuffering();
        var requestHash = await HashRequestAsync(context.Request);
        var owner = caller.Id;

        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SwitchyardDb>();
            if (!await ClaimAsync(db, owner, key, requestHash, clock.GetUtcNow(), wall.Now, context.RequestAborted))
            {
                var existing = await db.IdempotencyRecords.AsNoTracking()
                    .SingleOrDefaultAsync(r => r.Owner == owner && r.Key == key, context.RequestAborted);
                await AnswerRepeatAsync(context, existing, requestHash);
                return;
            }
        }

        using var renewal = new CancellationTokenSource();
        var renewing = RenewWhileRunningAsync(scopes, wall, owner, key, renewal.Token);
        var originalBody = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        var completed = false;
        try
        {
            await next(context);
            completed = true;
        }
        finally
        {
            await renewal.CancelAsync();
            await renewing;
            context.Response.Body = originalBody;
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SwitchyardDb>();
            var claim = db.IdempotencyRecords.Where(r => r.Owner == owner && r.Key == key && r.StatusCode == 0);
            if (!completed || context.Response.StatusCode >= 500)
            {
                await claim.ExecuteDeleteAsync(CancellationToken.None);
            }
            else
            {
                var status = context.Response.StatusCode;
                var contentType = context.Response.ContentType;
                string? location = context.Response.Headers.Location;
                var body = buffer.ToArray();
                await claim.ExecuteUpdateAsync(r => r
                    .SetProperty(x => x.StatusCode, status)
                    .SetProperty(x => x.ContentType, contentType)
                    .SetProperty(x => x.Location, location)
                    .SetProperty(x => x.Body, body)
                    .SetProperty(x => x.ClaimedUntil, (DateTimeOffset?)null), CancellationToken.None);
            }
        }
        buffer.Position = 0;
        await buffer.CopyToAsync(originalBody, context.RequestAborted);
    }

    /// <summary>
    /// Claims the key: inserts its row, or takes over a claim whose lease has passed (OPS-5). False when
    /// the key is held by a running request or already has its answer.
    /// </summary>
    private async Task<bool> ClaimAsync(SwitchyardDb db, string owner, string key, string requestHash, DateTimeOffset now, DateTimeOffset wallNow, CancellationToken ct)
    {
        var until = wallNow + Lease;
        var entity = db.Model.FindEntityType(typeof(IdempotencyRecord))!;
        object? Stored(string property, object? value) =>
            entity.FindProperty(property)!.GetTypeMapping().Converter is { } converter ? converter.ConvertToProvider(value) : value;
        // No exception (and no error logged) when the key exists: a repeat is an expected outcome (OPS-2).
        var inserted = await db.Database.ExecuteSqlRawAsync(
            "INSERT INTO idempotency_records (\"Owner\", \"Key\", \"RequestHash\", \"StatusCode\", \"Body\", \"CreatedAt\", \"ClaimedUntil\") "
            + "VALUES ({0}, {1}, {2}, 0, {3}, {4}, {5}) ON CONFLICT DO NOTHING",
            [owner, key, requestHash, Array.Empty<byte>(), Stored(nameof(IdempotencyRecord.CreatedAt), now)!, Stored(nameof(IdempotencyRecord.ClaimedUntil), until)!],
            ct);
        if (inserted == 1)
        {
            return true;
        }
        // OPS-5: a claim whose lease has passed belongs to a request that never finished; the first retry to
        // swap the lease takes it over (compare-and-set on the old lease, so two retries cannot both win).
        var abandoned = await db.IdempotencyRecords.AsNoTracking()
            .Where(r => r.Owner == owner && r.Key == key && r.StatusCode == 0 && (r.ClaimedUntil == null || r.ClaimedUntil <= wallNow))
            .Select(r => new { r.ClaimedUntil })
            .SingleOrDefaultAsync(ct);
        if (abandoned is null)
        {
            return false;
        }
        var previous = abandoned.ClaimedUntil;
        var taken = await db.IdempotencyRecords
            .Where(r => r.Owner == owner && r.Key == key && r.StatusCode == 0 && r.ClaimedUntil == previous)
            .ExecuteUpdateAsync(r => r
                .SetProperty(x => x.ClaimedUntil, until)
                .SetProperty(x => x.RequestHash, requestHash)
                .SetProperty(x => x.CreatedAt, now), ct);
        if (taken == 1)
        {
            logger.LogInformation("Idempotency-Key claim of {Owner} left by an unfinished request was released after its lease; this retry proceeds", owner);
        }
        return taken == 1;
    }

    /// <summary>OPS-5: keeps a running request's claim alive, so only a claim nobody renews expires.</summary>
    private async Task RenewWhileRunningAsync(IServiceScopeFactory scopes, WallClock wall, string owner, string key, CancellationToken stop)
    {
        try
        {
            using var timer = new PeriodicTimer(Lease / 3);
            while (await timer.WaitForNextTickAsync(stop))
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var db = scope.ServiceProvider.GetRequiredService<SwitchyardDb>();
                    var until = wall.Now + Lease;
                    await db.IdempotencyRecords.Where(r => r.Owner == owner && r.Key == key && r.StatusCode == 0)
                        .ExecuteUpdateAsync(r => r.SetProperty(x => x.ClaimedUntil, until), stop);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Could not renew an Idempotency-Key claim; it stays valid until its lease ends");
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The request finished.
        }
    }

    private static async Task AnswerRepeatAsync(HttpContext context, IdempotencyRecord? existing, string requestHash)
    {
        if (existing is null || existing.StatusCode == 0)
        {
            context.Response.Headers.RetryAfter = "1";
            await Problems.Write(context, StatusCodes.Status409Conflict, "requestInProgress", "Request in progress",
                "A request with this Idempotency-Key is still running; retry in a moment.");
            return;
        }
        if (existing.RequestHash != requestHash)
        {
            await Problems.Write(context, StatusCodes.Status409Conflict, "idempotencyKeyReused", "Idempotency-Key reused",
                "This Idempotency-Key was already used with a different request; use a new key for a new request.");
            return;
        }
        context.Response.StatusCode = existing.StatusCode;
        if (existing.ContentType is not null)
        {
            context.Response.ContentType = existing.ContentType;
        }
        if (existing.Location is not null)
        {
            context.Response.Headers.Location = existing.Location;
        }
        context.Response.Headers["Idempotent-Replayed"] = "true";
        await context.Response.Body.WriteAsync(existing.Body, context.RequestAborted);
    }

    private static async Task<string> HashRequestAsync(HttpRequest request)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString}\n"));
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            hash.AppendData(chunk, 0, read);
        }
        request.Body.Position = 0;
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
