using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Switchyard.Data;
using Switchyard.Domain.Access;
using Switchyard.Domain.Partners;
using Switchyard.Server.Hosting;

namespace Switchyard.Server.Auth;

/// <summary>
/// Bearer API keys (SEC-2): found by their public prefix, checked against the stored hash in constant
/// time. The bootstrap operator key from SWITCHYARD_OPERATOR_KEY is accepted as is.
/// </summary>
public sealed class ApiKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    SwitchyardDb db, SwitchyardSettings settings, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public new const string Scheme = "ApiKey";

    // Writing last-used on every request would turn every read into a write; a minute is precise enough.
    private static readonly TimeSpan LastUsedPrecision = TimeSpan.FromMinutes(1);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header))
        {
            return AuthenticateResult.NoResult();
        }
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.Fail("Use 'Authorization: Bearer <api key>'.");
        }
        var token = header["Bearer ".Length..].Trim();

        if (settings.OperatorKey is { } bootstrap && FixedTimeEquals(token, bootstrap))
        {
            return Success(Caller.BootstrapOperator);
        }

        var prefix = ApiKey.PrefixOf(token);
        if (prefix is null)
        {
            return AuthenticateResult.Fail("The API key is not valid.");
        }
        // One round trip for the key and its partner's status, which PartnerStatusGate checks next (ONB-1).
        var found = await db.ApiKeys.IgnoreQueryFilters().AsNoTracking().Where(k => k.Prefix == prefix)
            .Select(k => new
            {
                Key = k,
                PartnerStatus = db.Partners.IgnoreQueryFilters().Where(p => p.Id == k.PartnerId).Select(p => (PartnerStatus?)p.Status).FirstOrDefault(),
            })
            .SingleOrDefaultAsync(Context.RequestAborted);
        var key = found?.Key;
        if (key is null || !key.Matches(token))
        {
            return AuthenticateResult.Fail("The API key is not valid or has been revoked.");
        }
        if (key.PartnerId is not null)
        {
            PartnerStatusGate.Remember(Context, found!.PartnerStatus);
        }

        var now = clock.GetUtcNow();
        if (key.LastUsedAt is null || now - key.LastUsedAt > LastUsedPrecision)
        {
            await db.ApiKeys.IgnoreQueryFilters().Where(k => k.Id == key.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), Context.RequestAborted);
        }
        return Success(Caller.ForKey(key));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var failure = (await HandleAuthenticateOnceSafeAsync()).Failure?.Message;
        Response.Headers.WWWAuthenticate = "Bearer";
        await Http.Problems.Write(Context, StatusCodes.Status401Unauthorized, "unauthenticated", "Authentication required",
            failure ?? "Send an API key as 'Authorization: Bearer <key>'.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Http.Problems.Write(Context, StatusCodes.Status403Forbidden, "forbidden", "Forbidden", "This key may not do that.");

    private AuthenticateResult Success(Caller caller)
    {
        var identity = new ClaimsIdentity(caller.ToClaims(), Scheme);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme));
    }

    private static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(a)), SHA256.HashData(Encoding.UTF8.GetBytes(b)));
}
