namespace Switchyard.Server.Http;

/// <summary>
/// Browser hardening on every response: no MIME sniffing, no framing (clickjacking), no referrer
/// leaking offer links, and a content policy that allows only this origin (the console needs no CDN).
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            // The API reference (/docs) loads its own bundled script; everything else is same-origin only.
            if (!context.Request.Path.StartsWithSegments("/docs"))
            {
                headers.ContentSecurityPolicy = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'";
            }
            return Task.CompletedTask;
        });
        return next(context);
    }
}
