using Microsoft.AspNetCore.Http.Features;
using Switchyard.Server.Hosting;

namespace Switchyard.Server.Http;

/// <summary>
/// SEC-5: bodies over the limit answer 413 before anything reads them. A streamed body without a
/// Content-Length is cut off at the limit while it is read (413), whatever server hosts the app.
/// </summary>
/// <remarks>
/// Kestrel enforces its own MaxRequestBodySize, but other hosts (the in-memory test server, for one)
/// do not, so the limit is not left to the server.
/// </remarks>
public sealed class BodySizeMiddleware(RequestDelegate next, SwitchyardSettings settings)
{
    public Task InvokeAsync(HttpContext context)
    {
        // SEC-5: legacy and customer imports stream large files; their own bound replaces the JSON one.
        var import = context.Request.Path.StartsWithSegments(Legacy.LegacyApi.ImportPath, StringComparison.OrdinalIgnoreCase)
            || context.Request.Path.StartsWithSegments(Legacy.LegacyApi.ConsolidationPath, StringComparison.OrdinalIgnoreCase)
            || context.Request.Path.StartsWithSegments(Customers.CustomerImportApi.ImportPath, StringComparison.OrdinalIgnoreCase)
            || context.Request.Path.StartsWithSegments("/console/legacy/import", StringComparison.OrdinalIgnoreCase);
        if (import && context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = settings.MaxImportBytes;
        }
        var limit = import ? settings.MaxImportBytes : context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false, MaxRequestBodySize: { } configured }
            ? configured
            : settings.MaxJsonBodyBytes;
        if (context.Request.ContentLength > limit)
        {
            return Problems.Write(context, StatusCodes.Status413PayloadTooLarge, "payloadTooLarge", "Payload too large",
                $"The body has {context.Request.ContentLength} bytes; this endpoint accepts at most {limit}.");
        }
        if (context.Request.ContentLength is null)
        {
            context.Request.Body = new LimitedStream(context.Request.Body, limit);
        }
        return next(context);
    }

    /// <summary>Reads through to the request body and throws a 413 BadHttpRequestException past the limit.</summary>
    private sealed class LimitedStream(Stream inner, long limit) : Stream
    {
        private long _read;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => _read;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        private int Count(int read)
        {
            _read += read;
            if (_read > limit)
            {
                throw new BadHttpRequestException($"The request body is larger than {limit} bytes.", StatusCodes.Status413PayloadTooLarge);
            }
            return read;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
