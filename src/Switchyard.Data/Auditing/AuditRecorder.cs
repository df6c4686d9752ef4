using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Switchyard.Domain.Auditing;
using Switchyard.Domain.Common;
using Switchyard.Domain.Partners;

namespace Switchyard.Data.Auditing;

/// <summary>
/// AUD-1: turns tracked changes of audited objects into audit entries in the same save, so a change
/// and its history commit (or fail) together.
/// </summary>
internal static class AuditRecorder
{
    // Secrets are never written to the trail, only the fact that they changed.
    private static readonly HashSet<string> Redacted = new(StringComparer.Ordinal) { "Hash", "PasswordHash", "InvitationHash" };
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly HashSet<string> Skipped = new(StringComparer.Ordinal) { nameof(Entity.Version), "Id" };

    /// <remarks>
    /// Changes to one object in one save make one entry: an aggregate and its parts (an offer and the
    /// item just added) are merged, the parts' fields prefixed with the part's id, so the history reads
    /// as one action per request.
    /// </remarks>
    public static List<AuditEntry> Collect(ChangeTracker tracker, DataScope scope, AuditNotes notes, DateTimeOffset at)
    {
        var tracked = tracker.Entries<Entity>().Select(e => e.Entity).ToDictionary(e => e.IdValue, StringComparer.Ordinal);
        var pending = new Dictionary<string, Pending>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var entry in tracker.Entries().Where(e => e.Entity is IAudited))
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }
            var changes = Changes(entry);
            if (entry.State == EntityState.Modified && changes.Count == 0)
            {
                continue;
            }
            var entity = (Entity)entry.Entity;
            var type = JsonNamingPolicy.CamelCase.ConvertName(entry.Metadata.ClrType.Name);
            var part = entry.Entity as IAuditedPart;
            var objectId = part?.AuditObjectId ?? entity.IdValue;
            var note = notes.For(entry.Entity);
            var defaultAction = type + "." + entry.State switch
            {
                EntityState.Added => "created",
                EntityState.Deleted => "deleted",
                _ => "updated",
            };
            // A part (an offer's item) belongs to the tenant of the aggregate it is recorded under.
            var owner = part is not null && tracked.TryGetValue(objectId, out var parent) ? parent : entry.Entity;
            if (!pending.TryGetValue(objectId, out var merged))
            {
                merged = new Pending(part?.AuditObjectType ?? type, PartnerOf(owner));
                pending[objectId] = merged;
                order.Add(objectId);
            }
            foreach (var (field, change) in changes)
            {
                merged.Changes[part is null ? field : $"{type}[{entity.IdValue}].{field}"] = change;
            }
            // A named action wins over a default one; the aggregate's default over a part's.
            if (note is { } n && merged.NamedAction is null)
            {
                merged.NamedAction = n.Action;
            }
            if (part is null || merged.DefaultAction is null)
            {
                merged.DefaultAction = part is null ? defaultAction : merged.DefaultAction ?? defaultAction;
            }
            merged.Reason ??= note?.Reason;
        }
        return order.Select(id =>
        {
            var p = pending[id];
            return AuditEntry.Record(p.PartnerId, id, p.ObjectType, p.NamedAction ?? p.DefaultAction!, scope.Actor, at,
                JsonSerializer.Serialize(p.Changes, Json), p.Reason);
        }).ToList();
    }

    private static string? PartnerOf(object owner) => owner switch
    {
        IPartnerOwned owned => owned.PartnerId,
        Partner partner => partner.Id,
        Domain.Access.ApiKey key => key.PartnerId,
        Domain.Access.ConsoleUser user => user.PartnerId,
        _ => null,
    };

    private sealed class Pending(string objectType, string? partnerId)
    {
        public string ObjectType { get; } = objectType;
        public string? PartnerId { get; } = partnerId;
        public Dictionary<string, FieldChange> Changes { get; } = new(StringComparer.Ordinal);
        public string? NamedAction { get; set; }
        public string? DefaultAction { get; set; }
        public string? Reason { get; set; }
    }

    private static Dictionary<string, FieldChange> Changes(EntityEntry entry)
    {
        var changes = new Dictionary<string, FieldChange>(StringComparer.Ordinal);
        foreach (var property in entry.Properties)
        {
            var name = property.Metadata.Name;
            // SEC-10: internal fields (a security stamp) are not history anyone reads.
            if (Skipped.Contains(name) || property.Metadata.IsShadowProperty() || AuditEntry.IsInternal(name))
            {
                continue;
            }
            object? oldValue = entry.State == EntityState.Added ? null : property.OriginalValue;
            object? newValue = entry.State == EntityState.Deleted ? null : property.CurrentValue;
            if (entry.State == EntityState.Modified && (!property.IsModified || Equals(oldValue, newValue)))
            {
                continue;
            }
            if (entry.State == EntityState.Added && newValue is null)
            {
                continue;
            }
            var field = JsonNamingPolicy.CamelCase.ConvertName(name);
            changes[field] = Redacted.Contains(name)
                ? new FieldChange(oldValue is null ? null : "[redacted]", newValue is null ? null : "[redacted]")
                : new FieldChange(Render(oldValue), Render(newValue));
        }
        return changes;
    }

    internal static object? Render(object? value) => value switch
    {
        null => null,
        Enum e => JsonNamingPolicy.CamelCase.ConvertName(e.ToString()),
        // The trail keeps ids as the plain strings they are stored as.
        ITypedId id => id.Value,
        _ => value,
    };

    internal sealed record FieldChange(object? Old, object? New);
}
