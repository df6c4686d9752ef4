using System.Text.Json;

namespace Switchyard.Data.Auditing;

/// <summary>
/// AUD-1 for changes written without the change tracker (a due transition's set-based batch): the same
/// JSON an audit entry gets from <see cref="AuditRecorder"/> for the same fields, so a trail reads alike
/// whichever path wrote it.
/// </summary>
public static class AuditChanges
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <param name="changes">Property name (as in the model, e.g. "Status"), old and new value, in model order.</param>
    public static string ToJson(IEnumerable<(string Property, object? Old, object? New)> changes) =>
        JsonSerializer.Serialize(changes.ToDictionary(
            c => JsonNamingPolicy.CamelCase.ConvertName(c.Property),
            c => new AuditRecorder.FieldChange(AuditRecorder.Render(c.Old), AuditRecorder.Render(c.New)),
            StringComparer.Ordinal), Json);

    /// <summary>The object type an audit entry names for a class (Order → "order").</summary>
    public static string ObjectType(Type type) => JsonNamingPolicy.CamelCase.ConvertName(type.Name);
}
