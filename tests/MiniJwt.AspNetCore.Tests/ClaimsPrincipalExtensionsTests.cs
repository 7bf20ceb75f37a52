using System;
using System.Security.Claims;
using Xunit;

namespace MiniJwt.AspNetCore.Tests;

public sealed class ClaimsPrincipalExtensionsTests
{
    private sealed record Knight(string Name);

    [Fact]
    public void GetUser_FindsTheUserObject()
    {
        var knight = new Knight("Lancelot");
        var principal = new ClaimsPrincipal(new ClaimsIdentity());
        principal.AddIdentity(new AuthUserIdentity(knight, "jwt", true, false, false));
        Assert.Same(knight, principal.GetUser<Knight>());
        Assert.Same(knight, principal.FindUser<Knight>());
        Assert.Null(principal.FindUser<string>());
    }

    [Fact]
    public void GetUser_NoUser_ThrowsSayingWhatToDo()
    {
        var e = Assert.Throws<InvalidOperationException>(() => new ClaimsPrincipal(new ClaimsIdentity()).GetUser<Knight>());
        Assert.Contains("RequireCurrentUser", e.Message, StringComparison.Ordinal);
        Assert.Null(new ClaimsPrincipal().FindAuthUserIdentity());
    }
}
