using System;
using System.Buffers;
using System.Security.Cryptography;

namespace MiniJwt;

/// <summary>
/// The JWK thumbprint of RFC 7638: SHA-256 over the key's required members only, in lexicographic order, with no
/// whitespace (RSA <c>{"e","kty","n"}</c>, EC <c>{"crv","kty","x","y"}</c>, oct <c>{"k","kty"}</c>), as Base64Url.
/// </summary>
internal static class JwkThumbprint
{
    public static string Compute(JwtKey key)
    {
        var buffer = new ArrayBufferWriter<byte>(JwkWriter.InitialCapacity(key));
        try
        {
            switch (key)
            {
                case RsaKey rsa:
                    RSAParameters p = rsa.Rsa.ExportParameters(false);
                    Append(buffer, "{\"e\":\""u8);
                    AppendBase64Url(buffer, JwkWriter.Minimal(p.Exponent));
                    Append(buffer, "\",\"kty\":\"RSA\",\"n\":\""u8);
                    AppendBase64Url(buffer, JwkWriter.Minimal(p.Modulus));
                    Append(buffer, "\"}"u8);
                    break;

                case EcKey ec:
                    JwkCurve curve = JwkCurve.FromAlgorithm(ec.Algorithm);
                    ECParameters q = ec.ECDsa.ExportParameters(false);
                    Append(buffer, "{\"crv\":\""u8);
                    Append(buffer, System.Text.Encoding.ASCII.GetBytes(curve.Name));
                    Append(buffer, "\",\"kty\":\"EC\",\"x\":\""u8);
                    AppendBase64Url(buffer, JwkWriter.FullSize(q.Q.X, curve.Size));
                    Append(buffer, "\",\"y\":\""u8);
                    AppendBase64Url(buffer, JwkWriter.FullSize(q.Q.Y, curve.Size));
                    Append(buffer, "\"}"u8);
                    break;

                case HmacKey hmac:
                    Append(buffer, "{\"k\":\""u8);
                    AppendBase64Url(buffer, hmac.SecretBytes);
                    Append(buffer, "\",\"kty\":\"oct\"}"u8);
                    break;

                default:
                    throw new InvalidOperationException("This key type has no JWK thumbprint.");
            }

            Span<byte> hash = stackalloc byte[32];
            SHA256.HashData(buffer.WrittenSpan, hash);
            return JwtBase64Url.EncodeToString(hash);
        }
        finally
        {
            buffer.Clear();
        }
    }

    private static void Append(ArrayBufferWriter<byte> buffer, ReadOnlySpan<byte> bytes) => buffer.Write(bytes);

    private static void AppendBase64Url(ArrayBufferWriter<byte> buffer, ReadOnlySpan<byte> value)
    {
        int length = JwtBase64Url.GetEncodedLength(value.Length);
        JwtBase64Url.EncodeCore(value, buffer.GetSpan(length));
        buffer.Advance(length);
    }
}
