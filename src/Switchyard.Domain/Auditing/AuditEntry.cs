using System.Text.Json;
using System.Text.Json.Nodes;
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

    /// <summary>SEC-10: internal fields (a user's security stamp) never shown in a trail, even if an older entry holds them.</summary>
    public static readonly IReadOnlySet<string> InternalFields = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "securityStamp" };

    /// <summary><see cref="Changes"/> without <see cref="InternalFields"/> (a part's fields are named `part[id].field`).</summary>
    public string VisibleChanges
    {
        get
        {
            if (!InternalFields.Any(f => Changes.Contains(f, StringComparison.OrdinalIgnoreCase))
                || JsonNode.Parse(Changes) is not JsonObject changes)
            {
                return Changes;
            }
            foreach (var key in changes.Select(c => c.Key).Where(IsInternal).ToList())
            {
                changes.Remove(key);
            }
            return changes.ToJsonString(new JsonSerializerOptions(JsonSerializerDefaults.Web));
        }
    }

    public static bool IsInternal(string field) => InternalFields.Contains(field[(field.LastIndexOf('.') + 1)..]);

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
