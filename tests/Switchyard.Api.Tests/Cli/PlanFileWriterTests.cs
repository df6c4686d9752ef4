using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Switchyard.Cli.Commands;

namespace Switchyard.Api.Tests.Cli;

/// <summary>The CLI writes a plan file as it arrives: whatever the chunking, the file and the row count are right.</summary>
public sealed class PlanFileWriterTests
{
    private static readonly string LongText = new('x', 200_000);

    private static readonly string Plan =
        "{\"asOf\":\"2027-01-04\",\"rows\":[" +
        "{\"customerName\":\"Zoë \\\"Z\\\" Ltd\",\"blockers\":[{\"message\":\"a\"}],\"count\":3,\"active\":true,\"note\":null}," +
        $"{{\"customerName\":\"{LongText}\",\"blockers\":[],\"count\":-1.5e3,\"active\":false,\"note\":null}}" +
        "],\"totals\":{\"rows\":2,\"customers\":2,\"blocked\":1}}";

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(100_000)]
    public async Task JsonPlan_AnyChunking_IsCopiedIndented_AndItsRowsCounted(int readSize)
    {
        using var source = new TrickleStream(Encoding.UTF8.GetBytes(Plan), readSize);
        using var destination = new MemoryStream();
        long lastProgress = 0;

        var rows = await PlanFileWriter.CopyJsonIndentedAsync(source, destination, b => lastProgress = b, CancellationToken.None);

        Assert.Equal(2, rows);
        Assert.Equal(Encoding.UTF8.GetByteCount(Plan), lastProgress);
        var written = Encoding.UTF8.GetString(destination.ToArray());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Plan), JsonNode.Parse(written)));
        Assert.Contains("\n  \"rows\": [", written.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("Zoë", written, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JsonPlan_CutOff_IsAnError_NotAShortFile()
    {
        using var source = new TrickleStream(Encoding.UTF8.GetBytes(Plan[..(Plan.Length / 2)]), 4096);
        using var destination = new MemoryStream();

        await Assert.ThrowsAnyAsync<JsonException>(() => PlanFileWriter.CopyJsonIndentedAsync(source, destination, _ => { }, CancellationToken.None));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(4096)]
    public async Task CsvPlan_IsCopiedAsIs_AndALineBreakInsideQuotesIsNotARow(int readSize)
    {
        const string csv = "customer_id,customer_name,blockers\n1,\"Globex\",\"needs a customer\nthen a contract\"\n2,Initech,\n3,\"Hooli, Inc\",x";
        using var source = new TrickleStream(Encoding.UTF8.GetBytes(csv), readSize);
        using var destination = new MemoryStream();

        var rows = await PlanFileWriter.CopyCsvAsync(source, destination, _ => { }, CancellationToken.None);

        Assert.Equal(3, rows);
        Assert.Equal(csv, Encoding.UTF8.GetString(destination.ToArray()));
    }

    /// <summary>A network body that hands out at most a few bytes a read, as a slow connection does.</summary>
    private sealed class TrickleStream(byte[] data, int readSize) : MemoryStream(data)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, readSize)], cancellationToken);
    }
}
