using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Switchyard.Cli.Commands;

/// <summary>
/// Writes a streamed migration plan to a file as it arrives, so a plan of a million rows costs the CLI a buffer,
/// not the whole document (the server streams it too). JSON is re-indented token by token for people who open
/// the file; CSV is copied as it is. Both count the plan's rows on the way.
/// </summary>
public static class PlanFileWriter
{
    private const int ChunkSize = 64 * 1024;

    /// <summary>Copies a CSV plan; the rows are the records after the header (a line break inside quotes is not a record end).</summary>
    public static async Task<long> CopyCsvAsync(Stream source, Stream destination, Action<long> bytesRead, CancellationToken ct)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            long records = 0, total = 0;
            var quoted = false;
            var lastWasBreak = true;
            int read;
            while ((read = await source.ReadAsync(buffer.AsMemory(0, ChunkSize), ct)) > 0)
            {
                foreach (var b in buffer.AsSpan(0, read))
                {
                    if (b == (byte)'"')
                    {
                        quoted = !quoted;
                    }
                    else if (b == (byte)'\n' && !quoted)
                    {
                        records++;
                    }
                    lastWasBreak = b == (byte)'\n';
                }
                await destination.WriteAsync(buffer.AsMemory(0, read), ct);
                total += read;
                bytesRead(total);
            }
            // A last record without a final line break still counts; the header is not a row.
            if (!lastWasBreak && total > 0)
            {
                records++;
            }
            return Math.Max(0, records - 1);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Copies a JSON plan (<c>{asOf, rows: [...], totals}</c>) indented; the rows are the elements of its <c>rows</c> array.</summary>
    public static async Task<long> CopyJsonIndentedAsync(Stream source, Stream destination, Action<long> bytesRead, CancellationToken ct)
    {
        var buffer = new byte[ChunkSize];
        var pending = 0;
        long total = 0;
        var copy = new TokenCopy();
        await using var writer = new Utf8JsonWriter(destination,
            new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        while (true)
        {
            if (pending == buffer.Length)
            {
                // One token longer than the buffer (a very long blocker text): make room for it.
                Array.Resize(ref buffer, buffer.Length * 2);
            }
            var read = await source.ReadAsync(buffer.AsMemory(pending), ct);
            total += read;
            bytesRead(total);
            var available = pending + read;
            var consumed = copy.Run(buffer.AsSpan(0, available), isFinalBlock: read == 0, writer);
            pending = available - consumed;
            buffer.AsSpan(consumed, pending).CopyTo(buffer);
            await writer.FlushAsync(ct);
            if (read == 0)
            {
                if (pending > 0 || copy.Depth != 0)
                {
                    throw new JsonException("The plan ended before its last closing bracket; the download was cut off. Run the command again.");
                }
                return copy.Rows;
            }
        }
    }

    /// <summary>The reader's state between chunks, and what the copy has seen so far.</summary>
    private sealed class TokenCopy
    {
        private JsonReaderState _state;
        private bool _inRows;

        public long Rows { get; private set; }

        public int Depth { get; private set; }

        /// <summary>Copies every complete token of <paramref name="chunk"/>; returns how many bytes it used.</summary>
        public int Run(ReadOnlySpan<byte> chunk, bool isFinalBlock, Utf8JsonWriter writer)
        {
            var reader = new Utf8JsonReader(chunk, isFinalBlock, _state);
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                        if (_inRows && reader.CurrentDepth == 2)
                        {
                            Rows++;
                        }
                        writer.WriteStartObject();
                        break;
                    case JsonTokenType.EndObject:
                        writer.WriteEndObject();
                        break;
                    case JsonTokenType.StartArray:
                        writer.WriteStartArray();
                        break;
                    case JsonTokenType.EndArray:
                        if (reader.CurrentDepth == 1)
                        {
                            _inRows = false;
                        }
                        writer.WriteEndArray();
                        break;
                    case JsonTokenType.PropertyName:
                        var name = reader.GetString()!;
                        if (reader.CurrentDepth == 1)
                        {
                            _inRows = name == "rows";
                        }
                        writer.WritePropertyName(name);
                        break;
                    case JsonTokenType.String:
                        writer.WriteStringValue(reader.GetString());
                        break;
                    case JsonTokenType.Number:
                        writer.WriteRawValue(reader.ValueSpan, skipInputValidation: true);
                        break;
                    case JsonTokenType.True or JsonTokenType.False:
                        writer.WriteBooleanValue(reader.GetBoolean());
                        break;
                    case JsonTokenType.Null:
                        writer.WriteNullValue();
                        break;
                }
            }
            _state = reader.CurrentState;
            Depth = reader.CurrentDepth;
            return (int)reader.BytesConsumed;
        }
    }
}
