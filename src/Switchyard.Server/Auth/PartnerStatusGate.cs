using Microsoft.EntityFrameworkCore;
using Switchyard.Data;
using Switchyard.Domain.Partners;

namespace Switchyard.Server.Auth;

/// <summary>
/// ONB-1: a rejected partner's keys and console users are refused everything (403 partnerRejected);
/// its data stays. Checked on every request, so a rejection takes effect at once, even for open sessions.
/// </summary>
public sealed class PartnerStatusGate(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, SwitchyardDb db)
    {
        if (Caller.From(context.User) is { PartnerId: { } partnerId } && !IsSignOut(context.Request.Path))
        {
            var status = context.Items.TryGetValue(StatusKey, out var known) && known is StatusRead read
                ? read.Status
                : await db.Partners.IgnoreQueryFilters().AsNoTracking().Where(p => p.Id == partnerId)
                    .Select(p => (PartnerStatus?)p.Status).SingleOrDefaultAsync(context.RequestAborted);
            if (status is null or PartnerStatus.Rejected)
            {
                var error = PartnerErrors.Rejected;
                await Http.Problems.Write(context, StatusCodes.Status403Forbidden, error.Code, "Forbidden", error.Message);
                return;
            }
        }
        await next(context);
    }

    private static readonly object StatusKey = new();

    private sealed record StatusRead(PartnerStatus? Status);

    /// <summary>
    /// The partner's status as read in this request's own authentication query (API keys read it with the
    /// key), so the gate needs no second query; still the database's value at the time of this request.
    /// </summary>
    public static void Remember(HttpContext context, PartnerStatus? status) => context.Items[StatusKey] = new StatusRead(status);

    // A refused console user can still end the session.
    private static bool IsSignOut(PathString path) => path.StartsWithSegments("/console/sign-out", StringComparison.OrdinalIgnoreCase);
}
