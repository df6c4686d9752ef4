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
    private static readonly HashSet<string> Skipped = new(StringComparer.Ordinal) { nameof(Entity.Version), nameof(Entity.Id) };

    public static List<AuditEntry> Collect(ChangeTracker tracker, DataScope scope, AuditNotes notes, DateTimeOffset at)
    {
        var entries = new List<AuditEntry>();
        var tracked = tracker.Entries<Entity>().Select(e => e.Entity).ToDictionary(e => e.Id, StringComparer.Ordinal);
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
            var objectId = entity.Id;
            var objectType = type;
            if (entry.Entity is IAuditedPart part)
            {
                objectId = part.AuditObjectId;
                objectType = part.AuditObjectType;
            }
            var note = notes.For(entry.Entity);
            var action = note?.Action ?? type + "." + entry.State switch
            {
                EntityState.Added => "created",
                EntityState.Deleted => "deleted",
                _ => "updated",
            };
            // A part (an offer's item) belongs to the tenant of the aggregate it is recorded under.
            var owner = entry.Entity is IAuditedPart && tracked.TryGetValue(objectId, out var parent) ? parent : entry.Entity;
            var partnerId = owner switch
            {
                IPartnerOwned owned => owned.PartnerId,
                Partner partner => partner.Id,
                Domain.Access.ApiKey key => key.PartnerId,
                Domain.Access.ConsoleUser user => user.PartnerId,
                _ => null,
            };
            entries.Add(AuditEntry.Record(partnerId, objectId, objectType, action, scope.Actor, at,
                JsonSerializer.Serialize(changes, Json), note?.Reason));
        }
        return entries;
    }

    private static Dictionary<string, FieldChange> Changes(EntityEntry entry)
    {
        var changes = new Dictionary<string, FieldChange>(StringComparer.Ordinal);
        foreach (var property in entry.Properties)
        {
            var name = property.Metadata.Name;
            if (Skipped.Contains(name) || property.Metadata.IsShadowProperty())
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

    private static object? Render(object? value) => value switch
    {
        null => null,
        Enum e => JsonNamingPolicy.CamelCase.ConvertName(e.ToString()),
        _ => value,
    };

    internal sealed record FieldChange(object? Old, object? New);
}
