using Microsoft.EntityFrameworkCore;
using Switchyard.Data;
using Switchyard.Domain.Access;
using Switchyard.Domain.Common;
using Switchyard.Domain.Partners;

namespace Switchyard.Server.Access;

/// <summary>An operator invites a partner user to the console; shared by the API and the console.</summary>
public static class InvitePartnerUser
{
    /// <summary>The new user and the invitation link (shown once: only its hash is stored).</summary>
    public static async Task<Result<InvitationDto>> RunAsync(
        SwitchyardDb db, Partner partner, string? email, IReadOnlyList<string>? permissions, string baseUrl, DateTimeOffset now, CancellationToken ct)
    {
        var invited = ConsoleUser.InvitePartnerUser(partner, email, permissions, now);
        if (invited.IsFailure)
        {
            return Result<InvitationDto>.Failure(invited.Errors);
        }
        var (user, token) = invited.Value;
        if (await db.ConsoleUsers.AnyAsync(u => u.Email == user.Email, ct))
        {
            return Errors.Validation("duplicateUser", "email", "A console user with this email already exists.");
        }
        db.ConsoleUsers.Add(user);
        await db.SaveChangesAsync(ct);
        var url = $"{baseUrl.TrimEnd('/')}/console/invitation?token={Uri.EscapeDataString(token)}";
        return new InvitationDto(user.Id, user.Email, user.PermissionList, url, user.InvitationExpiresAt!.Value);
    }
}
