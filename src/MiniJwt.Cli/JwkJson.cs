using System;
using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace MiniJwt.Cli;

/// <summary>
/// The little of a JWK's JSON the tool reads itself: which kind of key it is (to know the algorithms a JWK
/// without <c>alg</c> may serve), a <c>kid</c> to replace, and the parameters <c>jwk to-pem</c> rebuilds a key
/// from. Every key is also read by the library (<see cref="JwtKey.FromJwk(string, JwtAlgorithm?, bool)"/>), which
/// is the judge of whether it is a valid key.
/// </summary>
internal static class JwkJson
{
    /// <summary>Reads the top-level string members the tool needs; <see langword="false"/> when the text is not one JSON object.</summary>
    public static bool TryInspect(string json, out bool isSet, out string? kty, out string? crv, out string? alg, out string? kid)
    {
        isSet = false;
        kty = crv = alg = kid = null;
        try
        {
            using JsonDocument document = JsonDocument.Parse(json);
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            isSet = root.TryGetProperty("keys", out _);
            kty = StringOf(root, "kty");
            crv = StringOf(root, "crv");
            alg = StringOf(root, "alg");
            kid = StringOf(root, "kid");
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Returns the JWK with its <c>kid</c> set to <paramref name="keyId"/> (every other member as it was).</summary>
    public static string WithKeyId(string json, string keyId)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        var buffer = new ArrayBufferWriter<byte>(json.Length + keyId.Length + 16);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (JsonProperty property in document.RootElement.EnumerateObject())
            {
                if (!property.NameEquals("kid"))
                {
                    property.WriteTo(writer);
                }
            }

            writer.WriteString("kid", keyId);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Rebuilds the RSA key of a JWK the library has accepted, from its parameters (n, e; d, p, q, dp, dq, qi when private).</summary>
    public static RSA ToRsa(string json, bool includePrivate)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        JsonElement root = document.RootElement;
        byte[] modulus = Bytes(root, "n");
        var parameters = new RSAParameters { Modulus = modulus, Exponent = Bytes(root, "e") };
        if (includePrivate)
        {
            // RSAParameters wants D as long as the modulus and the CRT values half as long; JWK integers are minimal.
            int half = (modulus.Length + 1) / 2;
            parameters.D = Bytes(root, "d", modulus.Length);
            parameters.P = Bytes(root, "p", half);
            parameters.Q = Bytes(root, "q", half);
            parameters.DP = Bytes(root, "dp", half);
            parameters.DQ = Bytes(root, "dq", half);
            parameters.InverseQ = Bytes(root, "qi", half);
        }

        return RSA.Create(parameters);
    }

    /// <summary>Rebuilds the EC key of a JWK the library has accepted, from its parameters (crv, x, y; d when private).</summary>
    public static ECDsa ToECDsa(string json, bool includePrivate)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        JsonElement root = document.RootElement;
        ECCurve curve = StringOf(root, "crv") switch
        {
            "P-256" => ECCurve.NamedCurves.nistP256,
            "P-384" => ECCurve.NamedCurves.nistP384,
            "P-521" => ECCurve.NamedCurves.nistP521,
            _ => throw new CryptographicException("the JWK's crv is not P-256, P-384 or P-521."),
        };
        var parameters = new ECParameters
        {
            Curve = curve,
            Q = new ECPoint { X = Bytes(root, "x"), Y = Bytes(root, "y") },
            D = includePrivate ? Bytes(root, "d") : null,
        };
        return ECDsa.Create(parameters);
    }

    private static string? StringOf(JsonElement root, string name) =>
        root.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static byte[] Bytes(JsonElement root, string name, int length = 0)
    {
        if (StringOf(root, name) is not { } text || !Base64UrlText.TryDecode(text, out byte[] bytes, out string problem))
        {
            throw new CryptographicException("the JWK member " + name + " is missing or not Base64Url.");
        }

        _ = problem;
        if (bytes.Length >= length)
        {
            return bytes;
        }

        byte[] padded = new byte[length];
        bytes.CopyTo(padded, length - bytes.Length);
        return padded;
    }
}
