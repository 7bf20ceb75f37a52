using System;
using System.Text;
using Xunit;

namespace MiniJwt.Tests.Support;

/// <summary>The algorithm lists and payloads the round-trip tests of the JWS and JWT levels share.</summary>
public static class RoundTripData
{
    /// <summary>Every algorithm MiniJwt implements.</summary>
    public static TheoryData<JwtAlgorithm> AllAlgorithms
    {
        get
        {
            var data = new TheoryData<JwtAlgorithm>();
            foreach (JwtAlgorithm algorithm in JwtAlgorithms.All)
            {
                data.Add(algorithm);
            }

            return data;
        }
    }

    /// <summary>Algorithms whose signatures are deterministic, so that two signing calls give the same token.</summary>
    public static TheoryData<JwtAlgorithm> DeterministicAlgorithms => new()
    {
        JwtAlgorithm.HS256, JwtAlgorithm.HS384, JwtAlgorithm.HS512,
        JwtAlgorithm.RS256, JwtAlgorithm.RS384, JwtAlgorithm.RS512,
    };

    /// <summary>A payload that is not JSON, nor UTF-8, and holds dots and a newline.</summary>
    public static readonly byte[] BinaryPayload = [0x00, 0xFF, 0xFE, 0x80, 0x2E, 0x2E, 0x0A, 0xC3, 0x28, 0x7B];

    /// <summary>A small claims set.</summary>
    public static readonly byte[] JsonPayload = "{\"sub\":\"42\",\"exp\":9999999999}"u8.ToArray();

    /// <summary>The decoded header of a compact token, as text.</summary>
    public static string HeaderJson(string token) =>
        Encoding.UTF8.GetString(JwtBase64Url.DecodeFromChars(token.AsSpan(0, token.IndexOf('.'))));
}
