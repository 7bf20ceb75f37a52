using System;
using System.Buffers;
using System.Text;
using System.Text.Json;

namespace MiniJwt;

/// <summary>
/// The whole JWS decode, steps 1 to 6 of the decode order, for a token given as text or as bytes: one empty and size
/// check, the narrowing of text to ASCII, the split, the header, the allow-list, the key family and the signature. A
/// level above reads the payload through an <see cref="IJwsPayloadReader"/> while the token's bytes are at hand.
/// </summary>
internal static class JwsReader
{
    private static readonly SearchValues<byte> s_tokenChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_."u8);

    /// <summary>Verifies a token given as text: the empty and size checks, then narrowed to ASCII bytes once.</summary>
    public static JwtError Verify<TReader>(string? token, JwtKey key, JwsValidationOptions options, ref TReader reader, out JwsLayout layout, out JwtHeader header)
        where TReader : struct, IJwsPayloadReader =>
        Verify(token, new SingleKeyChooser(key), options, ref reader, out layout, out header);

    /// <summary>Verifies a token given as ASCII bytes.</summary>
    public static JwtError Verify<TReader>(ReadOnlySpan<byte> token, JwtKey key, JwsValidationOptions options, ref TReader reader, out JwsLayout layout, out JwtHeader header)
        where TReader : struct, IJwsPayloadReader =>
        Verify(token, new SingleKeyChooser(key), options, ref reader, out layout, out header);

    /// <summary>Verifies a token given as text with the key <paramref name="keys"/> chooses from its header.</summary>
    public static JwtError Verify<TReader, TKeys>(string? token, TKeys keys, JwsValidationOptions options, ref TReader reader, out JwsLayout layout, out JwtHeader header)
        where TReader : struct, IJwsPayloadReader
        where TKeys : struct, IJwsKeyChooser
    {
        layout = default;
        header = default;
        JwtErrorCode code = token is null ? JwtErrorCode.Empty : CheckLength(token.Length, options.MaxTokenLength);
        if (token is null || code != JwtErrorCode.None)
        {
            return new JwtError(code);
        }

        int length = token.Length;
        using PooledBuffer buffer = length <= PooledBuffer.StackLimit ? new(stackalloc byte[length]) : new(length);
        if (!TryNarrow(token, buffer.Span))
        {
            return new JwtError(JwtErrorCode.Malformed);
        }

        return VerifyCore(buffer.Span, keys, options, ref reader, out layout, out header);
    }

    /// <summary>Verifies a token given as ASCII bytes with the key <paramref name="keys"/> chooses from its header.</summary>
    public static JwtError Verify<TReader, TKeys>(ReadOnlySpan<byte> token, TKeys keys, JwsValidationOptions options, ref TReader reader, out JwsLayout layout, out JwtHeader header)
        where TReader : struct, IJwsPayloadReader
        where TKeys : struct, IJwsKeyChooser
    {
        layout = default;
        header = default;
        JwtErrorCode code = CheckLength(token.Length, options.MaxTokenLength);
        return code != JwtErrorCode.None ? new JwtError(code) : VerifyCore(token, keys, options, ref reader, out layout, out header);
    }

    /// <summary>Reads the header of a token without verifying anything else, through the same checks and split as the verifying entry points.</summary>
    public static JwtError ReadHeaderUnverified(string? token, int maxTokenLength, out JwtHeader header)
    {
        header = default;
        JwtErrorCode code = token is null ? JwtErrorCode.Empty : CheckLength(token.Length, maxTokenLength);
        if (token is null || code != JwtErrorCode.None)
        {
            return new JwtError(code);
        }

        int length = token.Length;
        using PooledBuffer buffer = length <= PooledBuffer.StackLimit ? new(stackalloc byte[length]) : new(length);
        if (!TryNarrow(token, buffer.Span))
        {
            return new JwtError(JwtErrorCode.Malformed);
        }

        code = Split(buffer.Span, out JwsLayout layout);
        if (code != JwtErrorCode.None)
        {
            return new JwtError(code);
        }

        return ReadHeader(buffer.Span.Slice(0, layout.HeaderEnd), JwsValidationOptions.DefaultMaxJsonDepth, out header, out _, out _);
    }

    // Step 1, the length: empty, or over the cap. Checked once per token, before anything else.
    private static JwtErrorCode CheckLength(int length, int maxLength) =>
        length == 0 ? JwtErrorCode.Empty : length > maxLength ? JwtErrorCode.TokenTooLarge : JwtErrorCode.None;

    // Narrows a token given as text to ASCII bytes; false when a character is not ASCII.
    private static bool TryNarrow(ReadOnlySpan<char> token, Span<byte> destination) =>
        Ascii.FromUtf16(token, destination, out _) == OperationStatus.Done;

    // Steps 1 and 2 after the length: charset, exactly three segments, the header not empty.
    private static JwtErrorCode Split(ReadOnlySpan<byte> token, out JwsLayout layout)
    {
        layout = default;
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

    // Steps 2 to 6 over an ASCII token whose length is checked, then the reader of the level above.
    private static JwtError VerifyCore<TReader, TKeys>(ReadOnlySpan<byte> token, TKeys keys, JwsValidationOptions options, ref TReader reader, out JwsLayout layout, out JwtHeader header)
        where TReader : struct, IJwsPayloadReader
        where TKeys : struct, IJwsKeyChooser
    {
        header = default;
        JwtErrorCode code = Split(token, out layout);
        if (code != JwtErrorCode.None)
        {
            return new JwtError(code);
        }

        ReadOnlySpan<byte> encodedHeader = token.Slice(0, layout.HeaderEnd);
        string? critical = null;
        string? badParameter = null;
        JwtAlgorithm algorithm;

        // Fast path: the exact header a known key writes, compared before any decoding.
        if (keys.TryMatchHeader(encodedHeader, out header))
        {
            algorithm = header.Algorithm;
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
            return JwtError.Header(JwtErrorCode.AlgorithmNotAllowed, "alg");
        }

        // Step 5: the key belongs to this algorithm (the caller's, or the set's one choice); no extension we do not implement.
        if (!keys.TryChoose(in header, out JwtKey? key, out JwtError choice))
        {
            return choice;
        }

        if (critical is not null)
        {
            return JwtError.Header(JwtErrorCode.UnsupportedCritical, critical);
        }

        if (badParameter is not null)
        {
            return JwtError.Header(JwtErrorCode.InvalidHeader, badParameter);
        }

        // Step 6: the signature, of exactly the algorithm's length.
        ReadOnlySpan<byte> encodedSignature = token.Slice(layout.SignatureStart);
        int size = key.SignatureSize;
        if (JwtBase64Url.GetDecodedLength(encodedSignature.Length) != size)
        {
            return JwtError.Signature(JwtErrorCode.InvalidSignature);
        }

        using (PooledBuffer signature = size <= PooledBuffer.StackLimit ? new(stackalloc byte[size]) : new(size))
        {
            if (!JwtBase64Url.DecodeCore(encodedSignature, signature.Span, out _))
            {
                return JwtError.Signature(JwtErrorCode.InvalidBase64Url);
            }

            if (!key.Verify(token.Slice(0, layout.PayloadEnd), signature.Span))
            {
                return JwtError.Signature(JwtErrorCode.InvalidSignature);
            }
        }

        // Then the level above reads the payload, while the bytes are at hand.
        return reader.Read(token.Slice(layout.PayloadStart, layout.PayloadLength), in header);
    }

    /// <summary>Step 3: decodes and reads the header. Unknown <c>alg</c> names leave <see cref="JwtHeader.Algorithm"/> at 0.</summary>
    private static JwtError ReadHeader(ReadOnlySpan<byte> encoded, int maxDepth, out JwtHeader header, out string? critical, out string? badParameter)
    {
        header = default;
        critical = null;
        badParameter = null;
        int length = JwtBase64Url.GetDecodedLength(encoded.Length);
        if (length < 0)
        {
            return JwtError.Header(JwtErrorCode.InvalidBase64Url);
        }

        using PooledBuffer json = length <= PooledBuffer.StackLimit ? new(stackalloc byte[length]) : new(length);
        if (!JwtBase64Url.DecodeCore(encoded, json.Span, out _))
        {
            return JwtError.Header(JwtErrorCode.InvalidBase64Url);
        }

        var visitor = default(HeaderVisitor);
        JwtErrorCode code = StrictJson.ReadObject(json.Span, maxDepth, ref visitor);
        critical = visitor.Critical;
        badParameter = visitor.BadParameter;
        if (code != JwtErrorCode.None)
        {
            return JwtError.Header(code);
        }

        if (!visitor.HasAlgorithm)
        {
            return JwtError.Header(JwtErrorCode.MissingAlgorithm, "alg");
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
        public string? Critical;
        public string? BadParameter;

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
                Type = ReadStringParameter(ref reader, "typ");
            }
            else if (name.SequenceEqual("kid"u8))
            {
                KeyId = ReadStringParameter(ref reader, "kid");
            }
            else if (name.SequenceEqual("cty"u8))
            {
                ContentType = ReadStringParameter(ref reader, "cty");
            }
            else if (name.SequenceEqual("crit"u8))
            {
                // No critical extension is implemented.
                Critical ??= "crit";
            }
            else if (name.SequenceEqual("b64"u8) && reader.TokenType != JsonTokenType.True)
            {
                // The payload is always Base64Url-encoded (RFC 7797's b64:false is not implemented).
                Critical ??= "b64";
            }
        }

        private string? ReadStringParameter(ref Utf8JsonReader reader, string parameter)
        {
            if (reader.TokenType == JsonTokenType.String)
            {
                return reader.GetString();
            }

            BadParameter ??= parameter;
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
