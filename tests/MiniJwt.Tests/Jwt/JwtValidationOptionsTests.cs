using System;
using Xunit;

namespace MiniJwt.Tests.JwtLayer;

public class JwtValidationOptionsTests
{
    [Fact]
    public void Finding08_ValidateAudienceFalseWithAudiences_Throws()
    {
        // ValidateAudience = false used to override the configured audiences silently. Refused in either order.
        Assert.Equal("Audiences", Assert.Throws<ArgumentException>(() => new JwtValidationOptions(JwtAlgorithm.HS256) { ValidateAudience = false, Audiences = ["api"] }).ParamName);
        Assert.Equal("Audiences", Assert.Throws<ArgumentException>(() => new JwtValidationOptions(JwtAlgorithm.HS256) { Audiences = ["api"], ValidateAudience = false }).ParamName);
    }

    [Fact]
    public void Finding08_EmptyAudience_Throws()
    {
        Assert.Equal("Audiences", Assert.Throws<ArgumentException>(() => new JwtValidationOptions(JwtAlgorithm.HS256) { Audiences = [""] }).ParamName);
        Assert.Equal("Audiences", Assert.Throws<ArgumentException>(() => new JwtValidationOptions(JwtAlgorithm.HS256) { Audiences = ["api", ""] }).ParamName);
    }

    [Fact]
    public void AudienceOptionsThatAgree_AreAccepted()
    {
        Assert.False(new JwtValidationOptions(JwtAlgorithm.HS256) { ValidateAudience = false }.ValidateAudience);
        Assert.Equal(["api"], new JwtValidationOptions(JwtAlgorithm.HS256) { Audiences = ["api"], ValidateAudience = true }.Audiences);
    }
}
