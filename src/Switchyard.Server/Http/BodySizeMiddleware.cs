using Microsoft.AspNetCore.Http.Features;
using Switchyard.Server.Hosting;

namespace Switchyard.Server.Http;

/// <summary>
/// SEC-5: bodies over the limit answer 413 before anything reads them. Kestrel enforces the same
/// limit on streamed bodies without a Content-Length.
/// </summary>
public sealed class BodySizeMiddleware(RequestDelegate next, SwitchyardSettings settings)
{
    public Task InvokeAsync(HttpContext context)
    {
        var limit = context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false, MaxRequestBodySize: { } configured }
            ? configured
            : settings.MaxJsonBodyBytes;
        if (context.Request.ContentLength > limit)
        {
            return Problems.Write(context, StatusCodes.Status413PayloadTooLarge, "payloadTooLarge", "Payload too large",
                $"The body has {context.Request.ContentLength} bytes; this endpoint accepts at most {limit}.");
        }
        return next(context);
    }
}
