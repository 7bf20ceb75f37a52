using System;
using System.Buffers;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text.Json;

namespace MiniJwt;

/// <summary>
/// The members of one JWK that MiniJwt reads, collected while <see cref="StrictJson.ReadObject{TVisitor}"/> checks the
/// object. Key values are decoded straight from the JSON bytes (no string holds private material). Unknown members are
/// left to the gate, which checks them and skips them. The first problem is kept in <see cref="Error"/>.
/// </summary>
internal struct JwkMembers : IJsonMemberVisitor
{
    public string? Kty;
    public string? Crv;
    public string? Alg;
    public string? Use;
    public string? Kid;
    public List<string>? KeyOps;
    public bool HasOth;
    public byte[]? N;
    public byte[]? E;
    public byte[]? D;
    public byte[]? P;
    public byte[]? Q;
    public byte[]? DP;
    public byte[]? DQ;
    public byte[]? QI;
    public byte[]? X;
    public byte[]? Y;
    public byte[]? K;
    public string? Error;

    public readonly bool HasRsaPrivate => D is not null || P is not null || Q is not null || DP is not null || DQ is not null || QI is not null;

    public void Visit(scoped ReadOnlySpan<byte> name, ref Utf8JsonReader reader)
    {
        switch (name.Length)
        {
            case 1:
                switch (name[0])
                {
                    case (byte)'n': ReadValue(ref reader, ref N, "n"); break;
                    case (byte)'e': ReadValue(ref reader, ref E, "e"); break;
                    case (byte)'d': ReadValue(ref reader, ref D, "d"); break;
                    case (byte)'p': ReadValue(ref reader, ref P, "p"); break;
                    case (byte)'q': ReadValue(ref reader, ref Q, "q"); break;
                    case (byte)'x': ReadValue(ref reader, ref X, "x"); break;
                    case (byte)'y': ReadValue(ref reader, ref Y, "y"); break;
                    case (byte)'k': ReadValue(ref reader, ref K, "k"); break;
                }

                break;
            case 2:
                if (name.SequenceEqual("dp"u8))
                {
                    ReadValue(ref reader, ref DP, "dp");
                }
                else if (name.SequenceEqual("dq"u8))
                {
                    ReadValue(ref reader, ref DQ, "dq");
                }
                else if (name.SequenceEqual("qi"u8))
                {
                    ReadValue(ref reader, ref QI, "qi");
                }

                break;
            case 3:
                if (name.SequenceEqual("kty"u8))
                {
                    Kty = ReadString(ref reader, "kty");
                }
                else if (name.SequenceEqual("crv"u8))
                {
                    Crv = ReadString(ref reader, "crv");
                }
                else if (name.SequenceEqual("alg"u8))
                {
                    Alg = ReadString(ref reader, "alg");
                }
                else if (name.SequenceEqual("use"u8))
                {
                    Use = ReadString(ref reader, "use");
                }
                else if (name.SequenceEqual("kid"u8))
                {
                    Kid = ReadString(ref reader, "kid");
                }
                else if (name.SequenceEqual("oth"u8))
                {
                    HasOth = true;
                }

                break;
            case 7:
                if (name.SequenceEqual("key_ops"u8))
                {
                    ReadKeyOps(ref reader);
                }

                break;
        }
    }

    /// <summary>Zeroes the private values (d, p, q, dp, dq, qi, k).</summary>
    public readonly void Clear()
    {
        Zero(D);
        Zero(P);
        Zero(Q);
        Zero(DP);
        Zero(DQ);
        Zero(QI);
        Zero(K);
    }

    private static void Zero(byte[]? value)
    {
        if (value is not null)
        {
            CryptographicOperations.ZeroMemory(value);
        }
    }

    private void Fail(string message) => Error ??= message;

    private string? ReadString(ref Utf8JsonReader reader, string member)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            Fail("The JWK member '" + member + "' is not a string.");
            return null;
        }

        return reader.GetString();
    }

    private void ReadValue(ref Utf8JsonReader reader, ref byte[]? target, string member)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            Fail("The JWK member '" + member + "' is not a string.");
            return;
        }

        ReadOnlySpan<byte> text = reader.ValueSpan;
        byte[]? rented = null;
        try
        {
            if (reader.ValueIsEscaped)
            {
                rented = ArrayPool<byte>.Shared.Rent(text.Length);
                int length = reader.CopyString(rented);
                text = rented.AsSpan(0, length);
            }

            int size = JwtBase64Url.GetDecodedLength(text.Length);
            byte[] value = size < 0 ? [] : new byte[size];
            if (size < 0 || !JwtBase64Url.TryDecodeFromUtf8(text, value, out _))
            {
                Fail("The JWK member '" + member + "' is not strict Base64Url (RFC 7515 §2: no padding, no '+' or '/', no whitespace, canonical last character).");
                return;
            }

            target = value;
        }
        finally
        {
            if (rented is not null)
            {
                CryptographicOperations.ZeroMemory(rented);
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private void ReadKeyOps(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            Fail("The JWK member 'key_ops' is not an array of strings.");
            return;
        }

        var ops = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                Fail("The JWK member 'key_ops' is not an array of strings.");
                if (reader.TokenType is JsonTokenType.StartArray or JsonTokenType.StartObject)
                {
                    reader.Skip();
                }

                continue;
            }

            string op = reader.GetString()!;
            if (!seen.Add(op))
            {
                Fail("The JWK member 'key_ops' repeats a value (RFC 7517 §4.3).");
            }

            ops.Add(op);
        }

        KeyOps = ops;
    }
}
