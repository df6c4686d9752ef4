using System.IO.Pipelines;
using System.Text.Json;

namespace Switchyard.Server.ChannelMigration;

/// <summary>
/// MIG-8: writes the plan document ({asOf, rows, totals}, the shape of <see cref="PlanDto"/>) to a stream as its
/// rows are produced: rows are flushed every few hundred, and the totals, counted on the way, come last.
/// </summary>
public static class PlanJsonStream
{
    private const int FlushEvery = 500;

    public static async Task WriteAsync(PipeWriter body, DateOnly asOf, IAsyncEnumerable<PlanRow> rows, JsonSerializerOptions options, CancellationToken ct)
    {
        var totals = new PlanTotalsCounter();
        // Written into the response's pipe (the serializer's own flushes only hand it bytes); sent at each FlushAsync.
        await using var json = new Utf8JsonWriter(body, new JsonWriterOptions { Encoder = options.Encoder, SkipValidation = true });
        json.WriteStartObject();
        json.WritePropertyName(Name(nameof(PlanDto.AsOf), options));
        JsonSerializer.Serialize(json, asOf, options);
        json.WriteStartArray(Name(nameof(PlanDto.Rows), options));
        var pending = 0;
        await foreach (var row in rows.WithCancellation(ct))
        {
            JsonSerializer.Serialize(json, row, options);
            totals.Add(row);
            if (++pending >= FlushEvery)
            {
                json.Flush();
                await body.FlushAsync(ct);
                pending = 0;
            }
        }
        json.WriteEndArray();
        json.WritePropertyName(Name(nameof(PlanDto.Totals), options));
        JsonSerializer.Serialize(json, totals.Totals, options);
        json.WriteEndObject();
        json.Flush();
        await body.FlushAsync(ct);
    }

    private static string Name(string property, JsonSerializerOptions options) => options.PropertyNamingPolicy?.ConvertName(property) ?? property;
}
