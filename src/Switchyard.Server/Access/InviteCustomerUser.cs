using Microsoft.EntityFrameworkCore;
using Switchyard.Data;
using Switchyard.Domain.Access;
using Switchyard.Domain.Common;
using Switchyard.Domain.Customers;

namespace Switchyard.Server.Access;

/// <summary>
/// An operator invites a customer user to the console (the customer portal where offers are accepted, OFF-11);
/// shared by the API and the console.
/// </summary>
public static class InviteCustomerUser
{
    /// <summary>The new console user and the invitation link (shown once: only its hash is stored).</summary>
    public static async Task<Result<InvitationDto>> RunAsync(
        SwitchyardDb db, CustomerOrg org, CustomerUser user, string baseUrl, DateTimeOffset now, CancellationToken ct)
    {
        var invited = ConsoleUser.InviteCustomerUser(org, user, now);
        if (invited.IsFailure)
        {
            return Result<InvitationDto>.Failure(invited.Errors);
        }
        var (consoleUser, token) = invited.Value;
        if (await db.ConsoleUsers.AnyAsync(u => u.Email == consoleUser.Email, ct))
        {
            return Errors.Validation("duplicateUser", "email", "A console user with this email already exists.");
        }
        db.ConsoleUsers.Add(consoleUser);
        await db.SaveChangesAsync(ct);
        var url = $"{baseUrl.TrimEnd('/')}/console/invitation?token={Uri.EscapeDataString(token)}";
        return new InvitationDto(consoleUser.Id, consoleUser.Email, consoleUser.PermissionList, url, consoleUser.InvitationExpiresAt!.Value);
    }
}
