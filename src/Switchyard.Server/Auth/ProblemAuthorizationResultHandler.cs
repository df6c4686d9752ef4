using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Switchyard.Server.Http;

namespace Switchyard.Server.Auth;

/// <summary>PRM-5: every denial answers 403 with a problem body naming what is missing.</summary>
public sealed class ProblemAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden)
        {
            var reasons = authorizeResult.AuthorizationFailure?.FailureReasons ?? [];
            var missing = reasons.OfType<MissingPermission>().SelectMany(r => r.Permissions).ToArray();
            var detail = reasons.FirstOrDefault()?.Message ?? "This key may not do that.";
            await Problems.Write(context, StatusCodes.Status403Forbidden, missing.Length > 0 ? "missingPermission" : "forbidden",
                "Forbidden", detail, missing.Length > 0 ? new Dictionary<string, object?> { ["missingPermissions"] = missing } : null);
            return;
        }
        await _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
