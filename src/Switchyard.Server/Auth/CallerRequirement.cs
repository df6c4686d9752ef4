using Microsoft.AspNetCore.Authorization;
using Switchyard.Domain.Access;

namespace Switchyard.Server.Auth;

/// <summary>
/// PRM-1..5: the caller must be of <see cref="Kind"/> and hold every permission of <see cref="AllOf"/>
/// and, when given, at least one of <see cref="AnyOf"/>. <see cref="OperatorReads"/> also lets an operator in:
/// a marketplace-wide read of a partner list (UX-8), where the tenant filter shows every partner's rows.
/// </summary>
public sealed record CallerRequirement(ActorKind Kind, IReadOnlyList<string> AllOf, IReadOnlyList<string> AnyOf, bool OperatorReads = false)
    : IAuthorizationRequirement
{
    public string Describe() => (Kind switch
    {
        ActorKind.Operator => "an operator key (operator.*)",
        ActorKind.CustomerUser => "a customer user's key",
        ActorKind.PartnerUser when AnyOf.Count > 0 => $"a partner key with {string.Join(" or ", AnyOf)}",
        ActorKind.PartnerUser => $"a partner key with {string.Join(" and ", AllOf)}",
    }) + (OperatorReads ? " or an operator key" : "");
}

public sealed class CallerRequirementHandler : AuthorizationHandler<CallerRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, CallerRequirement requirement)
    {
        var caller = Caller.From(context.User);
        if (caller is null)
        {
            return Task.CompletedTask;
        }
        if (requirement.OperatorReads && caller.Kind == ActorKind.Operator)
        {
            context.Succeed(requirement);
            return Task.CompletedTask;
        }
        if (caller.Kind != requirement.Kind)
        {
            context.Fail(new AuthorizationFailureReason(this, $"This needs {requirement.Describe()}; the key is a {Name(caller.Kind)} key."));
            return Task.CompletedTask;
        }
        var missing = requirement.AllOf.Where(p => !caller.Has(p)).ToList();
        if (requirement.AnyOf.Count > 0 && !requirement.AnyOf.Any(caller.Has))
        {
            missing.Add(string.Join(" or ", requirement.AnyOf));
        }
        if (missing.Count > 0)
        {
            context.Fail(new MissingPermission(this, missing));
            return Task.CompletedTask;
        }
        context.Succeed(requirement);
        return Task.CompletedTask;
    }

    private static string Name(ActorKind kind) => kind switch
    {
        ActorKind.Operator => "operator",
        ActorKind.PartnerUser => "partner user",
        ActorKind.CustomerUser => "customer user",
    };
}

/// <summary>PRM-5: a denial that names the permissions the key lacks.</summary>
public sealed class MissingPermission(IAuthorizationHandler handler, IReadOnlyList<string> permissions)
    : AuthorizationFailureReason(handler, $"The key lacks the permission {string.Join(", ", permissions)}; ask an operator for a key that has it.")
{
    public IReadOnlyList<string> Permissions { get; } = permissions;
}

/// <summary>Endpoint conventions so each route states who may call it.</summary>
public static class AuthorizationConventions
{
    public static TBuilder RequireOperator<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.Require(new CallerRequirement(ActorKind.Operator, [], []));

    /// <summary>A partner user holding every one of <paramref name="allOf"/>.</summary>
    public static TBuilder RequirePartner<TBuilder>(this TBuilder builder, params string[] allOf) where TBuilder : IEndpointConventionBuilder =>
        builder.Require(new CallerRequirement(ActorKind.PartnerUser, allOf, []));

    /// <summary>A partner user holding at least one of <paramref name="anyOf"/>.</summary>
    public static TBuilder RequirePartnerAny<TBuilder>(this TBuilder builder, params string[] anyOf) where TBuilder : IEndpointConventionBuilder =>
        builder.Require(new CallerRequirement(ActorKind.PartnerUser, [], anyOf));

    /// <summary>A partner user holding at least one of <paramref name="anyOf"/>, or an operator (a marketplace-wide read).</summary>
    public static TBuilder RequirePartnerAnyOrOperator<TBuilder>(this TBuilder builder, params string[] anyOf) where TBuilder : IEndpointConventionBuilder =>
        builder.Require(new CallerRequirement(ActorKind.PartnerUser, [], anyOf, OperatorReads: true));

    public static TBuilder RequireCustomer<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.Require(new CallerRequirement(ActorKind.CustomerUser, [], []));

    private static TBuilder Require<TBuilder>(this TBuilder builder, CallerRequirement requirement) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(policy => policy
            .AddAuthenticationSchemes(ApiKeyAuthentication.Scheme)
            .RequireAuthenticatedUser()
            .AddRequirements(requirement));
}
