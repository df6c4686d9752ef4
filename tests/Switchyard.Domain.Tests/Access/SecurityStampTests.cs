using Switchyard.Domain.Access;

namespace Switchyard.Domain.Tests.Access;

public class SecurityStampTests
{
    private static readonly DateTimeOffset Now = new(2027, 1, 4, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    [Trait("rule", "SEC-2")]
    public void ChangePassword_NewStamp_EndsOlderSessions_SEC2()
    {
        var user = ConsoleUser.Operator("op@example.com", "hash-1", Now);
        var before = user.SecurityStamp;
        user.ChangePassword("hash-2");
        Assert.NotEqual(before, user.SecurityStamp);
        Assert.Equal("hash-2", user.PasswordHash);
    }

    [Fact]
    [Trait("rule", "SEC-2")]
    public void UpgradePasswordHash_KeepsTheStamp_SEC2()
    {
        var user = ConsoleUser.Operator("op@example.com", "hash-1", Now);
        user.ChangePassword("hash-2");
        var stamp = user.SecurityStamp;
        user.UpgradePasswordHash("hash-2-rehashed");
        Assert.Equal(stamp, user.SecurityStamp);
    }
}
