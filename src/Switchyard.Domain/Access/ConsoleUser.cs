using Switchyard.Domain.Common;
using Switchyard.Domain.Customers;
using Switchyard.Domain.Partners;

namespace Switchyard.Domain.Access;

/// <summary>
/// A person who signs in to the web console with email and password. Partner users are invited by an
/// operator; the invitation link (shown once) lets them set their password.
/// </summary>
public sealed class ConsoleUser : Entity<string>, IAudited
{
    public static readonly TimeSpan InvitationLifetime = TimeSpan.FromDays(7);

    private ConsoleUser() { }

    public string Email { get; private set; } = "";
    public ActorKind Kind { get; private set; }
    public string? PartnerId { get; private set; }
    public CustomerOrgId? CustomerOrgId { get; private set; }
    public string Permissions { get; private set; } = "";

    /// <summary>Set by the server's standard password hasher; null until the invitation is accepted.</summary>
    public string? PasswordHash { get; private set; }
    public string? InvitationHash { get; private set; }
    public DateTimeOffset? InvitationExpiresAt { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? LastSignInAt { get; private set; }
    public bool Disabled { get; private set; }

    public IReadOnlyList<string> PermissionList => Permissions.Split(' ', StringSplitOptions.RemoveEmptyEntries);
    public bool IsActive => PasswordHash is not null && !Disabled;

    public static ConsoleUser Operator(string email, string passwordHash, DateTimeOffset now) => new()
    {
        Id = Ids.New(Ids.ConsoleUser),
        Email = CustomerUser.NormalizeEmail(email),
        Kind = ActorKind.Operator,
        PasswordHash = passwordHash,
        CreatedAt = now,
    };

    /// <summary>An operator invites a partner user; returns the user and the one-time invitation token.</summary>
    public static Result<(ConsoleUser User, string InvitationToken)> InvitePartnerUser(Partner partner, string? email, IReadOnlyList<string>? permissions, DateTimeOffset now)
    {
        var errors = new List<Error>();
        Validate.Email(errors, "email", email, required: true);
        if (permissions is null || permissions.Count == 0)
        {
            errors.Add(Errors.Validation("required", "permissions", $"Grant at least one of {string.Join(", ", Partners.Permissions.PartnerPermissions)}."));
        }
        else
        {
            foreach (var unknown in permissions.Where(p => !Partners.Permissions.IsPartnerPermission(p)))
            {
                errors.Add(Errors.Validation("unknownPermission", "permissions", $"'{unknown}' cannot be granted to a partner user."));
            }
        }
        if (errors.Count > 0)
        {
            return Result<(ConsoleUser, string)>.Failure(errors);
        }
        var token = Secrets.Random(40);
        var user = new ConsoleUser
        {
            Id = Ids.New(Ids.ConsoleUser),
            Email = CustomerUser.NormalizeEmail(email!),
            Kind = ActorKind.PartnerUser,
            PartnerId = partner.Id,
            Permissions = string.Join(' ', permissions!.Distinct(StringComparer.Ordinal)),
            InvitationHash = Secrets.Hash(token),
            InvitationExpiresAt = now + InvitationLifetime,
            CreatedAt = now,
        };
        return (user, token);
    }

    /// <summary>
    /// An operator invites a user of a customer org to the console (the customer portal, OFF-11); returns the
    /// user and the one-time invitation token. The console user signs in with the customer user's email.
    /// </summary>
    public static Result<(ConsoleUser User, string InvitationToken)> InviteCustomerUser(CustomerOrg org, CustomerUser user, DateTimeOffset now)
    {
        if (user.OrgId != org.Id)
        {
            return Errors.Validation("userNotInOrg", "userId", "This user belongs to another customer org.");
        }
        var token = Secrets.Random(40);
        var invited = new ConsoleUser
        {
            Id = Ids.New(Ids.ConsoleUser),
            Email = CustomerUser.NormalizeEmail(user.Email),
            Kind = ActorKind.CustomerUser,
            CustomerOrgId = org.Id,
            InvitationHash = Secrets.Hash(token),
            InvitationExpiresAt = now + InvitationLifetime,
            CreatedAt = now,
        };
        return (invited, token);
    }

    /// <summary>The invited user sets a password with the token from the link.</summary>
    public Result<Unit> AcceptInvitation(string token, string passwordHash, DateTimeOffset now)
    {
        if (InvitationHash is null || !Secrets.HashMatches(token, InvitationHash))
        {
            return Errors.Validation("invalidInvitation", "token", "This invitation link is not valid; ask the operator for a new one.");
        }
        if (InvitationExpiresAt < now)
        {
            return Errors.Validation("invitationExpired", "token", "This invitation link has expired; ask the operator for a new one.");
        }
        PasswordHash = passwordHash;
        InvitationHash = null;
        InvitationExpiresAt = null;
        return Result.Ok();
    }

    public void RecordSignIn(DateTimeOffset now) => LastSignInAt = now;

    /// <summary>
    /// Changes in <see cref="SecurityStamp"/> end every session signed in before it (sessions carry the
    /// stamp they were issued with).
    /// </summary>
    public string SecurityStamp { get; private set; } = "";

    /// <summary>A new password: every other session of this user ends (a new security stamp).</summary>
    public void ChangePassword(string passwordHash)
    {
        PasswordHash = passwordHash;
        SecurityStamp = Secrets.Random(24);
    }

    /// <summary>The same password, re-hashed with a newer algorithm at sign-in: sessions stay valid.</summary>
    public void UpgradePasswordHash(string passwordHash) => PasswordHash = passwordHash;

    /// <summary>Minimum password rule shared by the console forms.</summary>
    public static IReadOnlyList<Error> CheckPassword(string? password) =>
        password is { Length: >= 12 } ? [] : [Errors.Validation("weakPassword", "password", "Choose a password of at least 12 characters.")];
}
