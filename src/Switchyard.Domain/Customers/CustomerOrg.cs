using Switchyard.Domain.Common;

namespace Switchyard.Domain.Customers;

/// <summary>
/// A buyer organisation known to the marketplace; the place licenses apply. Its id is the canonical
/// (18-character) org id.
/// </summary>
public sealed class CustomerOrg : Entity<CustomerOrgId>, IAudited
{
    private CustomerOrg() { }

    public string Name { get; private set; } = "";

    /// <summary>OFF-10: offers to an org that has not opted in go to Error.</summary>
    public bool ReceiveOffers { get; private set; } = true;

    /// <summary>OFF-12: must be on file before acceptance.</summary>
    public bool TaxExemptionOnFile { get; private set; }

    /// <summary>
    /// BIL-1: the country the org is billed in (ISO 3166 two-letter code); it picks the tax rate of its
    /// invoices unless a tax exemption was on file at acceptance. Null: the default rate applies.
    /// </summary>
    public string? BillingCountry { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public static Result<CustomerOrg> Create(string? orgId, string? name, DateTimeOffset now, string? billingCountry = null)
    {
        var errors = new List<Error>(OrgIds.Validate(orgId));
        Validate.Required(errors, "name", name);
        var country = NormalizedCountry(billingCountry);
        Validate.Country(errors, "billingCountry", country);
        if (errors.Count > 0)
        {
            return Result<CustomerOrg>.Failure(errors);
        }
        return new CustomerOrg { Id = CustomerOrgId.Canonical(orgId!), Name = name!.Trim(), BillingCountry = country, CreatedAt = now };
    }

    /// <summary>
    /// Changes what is given and keeps the rest. An empty billing country clears it; a country is given as
    /// its two-letter code in either case.
    /// </summary>
    public Result<Unit> ChangeSettings(bool? receiveOffers, bool? taxExemptionOnFile, string? billingCountry = null)
    {
        var errors = new List<Error>();
        var country = NormalizedCountry(billingCountry);
        Validate.Country(errors, "billingCountry", country);
        if (errors.Count > 0)
        {
            return Result<Unit>.Failure(errors);
        }
        ReceiveOffers = receiveOffers ?? ReceiveOffers;
        TaxExemptionOnFile = taxExemptionOnFile ?? TaxExemptionOnFile;
        if (billingCountry is not null)
        {
            BillingCountry = country;
        }
        return Result.Ok();
    }

    private static string? NormalizedCountry(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : value.Trim().ToUpperInvariant();
}
