using Switchyard.Data;
using Switchyard.Domain.Auditing;
using Switchyard.Domain.Common;
using Switchyard.Domain.Partners;

namespace Switchyard.Server.Partners;

/// <summary>ONB-1: a partner applies; an operator approves or rejects it. Shared by the API and the console.</summary>
public static class PartnerOnboarding
{
    public static async Task<Result<Partner>> ApplyAsync(SwitchyardDb db, string? name, DateTimeOffset now, CancellationToken ct)
    {
        var partner = Partner.Apply(name, now);
        if (partner.IsFailure)
        {
            return partner;
        }
        db.Partners.Add(partner.Value);
        db.Audit.Describe(partner.Value, AuditActions.PartnerApplied);
        await db.SaveChangesAsync(ct);
        return partner;
    }

    // requireBusinessDetails (UX-5): the console refuses to approve an application without business details; the API
    // keeps approving on the operator's word, as its contract says.
    public static async Task<Result<Partner>> ApproveAsync(SwitchyardDb db, Partner partner, DateTimeOffset now, CancellationToken ct,
        bool requireBusinessDetails = false)
    {
        if (requireBusinessDetails && partner.Status == PartnerStatus.Applied && partner.MissingBusinessDetails() is { Count: > 0 } missing)
        {
            return PartnerErrors.BusinessDetailsMissing(missing);
        }
        var approved = partner.Approve(now);
        if (approved.IsFailure)
        {
            return Result<Partner>.Failure(approved.Errors);
        }
        db.Audit.Describe(partner, AuditActions.PartnerApproved);
        await db.SaveChangesAsync(ct);
        return partner;
    }

    public static async Task<Result<Partner>> RejectAsync(SwitchyardDb db, Partner partner, string? reason, DateTimeOffset now, CancellationToken ct)
    {
        var rejected = partner.Reject(reason, now);
        if (rejected.IsFailure)
        {
            return Result<Partner>.Failure(rejected.Errors);
        }
        db.Audit.Describe(partner, AuditActions.PartnerRejected, reason);
        await db.SaveChangesAsync(ct);
        return partner;
    }
}

/// <summary>ONB-3: a partner edits its business details (the API's PATCH /v1/account and the console's account page).</summary>
public static class UpdateAccount
{
    public static async Task<Result<Partner>> RunAsync(SwitchyardDb db, Partner partner, AccountDetails details, string? name, string? reason, CancellationToken ct)
    {
        var updated = partner.UpdateDetails(details, name);
        if (updated.IsFailure)
        {
            return Result<Partner>.Failure(updated.Errors);
        }
        db.Audit.Describe(partner, AuditActions.AccountUpdated, string.IsNullOrWhiteSpace(reason) ? null : reason.Trim());
        await db.SaveChangesAsync(ct);
        return partner;
    }
}
