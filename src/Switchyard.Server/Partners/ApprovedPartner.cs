using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.Data;
using Switchyard.Server.Auth;
using Switchyard.Server.Http;

namespace Switchyard.Server.Partners;

/// <summary>ONB-1: creating products and offers needs an approved partner (403 partnerNotApproved).</summary>
public static class ApprovedPartner
{
    public static async Task<ProblemHttpResult?> CheckAsync(SwitchyardDb db, HttpContext http, CancellationToken ct)
    {
        var partnerId = Caller.From(http.User)!.RequirePartnerId();
        var partner = await db.Partners.AsNoTracking().SingleAsync(p => p.Id == partnerId, ct);
        var approved = partner.EnsureApproved();
        return approved.IsFailure ? Problems.From(approved.Errors) : null;
    }
}
