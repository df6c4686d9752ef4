using Switchyard.Data;
using Switchyard.Domain.Access;

namespace Switchyard.Server.Auth;

/// <summary>
/// SEC-1: once the caller is known, scopes every query of the request to its tenant and names it as
/// the audit actor.
/// </summary>
public sealed class CallerScopeMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context, DataScope scope)
    {
        if (Caller.From(context.User) is { } caller)
        {
            switch (caller.Kind)
            {
                case ActorKind.Operator:
                    scope.ForOperator(caller.Actor);
                    break;
                case ActorKind.PartnerUser:
                    scope.ForPartner(caller.RequirePartnerId(), caller.Actor);
                    break;
                case ActorKind.CustomerUser:
                    scope.ForCustomer(caller.Actor);
                    break;
            }
        }
        return next(context);
    }
}
