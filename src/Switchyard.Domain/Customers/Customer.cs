using Switchyard.Domain.Common;

namespace Switchyard.Domain.Customers;

/// <summary>A partner's record of a customer org it sells to (one per partner and org).</summary>
public sealed class Customer : Entity<CustomerId>, IPartnerOwned, IAudited
{
    private Customer() { }

    public string PartnerId { get; private set; } = "";
    public string Name { get; private set; } = "";

    /// <summary>The canonical 18-character org id.</summary>
    public CustomerOrgId OrgId { get; private set; }
    public string ContactEmail { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }

    public static Result<Customer> Create(string partnerId, string? name, string? orgId, string? contactEmail, DateTimeOffset now)
    {
        var errors = new List<Error>();
        Validate.Required(errors, "name", name);
        errors.AddRange(OrgIds.Validate(orgId));
        Validate.Email(errors, "contactEmail", contactEmail, required: true);
        if (errors.Count > 0)
        {
            return Result<Customer>.Failure(errors);
        }
        return new Customer
        {
            Id = CustomerId.New(),
            PartnerId = partnerId,
            Name = name!.Trim(),
            OrgId = CustomerOrgId.Canonical(orgId!),
            ContactEmail = contactEmail!.Trim(),
            CreatedAt = now,
        };
    }

    public Result<Unit> Update(string? name, string? contactEmail)
    {
        var errors = new List<Error>();
        if (name is not null)
        {
            Validate.Required(errors, "name", name);
        }
        if (contactEmail is not null)
        {
            Validate.Email(errors, "contactEmail", contactEmail, required: true);
        }
        if (errors.Count > 0)
        {
            return Result<Unit>.Failure(errors);
        }
        Name = name?.Trim() ?? Name;
        ContactEmail = contactEmail?.Trim() ?? ContactEmail;
        return Result.Ok();
    }
}
