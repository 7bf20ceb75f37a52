using System.Security.Claims;
using Xunit;

namespace MiniJwt.AspNetCore.Tests;

public sealed class AuthUserIdentityTests
{
    [Fact]
    public void Clone_KeepsUserFlagsAndClaims()
    {
        var user = new object();
        var identity = new AuthUserIdentity(user, "cookie", isActive: true, isVerified: true, isSuperuser: false, [new Claim(ClaimTypes.NameIdentifier, "42")]) { Token = "t" };
        var clone = Assert.IsType<AuthUserIdentity>(identity.Clone());
        Assert.NotSame(identity, clone);
        Assert.Same(user, clone.User);
        Assert.Equal("cookie", clone.BackendName);
        Assert.Equal("cookie", clone.AuthenticationType);
        Assert.True(clone.IsAuthenticated);
        Assert.True(clone.IsActive);
        Assert.True(clone.IsVerified);
        Assert.False(clone.IsSuperuser);
        Assert.Equal("t", clone.Token);
        Assert.Equal("42", clone.FindFirst(ClaimTypes.NameIdentifier)!.Value);
    }
}
