using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.Data;
using Switchyard.Domain.Access;
using Switchyard.Domain.Customers;
using Switchyard.Server.Access;
using Switchyard.Server.Auth;
using Switchyard.Server.Hosting;
using Switchyard.Server.Http;

namespace Switchyard.Server.Customers;

/// <summary>Operator endpoints for customer orgs, their users and keys; the customer's own settings.</summary>
public static class CustomerOrgsApi
{
    public static void MapCustomerOrgsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/customer-orgs").WithTags("Customer orgs (operator)").RequireOperator()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapPost("", CreateAsync).WithName("createCustomerOrg").WithSummary("Register a customer org")
            .WithDescription("Operator key. Registers a customer organisation by its 15- or 18-character org id, so that partners can make it offers and its users can sign in. The billing country is optional.")
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("", ListAsync).WithName("listCustomerOrgs").WithSummary("List customer orgs")
            .WithDescription("Operator key. Every registered customer organisation.")
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/{orgId}", GetAsync).WithName("getCustomerOrg").WithSummary("Read a customer org")
            .WithDescription("Operator key. One customer organisation with its settings.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPatch("/{orgId}", UpdateAsync).WithName("updateCustomerOrg").WithSummary("Change a customer org's billing country")
            .WithDescription("Operator key. Sets the organisation's billing country (its two-letter code, e.g. DE), which picks the tax rate of invoices issued from now on; an empty string clears it, and the default rate applies.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/{orgId}/users", AddUserAsync).WithName("createCustomerUser").WithSummary("Add a user to a customer org")
            .WithDescription("Operator key. Adds a user to a customer organisation. Only a user holding manage billing may accept offers.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/{orgId}/users", ListUsersAsync).WithName("listCustomerUsers").WithSummary("A customer org's users")
            .WithDescription("Operator key. The users of one customer organisation.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{orgId}/users/{userId}/invitation", InviteUserAsync).WithName("inviteCustomerUser")
            .WithSummary("Invite a customer user to the console (the customer portal); the link is shown once")
            .WithDescription("Operator key. Answers with a one-time sign-up link to the customer portal for this user, shown once.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/{orgId}/api-keys", IssueKeyAsync).WithName("createCustomerApiKey")
            .WithSummary("Issue an API key for a customer user (shown once)")
            .WithDescription("Operator key. Issues a key for a customer user, who can then read and decide the offers addressed to the organisation. The key is in the response once.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        var customer = app.MapGroup("/v1/customer").WithTags("Customer").RequireCustomer()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        customer.MapGet("/settings", GetSettingsAsync).WithName("getCustomerSettings").WithSummary("The org's offer settings")
            .WithDescription("Customer key. Whether the organisation receives offers and has a tax exemption on file.");
        customer.MapPatch("/settings", UpdateSettingsAsync).WithName("updateCustomerSettings")
            .WithSummary("Opt in to offers, record a tax exemption, set the billing country")
            .WithDescription("Customer key. An organisation that does not receive offers makes a partner's offer go to error when sent. A tax exemption must be on file before an offer is accepted; it cannot be added to an accepted offer. The billing country (two-letter code; an empty string clears it) picks the tax rate of invoices issued from now on.")
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
    }

    private static async Task<Results<Created<CustomerOrgDto>, ProblemHttpResult>> CreateAsync(
        CreateCustomerOrgRequest request, SwitchyardDb db, TimeProvider clock, CancellationToken ct)
    {
        var org = await CustomerUseCases.RegisterOrgAsync(db, request.OrgId, request.Name, clock.GetUtcNow(), ct, request.BillingCountry);
        if (org.IsFailure)
        {
            return Problems.From(org.Errors);
        }
        return TypedResults.Created($"/v1/customer-orgs/{org.Value.Id}", CustomerOrgDto.From(org.Value));
    }

    private static async Task<Results<Ok<Page<CustomerOrgDto>>, ProblemHttpResult>> ListAsync(
        SwitchyardDb db, int? limit, string? after, CancellationToken ct)
    {
        var page = await db.CustomerOrgs.AsNoTracking().List(limit, after).PageAsync(CustomerOrgDto.From, ct);
        return page.ToResult();
    }

    private static async Task<Results<Ok<CustomerOrgDto>, ProblemHttpResult>> GetAsync(string orgId, SwitchyardDb db, CancellationToken ct) =>
        await FindOrgAsync(db, orgId, ct) is { } org ? TypedResults.Ok(CustomerOrgDto.From(org)) : Problems.NotFound("Customer org");

    private static async Task<Results<Created<CustomerUserDto>, ProblemHttpResult>> AddUserAsync(
        string orgId, CreateCustomerUserRequest request, SwitchyardDb db, TimeProvider clock, CancellationToken ct)
    {
        var org = await FindOrgAsync(db, orgId, ct);
        if (org is null)
        {
            return Problems.NotFound("Customer org");
        }
        var user = await CustomerUseCases.AddOrgUserAsync(db, org, request.Email, request.ManageBilling ?? false, clock.GetUtcNow(), ct);
        if (user.IsFailure)
        {
            return Problems.From(user.Errors);
        }
        return TypedResults.Created($"/v1/customer-orgs/{org.Id}/users/{user.Value.Id}", CustomerUserDto.From(user.Value));
    }

    private static async Task<Results<Ok<IReadOnlyList<CustomerUserDto>>, ProblemHttpResult>> ListUsersAsync(string orgId, SwitchyardDb db, CancellationToken ct)
    {
        var org = await FindOrgAsync(db, orgId, ct);
        if (org is null)
        {
            return Problems.NotFound("Customer org");
        }
        var users = await db.CustomerUsers.AsNoTracking().Where(u => u.OrgId == org.Id).OrderBy(u => u.Email).ToListAsync(ct);
        return TypedResults.Ok<IReadOnlyList<CustomerUserDto>>(users.Select(CustomerUserDto.From).ToList());
    }

    private static async Task<Results<Created<InvitationDto>, ProblemHttpResult>> InviteUserAsync(
        string orgId, string userId, SwitchyardDb db, PublicAddress address, TimeProvider clock, CancellationToken ct)
    {
        var org = await FindOrgAsync(db, orgId, ct);
        var user = org is null ? null : await db.CustomerUsers.AsNoTracking().SingleOrDefaultAsync(u => u.Id == CustomerUserId.From(userId) && u.OrgId == org.Id, ct);
        if (org is null || user is null)
        {
            return Problems.NotFound(org is null ? "Customer org" : "Customer user");
        }
        var invited = await InviteCustomerUser.RunAsync(db, org, user, address.Url, clock.GetUtcNow(), ct);
        return invited.IsFailure
            ? Problems.From(invited.Errors)
            : TypedResults.Created($"/v1/customer-orgs/{org.Id}/users/{user.Id}/invitation", invited.Value);
    }

    private static async Task<Results<Created<IssuedKeyDto>, ProblemHttpResult>> IssueKeyAsync(
        string orgId, CustomerKeyRequest request, SwitchyardDb db, Caller caller, TimeProvider clock, CancellationToken ct)
    {
        var org = await FindOrgAsync(db, orgId, ct);
        if (org is null)
        {
            return Problems.NotFound("Customer org");
        }
        if (string.IsNullOrWhiteSpace(request.Email))
        {
            return Problems.From(Domain.Common.Errors.Required("email"));
        }
        var email = CustomerUser.NormalizeEmail(request.Email);
        var user = await db.CustomerUsers.SingleOrDefaultAsync(u => u.OrgId == org.Id && u.Email == email, ct);
        if (user is null)
        {
            return Problems.From(Domain.Common.Errors.Validation("unknownUser", "email",
                "This org has no user with this email; add the user first (POST /v1/customer-orgs/{orgId}/users)."));
        }
        var issued = ApiKey.ForCustomerUser(org.Id, user.Id, request.Name, caller.Actor, clock.GetUtcNow());
        db.ApiKeys.Add(issued.Key);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/v1/api-keys/{issued.Key.Id}", IssuedKeyDto.From(issued));
    }

    private static async Task<Ok<CustomerSettingsDto>> GetSettingsAsync(SwitchyardDb db, Caller caller, CancellationToken ct)
    {
        var org = await OwnOrgAsync(db, caller, ct);
        return TypedResults.Ok(CustomerSettingsDto.From(org));
    }

    private static async Task<Results<Ok<CustomerSettingsDto>, ProblemHttpResult>> UpdateSettingsAsync(
        CustomerSettingsRequest request, SwitchyardDb db, Caller caller, CancellationToken ct)
    {
        var org = await OwnOrgAsync(db, caller, ct);
        var changed = await CustomerUseCases.ChangeSettingsAsync(db, org, request.ReceiveOffers, request.TaxExemptionOnFile, request.BillingCountry, ct);
        return changed.IsFailure ? Problems.From(changed.Errors) : TypedResults.Ok(CustomerSettingsDto.From(org));
    }

    private static async Task<Results<Ok<CustomerOrgDto>, ProblemHttpResult>> UpdateAsync(
        string orgId, UpdateCustomerOrgRequest request, SwitchyardDb db, CancellationToken ct)
    {
        if (await FindOrgAsync(db, orgId, ct) is not { } org)
        {
            return Problems.NotFound("Customer org");
        }
        var changed = await CustomerUseCases.ChangeSettingsAsync(db, org, null, null, request.BillingCountry, ct);
        return changed.IsFailure ? Problems.From(changed.Errors) : TypedResults.Ok(CustomerOrgDto.From(org));
    }

    private static Task<CustomerOrg> OwnOrgAsync(SwitchyardDb db, Caller caller, CancellationToken ct)
    {
        var orgId = caller.OrgId ?? throw new InvalidOperationException("A customer key without an org.");
        return db.CustomerOrgs.SingleAsync(o => o.Id == CustomerOrgId.From(orgId), ct);
    }

    /// <summary>Finds an org by either spelling of its id (15 or 18 characters).</summary>
    internal static async Task<CustomerOrg?> FindOrgAsync(SwitchyardDb db, string orgId, CancellationToken ct)
    {
        if (OrgIds.Validate(orgId).Count > 0)
        {
            return null;
        }
        var canonical = CustomerOrgId.Canonical(orgId);
        return await db.CustomerOrgs.SingleOrDefaultAsync(o => o.Id == canonical, ct);
    }
}
