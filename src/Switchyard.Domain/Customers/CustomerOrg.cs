using Switchyard.Domain.Common;

namespace Switchyard.Domain.Customers;

/// <summary>
/// A buyer organisation known to the marketplace; the place licenses apply. Its id is the canonical
/// (18-character) org id.
/// </summary>
public sealed class CustomerOrg : Entity<string>, IAudited
{
    private CustomerOrg() { }

    public string Name { get; private set; } = "";

    /// <summary>OFF-10: offers to an org that has not opted in go to Error.</summary>
    public bool ReceiveOffers { get; private set; } = true;

    /// <summary>OFF-12: must be on file before acceptance.</summary>
    public bool TaxExemptionOnFile { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public static Result<CustomerOrg> Create(string? orgId, string? name, DateTimeOffset now)
    {
        var errors = new List<Error>(OrgIds.Validate(orgId));
        Validate.Required(errors, "name", name);
        if (errors.Count > 0)
        {
            return Result<CustomerOrg>.Failure(errors);
        }
        return new CustomerOrg { Id = OrgIds.Canonical(orgId!), Name = name!.Trim(), CreatedAt = now };
    }

    public void ChangeSettings(bool? receiveOffers, bool? taxExemptionOnFile)
    {
        ReceiveOffers = receiveOffers ?? ReceiveOffers;
        TaxExemptionOnFile = taxExemptionOnFile ?? TaxExemptionOnFile;
    }
}
