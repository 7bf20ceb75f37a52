using System.Text;
using Xunit;

namespace MiniJwt.Tests;

/// <summary>A verified token whose string claim escapes an unpaired surrogate: the Try readers say no instead of throwing.</summary>
public class JwtTokenUnpairedSurrogateTests
{
    [Fact]
    public void TryGetString_ReturnsFalse_AndSubjectIsNull()
    {
        var key = JwtKey.Hmac(JwtAlgorithm.HS256, "correct horse battery staple, 32+ bytes long, kept secret");
        string token = Jwt.Encode(Encoding.UTF8.GetBytes("""{"sub":"a\ud800","iss":"\udc00b","jti":"ok","exp":99999999999}"""), key);

        Assert.True(Jwt.TryDecode(token, key, new JwtValidationOptions(JwtAlgorithm.HS256), out JwtToken jwt, out JwtError error), error.ToString());
        Assert.False(jwt.TryGetString("sub", out string? sub));
        Assert.Null(sub);
        Assert.Null(jwt.Subject);
        Assert.Null(jwt.Issuer);
        Assert.Equal("ok", jwt.JwtId);
    }
}
