using System;
using System.Text;
using Xunit;

namespace MiniJwt.Tests;

/// <summary>
/// A string claim that escapes an unpaired surrogate (<c>"\ud800"</c>) is not valid Unicode (RFC 7493 §2.1):
/// such a payload is refused when encoding, and a token carrying one is refused as invalid JSON.
/// </summary>
public class JwtTokenUnpairedSurrogateTests
{
    private static readonly byte[] Payload = Encoding.UTF8.GetBytes("""{"sub":"a\ud800","iss":"\udc00b","jti":"ok","exp":99999999999}""");

    [Fact]
    public void EncodeRefusesAnUnpairedSurrogateEscape()
    {
        var key = JwtKey.FromSecret(JwtAlgorithm.HS256, "correct horse battery staple, 32+ bytes long, kept secret");
        Assert.Throws<ArgumentException>(() => Jwt.Encode(Payload, key));
    }

    [Fact]
    public void DecodeRefusesAnUnpairedSurrogateEscapeAsInvalidJson()
    {
        var key = JwtKey.FromSecret(JwtAlgorithm.HS256, "correct horse battery staple, 32+ bytes long, kept secret");
        string token = Jws.Sign(Payload, key, "JWT");

        Assert.False(Jwt.TryDecode(token, key, new JwtValidationOptions(JwtAlgorithm.HS256), out _, out JwtError error));
        Assert.Equal(JwtErrorCode.InvalidJson, error.Code);
    }
}
