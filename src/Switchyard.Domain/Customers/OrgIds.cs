using Switchyard.Domain.Common;

namespace Switchyard.Domain.Customers;

/// <summary>OFF-3: customer org ids are 15- or 18-character ids starting 00D, validated like CAT-3.</summary>
public static class OrgIds
{
    public const string Prefix = "00D";

    public static IReadOnlyList<Error> Validate(string? orgId, string field = "orgId") =>
        SalesforceId.Validate(orgId?.Trim(), field, Prefix);

    /// <summary>The 18-character form used as the key, so both spellings name one org.</summary>
    public static string Canonical(string orgId) => SalesforceId.To18(orgId.Trim());
}
