using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Switchyard.Data;
using Switchyard.Server.Auth;

namespace Switchyard.Server.Http;

/// <summary>
/// SEC-3: a POST with an Idempotency-Key runs once per key owner. A retry with the same request gets
/// the first response back (same status, same body); the same key with another request answers 409,
/// and so does a retry while the first is still running.
/// </summary>
/// <remarks>
/// The key is claimed by inserting its row before the request runs: the primary key makes two
/// concurrent first attempts impossible on every provider. Server errors release the claim, since
/// nothing was written and a retry should run again.
/// </remarks>
public sealed class IdempotencyMiddleware(RequestDelegate next)
{
    public const string Header = "Idempotency-Key";
    private const int MaxKeyLength = 255;

    public async Task InvokeAsync(HttpContext context, IServiceScopeFactory scopes, TimeProvider clock)
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
            db.IdempotencyRecords.Add(new IdempotencyRecord { Owner = owner, Key = key, RequestHash = requestHash, CreatedAt = clock.GetUtcNow() });
            try
            {
                await db.SaveChangesAsync(context.RequestAborted);
            }
            catch (DbUpdateException)
            {
                var existing = await db.IdempotencyRecords.AsNoTracking()
                    .SingleOrDefaultAsync(r => r.Owner == owner && r.Key == key, context.RequestAborted);
                await AnswerRepeatAsync(context, existing, requestHash);
                return;
            }
        }

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
            context.Response.Body = originalBody;
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SwitchyardDb>();
            var record = await db.IdempotencyRecords.SingleAsync(r => r.Owner == owner && r.Key == key, CancellationToken.None);
            if (!completed || context.Response.StatusCode >= 500)
            {
                db.IdempotencyRecords.Remove(record);
            }
            else
            {
                record.StatusCode = context.Response.StatusCode;
                record.ContentType = context.Response.ContentType;
                record.Location = context.Response.Headers.Location;
                record.Body = buffer.ToArray();
            }
            await db.SaveChangesAsync(CancellationToken.None);
        }
        buffer.Position = 0;
        await buffer.CopyToAsync(originalBody, context.RequestAborted);
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
