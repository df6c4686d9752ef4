using System.Net;

namespace Switchyard.Cli.Commands;

/// <summary>A file upload that reports the bytes sent, for a progress bar.</summary>
public sealed class ProgressContent(Stream source, long size, Action<long> sent) : HttpContent
{
    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        await SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
        {
            await stream.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            total += read;
            sent(total);
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = size;
        return true;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            source.Dispose();
        }
        base.Dispose(disposing);
    }
}
