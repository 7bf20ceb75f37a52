using System;
using System.Buffers;
using System.Text;
using System.Text.Json;

namespace MiniJwt;

/// <summary>Where the three segments of a compact JWS lie: header [0, HeaderEnd), payload (HeaderEnd, PayloadEnd), signature after PayloadEnd.</summary>
internal readonly struct JwsLayout
{
    public JwsLayout(int headerEnd, int payloadEnd)
    {
        HeaderEnd = headerEnd;
        PayloadEnd = payloadEnd;
    }

    public int HeaderEnd { get; }

    public int PayloadEnd { get; }

    public int PayloadStart => HeaderEnd + 1;

    public int PayloadLength => PayloadEnd - HeaderEnd - 1;

    public int SignatureStart => PayloadEnd + 1;
}

/// <summary>Steps 1 to 6 of the decode order: size, charset, split, header, allow-list, key family, signature.</summary>
internal static class JwsReader
{
    /// <summary>The longest token narrowed into a stack buffer; longer ones use the array pool.</summary>
    internal const int StackLimit = 1024;

    internal const string JwtType = "JWT";

    private static readonly SearchValues<byte> s_tokenChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_."u8);

    /// <summary>Narrows a token given as text to ASCII bytes; false when a character is not ASCII.</summary>
    public static bool TryNarrow(ReadOnlySpan<char> token, Span<byte> destination) =>
        Ascii.FromUtf16(token, destination, out _) == OperationStatus.Done;

    /// <summary>Step 1 and 2: size cap, charset, exactly three segments, the header not empty.</summary>
    public static JwtErrorCode Split(ReadOnlySpan<byte> token, int maxLength, out JwsLayout layout)
    {
        layout = default;
        if (token.IsEmpty)
        {
            return JwtErrorCode.Empty;
        }

        if (token.Length > maxLength)
        {
            return JwtErrorCode.TokenTooLarge;
        }

        if (token.IndexOfAnyExcept(s_tokenChars) >= 0)
        {
            return JwtErrorCode.Malformed;
        }

        int first = token.IndexOf((byte)'.');
        if (first <= 0)
        {
            return JwtErrorCode.Malformed;
        }

        // The payload may be empty: RFC 7515 allows any payload, the empty one included. A JWT's payload
        // must be a JSON object, so the JWT level refuses it when it reads the claims.
        int second = token.Slice(first + 1).IndexOf((byte)'.');
        if (second < 0)
        {
            return JwtErrorCode.Malformed;
        }

        second += first + 1;
        if (token.Slice(second + 1).Contains((byte)'.'))
        {
            return JwtErrorCode.Malformed;
        }

        layout = new JwsLayout(first, second);
        return JwtErrorCode.None;
    }

    /// <summary>Steps 1 to 6 over an ASCII token.</summary>
    public static JwtError Verify(ReadOnlySpan<byte> token, JwtKey key, JwsValidationOptions options, out JwsLayout layout, out JwtHeader header)
    {
        header = default;
        JwtErrorCode code = Split(token, options.MaxTokenLength, out layout);
        if (code != JwtErrorCode.None)
        {
            return new JwtError(code);
        }

        ReadOnlySpan<byte> encodedHeader = token.Slice(0, layout.HeaderEnd);
        bool critical = false;
        bool badParameter = false;
        JwtAlgorithm algorithm;

        // Fast path: the exact header this key writes, compared before any decoding.
        if (encodedHeader.SequenceEqual(key.EncodedJwtHeader))
        {
            algorithm = key.Algorithm;
            header = new JwtHeader(algorithm, JwtType, key.KeyId, null);
        }
        else if (encodedHeader.SequenceEqual(key.EncodedBareHeader))
        {
            algorithm = key.Algorithm;
            header = new JwtHeader(algorithm, null, key.KeyId, null);
        }
        else
        {
            JwtError error = ReadHeader(encodedHeader, options.MaxJsonDepth, out header, out critical, out badParameter);
            if (error.Code != JwtErrorCode.None)
            {
                return error;
            }

            algorithm = header.Algorithm;
        }

        // Step 4: the allow-list (an unknown name, "none" included, parses to no algorithm and is never allowed).
        if (!JwtAlgorithms.IsDefined(algorithm) || !options.Allows(algorithm))
        {
            return new JwtError(JwtErrorCode.AlgorithmNotAllowed, "alg");
        }

        // Step 5: the key belongs to this algorithm; no extension we do not implement.
        if (key.Algorithm != algorithm)
        {
            return new JwtError(JwtErrorCode.KeyAlgorithmMismatch, "alg");
        }

        // A key whose JWK key_ops leave out "verify" verifies nothing.
        if (key.JwkForbidsVerify)
        {
            return new JwtError(JwtErrorCode.KeyNotFound);
        }

        if (critical)
        {
            return new JwtError(JwtErrorCode.UnsupportedCritical, "crit");
        }

        if (badParameter)
        {
            return new JwtError(JwtErrorCode.InvalidHeader);
        }

        // Step 6: the signature, of exactly the algorithm's length.
        ReadOnlySpan<byte> encodedSignature = token.Slice(layout.SignatureStart);
        int size = key.SignatureSize;
        if (JwtBase64Url.GetDecodedLength(encodedSignature.Length) != size)
        {
            return new JwtError(JwtErrorCode.InvalidSignature);
        }

        byte[]? rented = null;
        Span<byte> signature = size <= 512 ? stackalloc byte[size] : (rented = ArrayPool<byte>.Shared.Rent(size));
        try
        {
            if (!JwtBase64Url.DecodeCore(encodedSignature, signature, out _))
            {
                return new JwtError(JwtErrorCode.InvalidBase64Url, "signature");
            }

            if (!key.Verify(token.Slice(0, layout.PayloadEnd), signature.Slice(0, size)))
            {
                return new JwtError(JwtErrorCode.InvalidSignature);
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }

        return default;
    }

    /// <summary>Step 3: decodes and reads the header. Unknown <c>alg</c> names leave <see cref="JwtHeader.Algorithm"/> at 0.</summary>
    public static JwtError ReadHeader(ReadOnlySpan<byte> encoded, int maxDepth, out JwtHeader header, out bool critical, out bool badParameter)
    {
        header = default;
        critical = false;
        badParameter = false;
        int length = JwtBase64Url.GetDecodedLength(encoded.Length);
        if (length < 0)
        {
            return new JwtError(JwtErrorCode.InvalidBase64Url, "header");
        }

        byte[]? rented = null;
        Span<byte> json = length <= 512 ? stackalloc byte[length] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            if (!JwtBase64Url.DecodeCore(encoded, json, out _))
            {
                return new JwtError(JwtErrorCode.InvalidBase64Url, "header");
            }

            return ParseHeader(json.Slice(0, length), maxDepth, out header, out critical, out badParameter);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static JwtError ParseHeader(ReadOnlySpan<byte> json, int maxDepth, out JwtHeader header, out bool critical, out bool badParameter)
    {
        var visitor = default(HeaderVisitor);
        JwtErrorCode code = StrictJson.ReadObject(json, maxDepth, ref visitor);
        header = default;
        critical = visitor.Critical;
        badParameter = visitor.BadParameter;
        if (code != JwtErrorCode.None)
        {
            return new JwtError(code, "header");
        }

        if (!visitor.HasAlgorithm)
        {
            return new JwtError(JwtErrorCode.MissingAlgorithm, "alg");
        }

        header = new JwtHeader(visitor.Algorithm, visitor.Type, visitor.KeyId, visitor.ContentType);
        return default;
    }

    /// <summary>Reads the parameters MiniJwt looks at; every other one (<c>jwk</c>, <c>jku</c>, <c>x5u</c>, <c>x5c</c>…) is skipped unused.</summary>
    private struct HeaderVisitor : IJsonMemberVisitor
    {
        public bool HasAlgorithm;
        public JwtAlgorithm Algorithm;
        public string? Type;
        public string? KeyId;
        public string? ContentType;
        public bool Critical;
        public bool BadParameter;

        public void Visit(scoped ReadOnlySpan<byte> name, ref Utf8JsonReader reader)
        {
            if (name.SequenceEqual("alg"u8))
            {
                if (reader.TokenType == JsonTokenType.String)
                {
                    HasAlgorithm = true;
                    Algorithm = ReadAlgorithm(ref reader);
                }
            }
            else if (name.SequenceEqual("typ"u8))
            {
                Type = ReadStringParameter(ref reader);
            }
            else if (name.SequenceEqual("kid"u8))
            {
                KeyId = ReadStringParameter(ref reader);
            }
            else if (name.SequenceEqual("cty"u8))
            {
                ContentType = ReadStringParameter(ref reader);
            }
            else if (name.SequenceEqual("crit"u8) || (name.SequenceEqual("b64"u8) && reader.TokenType != JsonTokenType.True))
            {
                // No critical extension is implemented, and the payload is always Base64Url-encoded.
                Critical = true;
            }
        }

        private string? ReadStringParameter(ref Utf8JsonReader reader)
        {
            if (reader.TokenType == JsonTokenType.String)
            {
                return reader.GetString();
            }

            BadParameter = true;
            return null;
        }
    }

    private static JwtAlgorithm ReadAlgorithm(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped)
        {
            return JwtAlgorithms.TryParse(reader.ValueSpan, out JwtAlgorithm plain) ? plain : default;
        }

        if (reader.ValueSpan.Length > 64)
        {
            return default;
        }

        Span<byte> unescaped = stackalloc byte[64];
        int written = reader.CopyString(unescaped);
        return JwtAlgorithms.TryParse(unescaped.Slice(0, written), out JwtAlgorithm algorithm) ? algorithm : default;
    }
}
