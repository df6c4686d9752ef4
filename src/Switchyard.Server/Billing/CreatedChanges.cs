using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Switchyard.Data;
using Switchyard.Domain.Auditing;
using Switchyard.Domain.Common;

namespace Switchyard.Server.Billing;

/// <summary>
/// AUD-1: the changes of created objects of one mapped type as the audit trail records them (every set
/// field, new values only, <c>{"field": {"old": null, "new": …}}</c>; enums in camelCase, typed ids as their
/// text), for rows written in bulk without the change tracker.
/// </summary>
/// <remarks>
/// The same JSON as the audit recorder's serializer, written field by field: the fields, their encoded
/// names and getters are looked up once per type, not once per object, and one buffer serves every object
/// of a batch (an invoice's changes are about a kilobyte; thousands are written per batch).
/// </remarks>
internal sealed class CreatedChanges : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly JsonEncodedText Old = JsonEncodedText.Encode("old");
    private static readonly JsonEncodedText New = JsonEncodedText.Encode("new");

    private readonly (JsonEncodedText Name, IClrPropertyGetter Getter)[] _fields;
    private readonly ArrayBufferWriter<byte> _buffer = new(2048);
    private readonly Utf8JsonWriter _writer;

    public CreatedChanges(SwitchyardDb db, Type clrType)
    {
        var type = db.Model.FindEntityType(clrType) ?? throw new InvalidOperationException($"{clrType.Name} is not mapped.");
        _fields = [.. type.GetProperties()
            .Where(p => !p.IsShadowProperty() && p.Name is not (nameof(Entity<string>.Id) or nameof(Entity.Version)) && !AuditEntry.IsInternal(p.Name))
            .Select(p => (JsonEncodedText.Encode(JsonNamingPolicy.CamelCase.ConvertName(p.Name)), p.GetGetter()))];
        _writer = new Utf8JsonWriter(_buffer);
    }

    /// <summary>The changes of <paramref name="entity"/> (of the type given) as JSON text.</summary>
    public string Of(object entity)
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        _writer.WriteStartObject();
        foreach (var (name, getter) in _fields)
        {
            if (getter.GetClrValue(entity) is not { } value)
            {
                continue;
            }
            _writer.WritePropertyName(name);
            _writer.WriteStartObject();
            _writer.WriteNull(Old);
            _writer.WritePropertyName(New);
            WriteValue(value);
            _writer.WriteEndObject();
        }
        _writer.WriteEndObject();
        _writer.Flush();
        return Encoding.UTF8.GetString(_buffer.WrittenSpan);
    }

    public void Dispose() => _writer.Dispose();

    // The common types written directly, as the serializer's own converters write them; any other through it.
    private void WriteValue(object value)
    {
        switch (value)
        {
            case string text:
                _writer.WriteStringValue(text);
                break;
            case Enum e:
                _writer.WriteStringValue(JsonNamingPolicy.CamelCase.ConvertName(e.ToString()));
                break;
            case ITypedId id:
                _writer.WriteStringValue(id.Value);
                break;
            case int number:
                _writer.WriteNumberValue(number);
                break;
            case long number:
                _writer.WriteNumberValue(number);
                break;
            case decimal number:
                _writer.WriteNumberValue(number);
                break;
            case bool flag:
                _writer.WriteBooleanValue(flag);
                break;
            case DateTimeOffset instant:
                _writer.WriteStringValue(instant);
                break;
            default:
                JsonSerializer.Serialize(_writer, value, value.GetType(), Json);
                break;
        }
    }
}
