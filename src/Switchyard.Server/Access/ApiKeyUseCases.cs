using Switchyard.Data;
using Switchyard.Domain.Access;
using Switchyard.Domain.Auditing;
using Switchyard.Domain.Common;
using Switchyard.Domain.Partners;

namespace Switchyard.Server.Access;

/// <summary>SEC-2: issuing and revoking API keys. Shared by the API and the console.</summary>
public static class ApiKeys
{
    public static async Task<Result<IssuedKey>> IssueForPartnerAsync(SwitchyardDb db, Partner partner, IReadOnlyList<string>? permissions, string? name,
        string issuedBy, DateTimeOffset now, CancellationToken ct)
    {
        var issued = ApiKey.ForPartner(partner, permissions, name, issuedBy, now);
        if (issued.IsFailure)
        {
            return issued;
        }
        db.ApiKeys.Add(issued.Value.Key);
        await db.SaveChangesAsync(ct);
        return issued;
    }

    public static async Task<Result<ApiKey>> RevokeAsync(SwitchyardDb db, ApiKey key, DateTimeOffset now, CancellationToken ct)
    {
        var revoked = key.Revoke(now);
        if (revoked.IsFailure)
        {
            return Result<ApiKey>.Failure(revoked.Errors);
        }
        db.Audit.Describe(key, AuditActions.ApiKeyRevoked);
        await db.SaveChangesAsync(ct);
        return key;
    }
}
