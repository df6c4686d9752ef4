using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.Data;
using Switchyard.Domain.Partners;
using Switchyard.Server.Auth;
using Switchyard.Server.Http;
using Switchyard.Server.Payments;

namespace Switchyard.Server.Partners;

/// <summary>The partner's own account: business details (ONB-3) and payment connection (ONB-2).</summary>
public static class AccountApi
{
    public static void MapAccountApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/account").WithTags("Account").RequirePartner(Permissions.AppView)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapGet("", GetAsync).WithName("getAccount").WithSummary("Read the partner's account")
            .WithDescription("The calling partner's business details and the status of its payment account.");
        group.MapPatch("", UpdateAsync).WithName("updateAccount").WithSummary("Edit business details")
            .WithDescription("Business type, address, phone and public details. Omitted fields are kept; every change is recorded in the account's history.")
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/payment-connection", ConnectPaymentsAsync).WithName("startPaymentConnection")
            .WithSummary("Start payment-account onboarding")
            .WithDescription("Starts connecting the partner's payment account and answers with the onboarding link. The embedded ledger (the default provider) connects at once and answers without a link.")
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    internal static async Task<Partner> LoadAsync(SwitchyardDb db, Caller caller, CancellationToken ct)
    {
        var partnerId = caller.RequirePartnerId();
        return await db.Partners.SingleAsync(p => p.Id == partnerId, ct);
    }

    private static async Task<Ok<AccountDto>> GetAsync(SwitchyardDb db, Caller caller, CancellationToken ct) =>
        TypedResults.Ok(AccountDto.From(await LoadAsync(db, caller, ct)));

    private static async Task<Results<Ok<AccountDto>, ProblemHttpResult>> UpdateAsync(
        UpdateAccountRequest request, SwitchyardDb db, Caller caller, HttpContext http, CancellationToken ct)
    {
        var partner = await LoadAsync(db, caller, ct);
        if (IfMatch.Check(http, partner.Version) is { } stale)
        {
            return stale;
        }
        var updated = await UpdateAccount.RunAsync(db, partner, request.ToDetails(), request.Name, request.Reason, ct);
        if (updated.IsFailure)
        {
            return Problems.From(updated.Errors);
        }
        return TypedResults.Ok(AccountDto.From(partner));
    }

    private static async Task<Results<Ok<PaymentOnboardingDto>, ProblemHttpResult>> ConnectPaymentsAsync(
        SwitchyardDb db, Caller caller, PaymentProviders providers, CancellationToken ct)
    {
        var partner = await LoadAsync(db, caller, ct);
        var connected = await ConnectPayments.RunAsync(db, partner, providers.Configured, ct);
        return connected.IsSuccess ? TypedResults.Ok(connected.Value) : Problems.From(connected.Errors);
    }
}
