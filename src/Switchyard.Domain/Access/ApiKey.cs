using Switchyard.Domain.Common;
using Switchyard.Domain.Customers;
using Switchyard.Domain.Partners;

namespace Switchyard.Domain.Access;

/// <summary>
/// SEC-2: an API key. The secret is shown once at creation; only its hash and a short public
/// prefix (for lookup and for people to recognise it) are stored.
/// </summary>
public sealed class ApiKey : Entity<string>, IAudited
{
    public const string TokenPrefix = "sy_";
    private const int LookupLength = 10;
    private const int SecretLength = 32;

    private ApiKey() { }

    public ActorKind Kind { get; private set; }
    public string? PartnerId { get; private set; }
    public CustomerOrgId? CustomerOrgId { get; private set; }
    public CustomerUserId? CustomerUserId { get; private set; }
    public string Name { get; private set; } = "";

    /// <summary>The public start of the key, e.g. sy_Ab3dE6gH9k: unique, used to find the row.</summary>
    public string Prefix { get; private set; } = "";
    public string Hash { get; private set; } = "";

    /// <summary>Stored as a space-separated list; see <see cref="PermissionList"/>.</summary>
    public string Permissions { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";
    public DateTimeOffset? LastUsedAt { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }

    public IReadOnlyList<string> PermissionList => Permissions.Split(' ', StringSplitOptions.RemoveEmptyEntries);
    public bool IsRevoked => RevokedAt is not null;

    /// <summary>A partner user's key; PRM-4: only partner permissions may be granted.</summary>
    public static Result<IssuedKey> ForPartner(Partner partner, IReadOnlyList<string>? permissions, string? name, string createdBy, DateTimeOffset now)
    {
        var errors = new List<Error>();
        if (permissions is null || permissions.Count == 0)
        {
            errors.Add(Errors.Validation("required", "permissions", $"Grant at least one of {string.Join(", ", Partners.Permissions.PartnerPermissions)}."));
        }
        else
        {
            foreach (var unknown in permissions.Where(p => !Partners.Permissions.IsPartnerPermission(p)))
            {
                errors.Add(Errors.Validation("unknownPermission", "permissions",
                    $"'{unknown}' cannot be granted to a partner user; choose from {string.Join(", ", Partners.Permissions.PartnerPermissions)}."));
            }
        }
        Validate.MaxLength(errors, "name", name);
        if (errors.Count > 0)
        {
            return Result<IssuedKey>.Failure(errors);
        }
        return Issue(ActorKind.PartnerUser, name ?? "API key", string.Join(' ', permissions!.Distinct(StringComparer.Ordinal)), createdBy, now,
            partnerId: partner.Id);
    }

    public static IssuedKey ForCustomerUser(CustomerOrgId orgId, CustomerUserId customerUserId, string? name, string createdBy, DateTimeOffset now) =>
        Issue(ActorKind.CustomerUser, name ?? "Customer key", "", createdBy, now, customerOrgId: orgId, customerUserId: customerUserId);

    public static IssuedKey ForOperator(string? name, string createdBy, DateTimeOffset now) =>
        Issue(ActorKind.Operator, name ?? "Operator key", "", createdBy, now);

    /// <summary>The public prefix of a presented token, or null when it is not shaped like one of ours.</summary>
    public static string? PrefixOf(string token) =>
        token.StartsWith(TokenPrefix, StringComparison.Ordinal) && token.Length == TokenPrefix.Length + LookupLength + 1 + SecretLength
            ? token[..(TokenPrefix.Length + LookupLength)]
            : null;

    public bool Matches(string token) => !IsRevoked && Secrets.HashMatches(token, Hash);

    public void MarkUsed(DateTimeOffset now) => LastUsedAt = now;

    public Result<Unit> Revoke(DateTimeOffset now)
    {
        if (IsRevoked)
        {
            return Errors.Conflict("keyAlreadyRevoked", "This key is already revoked.");
        }
        RevokedAt = now;
        return Result.Ok();
    }

    private static IssuedKey Issue(ActorKind kind, string name, string permissions, string createdBy, DateTimeOffset now,
        string? partnerId = null, CustomerOrgId? customerOrgId = null, CustomerUserId? customerUserId = null)
    {
        var prefix = TokenPrefix + Secrets.Random(LookupLength);
        var token = prefix + "_" + Secrets.Random(SecretLength);
        var key = new ApiKey
        {
            Id = Ids.New(Ids.ApiKey),
            Kind = kind,
            PartnerId = partnerId,
            CustomerOrgId = customerOrgId,
            CustomerUserId = customerUserId,
            Name = name,
            Prefix = prefix,
            Hash = Secrets.Hash(token),
            Permissions = permissions,
            CreatedAt = now,
            CreatedBy = createdBy,
        };
        return new IssuedKey(key, token);
    }
}

/// <summary>A key just issued, with its secret token: show it once, never store it.</summary>
public sealed record IssuedKey(ApiKey Key, string Token);
