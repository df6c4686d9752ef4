using Switchyard.Domain.Access;

namespace Switchyard.Server.Access;

public sealed record IssuePartnerKeyRequest(IReadOnlyList<string>? Permissions, string? Name);

public sealed record IssueOperatorKeyRequest(string? Name);

/// <summary>A key just issued: `key` is the secret, shown this once and never again.</summary>
public sealed record IssuedKeyDto(string Id, string Key, string Prefix, ActorKind Kind, IReadOnlyList<string> Permissions, DateTimeOffset CreatedAt)
{
    public static IssuedKeyDto From(IssuedKey issued) => new(issued.Key.Id, issued.Token, issued.Key.Prefix, issued.Key.Kind,
        issued.Key.PermissionList, issued.Key.CreatedAt);
}

/// <summary>A key as listed: prefix, permissions and last use; never the secret.</summary>
public sealed record ApiKeyDto(
    string Id, string Name, string Prefix, ActorKind Kind, string? PartnerId, string? CustomerOrgId, IReadOnlyList<string> Permissions,
    DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt)
{
    public static ApiKeyDto From(ApiKey k) => new(k.Id, k.Name, k.Prefix, k.Kind, k.PartnerId, k.CustomerOrgId?.Value, k.PermissionList,
        k.CreatedAt, k.CreatedBy, k.LastUsedAt, k.RevokedAt);
}

public sealed record InvitePartnerUserRequest(string? Email, IReadOnlyList<string>? Permissions);

/// <summary>The invitation link is shown once; the user opens it to set a password.</summary>
public sealed record InvitationDto(string UserId, string Email, IReadOnlyList<string> Permissions, string InvitationUrl, DateTimeOffset ExpiresAt);
