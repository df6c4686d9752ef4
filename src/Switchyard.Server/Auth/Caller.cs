using System.Security.Claims;
using Switchyard.Domain.Access;
using Switchyard.Domain.Customers;

namespace Switchyard.Server.Auth;

/// <summary>The authenticated caller of a request, read from its claims.</summary>
public sealed record Caller(ActorKind Kind, string Id, string? PartnerId, string? OrgId, string? CustomerUserId, IReadOnlyList<string> Permissions, string Actor)
{
    public const string KindClaim = "sy:kind";
    public const string IdClaim = "sy:id";
    public const string PartnerClaim = "sy:partner";
    public const string OrgClaim = "sy:org";
    public const string CustomerUserClaim = "sy:customerUser";
    public const string PermissionClaim = "sy:perm";
    public const string ActorClaim = "sy:actor";

    public bool Has(string permission) => Permissions.Contains(permission, StringComparer.Ordinal);

    /// <summary>The partner of a partner user; throws when used on another kind of caller (a bug).</summary>
    public string RequirePartnerId() => PartnerId ?? throw new InvalidOperationException("Not a partner caller.");

    /// <summary>The caller's customer org as a typed id; for a caller of no org, an empty id that matches no row.</summary>
    public CustomerOrgId Org => CustomerOrgId.From(OrgId ?? "");

    /// <summary>
    /// Binds an endpoint's <c>Caller caller</c> parameter from the authenticated user. Endpoints that take one
    /// require authentication, so a request reaching them always has a caller.
    /// </summary>
    public static ValueTask<Caller?> BindAsync(HttpContext context) => ValueTask.FromResult(From(context.User));

    public static Caller? From(ClaimsPrincipal principal)
    {
        var kind = principal.FindFirstValue(KindClaim);
        if (kind is null || !Enum.TryParse<ActorKind>(kind, out var parsed))
        {
            return null;
        }
        return new Caller(parsed, principal.FindFirstValue(IdClaim) ?? "", principal.FindFirstValue(PartnerClaim),
            principal.FindFirstValue(OrgClaim), principal.FindFirstValue(CustomerUserClaim),
            principal.FindAll(PermissionClaim).Select(c => c.Value).ToArray(), principal.FindFirstValue(ActorClaim) ?? "unknown");
    }

    public IEnumerable<Claim> ToClaims()
    {
        yield return new Claim(KindClaim, Kind.ToString());
        yield return new Claim(IdClaim, Id);
        yield return new Claim(ActorClaim, Actor);
        yield return new Claim(ClaimTypes.Name, Actor);
        if (PartnerId is not null)
        {
            yield return new Claim(PartnerClaim, PartnerId);
        }
        if (OrgId is not null)
        {
            yield return new Claim(OrgClaim, OrgId);
        }
        if (CustomerUserId is not null)
        {
            yield return new Claim(CustomerUserClaim, CustomerUserId);
        }
        foreach (var permission in Permissions)
        {
            yield return new Claim(PermissionClaim, permission);
        }
    }

    public static Caller ForKey(ApiKey key) => new(key.Kind, key.Id, key.PartnerId, key.CustomerOrgId?.Value, key.CustomerUserId?.Value,
        key.PermissionList, $"{ActorName(key.Kind)}:{key.Id}");

    public static Caller ForConsoleUser(ConsoleUser user) => new(user.Kind, user.Id, user.PartnerId, user.CustomerOrgId?.Value, null,
        user.PermissionList, $"{ActorName(user.Kind)}:{user.Email}");

    public static readonly Caller BootstrapOperator = new(ActorKind.Operator, "bootstrap", null, null, null, [], "operator:bootstrap-key");

    private static string ActorName(ActorKind kind) => kind switch
    {
        ActorKind.Operator => "operator",
        ActorKind.PartnerUser => "partnerUser",
        ActorKind.CustomerUser => "customerUser",
    };
}
