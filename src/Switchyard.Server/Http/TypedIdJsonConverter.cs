using System.Text.Json;
using System.Text.Json.Serialization;
using Switchyard.Domain.Common;

namespace Switchyard.Server.Http;

/// <summary>
/// Writes and reads every typed id (<see cref="ITypedId{TSelf}"/>) as the plain JSON string it stands for, so
/// the wire format is the same as when ids were strings.
/// </summary>
public sealed class TypedIdJsonConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsValueType && typeof(ITypedId).IsAssignableFrom(typeToConvert);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(TypedIdJsonConverter<>).MakeGenericType(typeToConvert))!;
}

/// <summary>One kind of typed id as a JSON string.</summary>
public sealed class TypedIdJsonConverter<TId> : JsonConverter<TId>
    where TId : struct, ITypedId<TId>
{
    public override TId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && reader.GetString() is { } value
            ? TId.From(value)
            : throw new JsonException($"An id is a string ({TId.Prefix}_…).");

    public override void Write(Utf8JsonWriter writer, TId value, JsonSerializerOptions options) => writer.WriteStringValue(value.Value);
}
