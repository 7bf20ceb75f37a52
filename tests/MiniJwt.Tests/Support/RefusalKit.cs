using System;
using System.Text;
using Xunit;

namespace MiniJwt.Tests.Support;

/// <summary>The refusal kit: a token with exactly one defect, decoded by the Try, throwing and UTF-8 forms alike.</summary>
internal static class RefusalKit
{
    internal const long Now = 1_700_000_000;

    internal static readonly JwtKey Key = TestKeys.Hs256;

    internal static readonly JwtValidationOptions Default = new(JwtAlgorithm.HS256)
    {
        TimeProvider = FakeTimeProvider.AtUnixSeconds(Now),
    };

    internal static string WithHeader(string headerJson) => Tokens.Craft(Key, headerJson, Tokens.FarFuturePayload);

    internal static string WithPayload(string payloadJson) => Tokens.Craft(Key, Tokens.Hs256Header, payloadJson);

    /// <summary>Decodes with the Try form, the throwing form and the UTF-8 form; all three must refuse alike.</summary>
    internal static JwtError Refuse(string? token, JwtValidationOptions? options = null, JwtKey? key = null)
    {
        options ??= Default;
        key ??= Key;
        Assert.False(Jwt.TryDecode(token, key, options, out JwtToken result, out JwtError error));
        Assert.Equal(string.Empty, result.Token);
        JwtException exception = Assert.Throws<JwtException>(() => Jwt.Decode(token, key, options));
        Assert.Equal(error, exception.Error);
        Assert.Equal(error.Code, exception.Code);
        if (token is not null)
        {
            Assert.False(Jwt.TryDecode(Encoding.UTF8.GetBytes(token), key, options, out _, out JwtError utf8Error));
            Assert.Equal(error, utf8Error);
        }

        return error;
    }

    internal static void AssertRefused(JwtErrorCode expected, string? token, JwtValidationOptions? options = null, JwtKey? key = null)
    {
        JwtError error = Refuse(token, options, key);
        Assert.Equal(expected, error.Code);
    }

    internal static void AssertRefused(JwtErrorCode expected, string claim, string? token, JwtValidationOptions? options = null)
    {
        JwtError error = Refuse(token, options);
        Assert.Equal(expected, error.Code);
        if (claim is "header" or "payload" or "signature")
        {
            // An error of a whole part names the part, and no parameter or claim.
            Assert.Equal(claim, error.Part);
            Assert.Null(error.Name);
        }
        else
        {
            // A header parameter or a claim, each named with its part.
            Assert.Equal(claim, error.Name);
            Assert.Equal(claim is "alg" or "typ" or "crit" or "b64" ? "header" : "payload", error.Part);
        }
    }

    // Changes the last character of a Base64Url segment so that its unused low bits are no longer zero.
    internal static string NonCanonical(string segment)
    {
        Assert.NotEqual(0, segment.Length % 4);
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        int index = Alphabet.IndexOf(segment[^1], StringComparison.Ordinal);
        return segment[..^1] + Alphabet[index + 1];
    }
}
