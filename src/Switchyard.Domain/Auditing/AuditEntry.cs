using Switchyard.Domain.Common;

namespace Switchyard.Domain.Auditing;

/// <summary>
/// AUD-1: one recorded change: who, when (server clock), what (field → old, new) and why.
/// Written by the data layer on save, never edited.
/// </summary>
public sealed class AuditEntry
{
    private AuditEntry() { }

    public string Id { get; private set; } = "";

    /// <summary>The tenant the object belongs to, or null for marketplace-level objects.</summary>
    public string? PartnerId { get; private set; }
    public string ObjectId { get; private set; } = "";
    public string ObjectType { get; private set; } = "";
    public string Action { get; private set; } = "";
    public string Actor { get; private set; } = "";
    public DateTimeOffset At { get; private set; }

    /// <summary>JSON object: field → {"old": …, "new": …}.</summary>
    public string Changes { get; private set; } = "{}";
    public string? Reason { get; private set; }

    public static AuditEntry Record(string? partnerId, string objectId, string objectType, string action, string actor,
        DateTimeOffset at, string changesJson, string? reason) => new()
        {
            Id = Ids.New(Ids.Audit),
            PartnerId = partnerId,
            ObjectId = objectId,
            ObjectType = objectType,
            Action = action,
            Actor = actor,
            At = at,
            Changes = changesJson,
            Reason = reason,
        };
}
