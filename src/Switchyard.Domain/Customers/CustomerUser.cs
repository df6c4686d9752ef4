using Switchyard.Domain.Common;

namespace Switchyard.Domain.Customers;

/// <summary>A person of a customer org; "manage billing" lets them accept offers (OFF-11).</summary>
public sealed class CustomerUser : Entity<CustomerUserId>, IAudited
{
    private CustomerUser() { }

    public CustomerOrgId OrgId { get; private set; }
    public string Email { get; private set; } = "";
    public bool ManageBilling { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public static Result<CustomerUser> Create(CustomerOrg org, string? email, bool manageBilling, DateTimeOffset now)
    {
        var errors = new List<Error>();
        Validate.Email(errors, "email", email, required: true);
        if (errors.Count > 0)
        {
            return Result<CustomerUser>.Failure(errors);
        }
        return new CustomerUser
        {
            Id = CustomerUserId.New(),
            OrgId = org.Id,
            Email = NormalizeEmail(email!),
            ManageBilling = manageBilling,
            CreatedAt = now,
        };
    }

    public void SetManageBilling(bool value) => ManageBilling = value;

    /// <summary>Emails compare case-insensitively; store one spelling.</summary>
    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();
}
