using System;
using System.Buffers.Text;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace MiniJwt.Bench;

/// <summary>
/// MiniJwt's hand-written Base64Url (<see cref="JwtBase64Url"/>) against the BCL's
/// <see cref="Base64Url"/>, per input size, for the shapes a JWT library uses: bytes to UTF-8 and to chars (into a
/// buffer), bytes to a string, UTF-8 to bytes and chars to bytes. The BCL is the baseline of each category.
/// </summary>
/// <remarks>
/// The decoders are not equally strict: MiniJwt refuses padding, whitespace and non-zero trailing bits (as a JWS
/// verifier must), the BCL's decoder accepts padding and skips whitespace. The inputs here are canonical, so both
/// do the same work on them; set-up checks both give the same output.
/// </remarks>
[MemoryDiagnoser]
[MedianColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class Base64UrlBenchmarks
{
    private byte[] _data = null!;
    private byte[] _encodedUtf8 = null!;
    private string _encodedString = null!;
    private byte[] _encodeBuffer = null!;
    private char[] _encodeCharBuffer = null!;
    private byte[] _decodeBuffer = null!;

    /// <summary>The number of raw bytes (the encoded text is about 4/3 of it).</summary>
    [Params(16, 64, 256, 1024, 4096)]
    public int Size { get; set; }

    /// <summary>Makes the input (fixed seed) and checks both implementations agree in every direction.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _data = new byte[Size];
        new Random(Size).NextBytes(_data);
        _encodedString = Base64Url.EncodeToString(_data);
        _encodedUtf8 = Encoding.ASCII.GetBytes(_encodedString);
        _encodeBuffer = new byte[Base64Url.GetEncodedLength(Size)];
        _encodeCharBuffer = new char[Base64Url.GetEncodedLength(Size)];
        _decodeBuffer = new byte[Base64Url.GetMaxDecodedLength(_encodedUtf8.Length)];

        Sanity.Check(JwtBase64Url.GetEncodedLength(Size) == _encodedUtf8.Length, "encoded lengths differ");
        Sanity.Check(EncodeUtf8MiniJwt() == _encodedUtf8.Length && _encodeBuffer.AsSpan().SequenceEqual(_encodedUtf8), "MiniJwt UTF-8 encoding differs from the BCL's");
        Array.Clear(_encodeBuffer);
        Sanity.Check(EncodeUtf8Bcl() == _encodedUtf8.Length && _encodeBuffer.AsSpan().SequenceEqual(_encodedUtf8), "BCL UTF-8 encoding is wrong");
        Sanity.Check(EncodeCharsMiniJwt() == _encodedString.Length && _encodeCharBuffer.AsSpan().SequenceEqual(_encodedString), "MiniJwt chars encoding differs from the BCL's");
        Array.Clear(_encodeCharBuffer);
        Sanity.Check(EncodeCharsBcl() == _encodedString.Length && _encodeCharBuffer.AsSpan().SequenceEqual(_encodedString), "BCL chars encoding is wrong");
        Sanity.Check(EncodeStringMiniJwt() == _encodedString && EncodeStringBcl() == _encodedString, "string encodings differ");
        CheckDecoded(DecodeUtf8MiniJwt(), "MiniJwt UTF-8 decoding");
        CheckDecoded(DecodeUtf8Bcl(), "BCL UTF-8 decoding");
        CheckDecoded(DecodeCharsMiniJwt(), "MiniJwt chars decoding");
        CheckDecoded(DecodeCharsBcl(), "BCL chars decoding");
    }

    /// <summary>BCL: <c>Base64Url.EncodeToUtf8</c> into a buffer.</summary>
    /// <returns>The bytes written.</returns>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("EncodeUtf8")]
    public int EncodeUtf8Bcl() => Base64Url.EncodeToUtf8(_data, _encodeBuffer);

    /// <summary>MiniJwt: <c>JwtBase64Url.EncodeToUtf8</c> into a buffer.</summary>
    /// <returns>The bytes written.</returns>
    [Benchmark]
    [BenchmarkCategory("EncodeUtf8")]
    public int EncodeUtf8MiniJwt() => JwtBase64Url.EncodeToUtf8(_data, _encodeBuffer);

    /// <summary>BCL: <c>Base64Url.EncodeToChars</c> into a buffer.</summary>
    /// <returns>The characters written.</returns>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("EncodeChars")]
    public int EncodeCharsBcl() => Base64Url.EncodeToChars(_data, _encodeCharBuffer);

    /// <summary>MiniJwt: <c>JwtBase64Url.EncodeToChars</c> into a buffer.</summary>
    /// <returns>The characters written.</returns>
    [Benchmark]
    [BenchmarkCategory("EncodeChars")]
    public int EncodeCharsMiniJwt() => JwtBase64Url.EncodeToChars(_data, _encodeCharBuffer);

    /// <summary>BCL: <c>Base64Url.EncodeToString</c>.</summary>
    /// <returns>The text.</returns>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("EncodeString")]
    public string EncodeStringBcl() => Base64Url.EncodeToString(_data);

    /// <summary>MiniJwt: <c>JwtBase64Url.EncodeToString</c>.</summary>
    /// <returns>The text.</returns>
    [Benchmark]
    [BenchmarkCategory("EncodeString")]
    public string EncodeStringMiniJwt() => JwtBase64Url.EncodeToString(_data);

    /// <summary>BCL: <c>Base64Url.TryDecodeFromUtf8</c> into a buffer.</summary>
    /// <returns>The bytes written (-1 on failure).</returns>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("DecodeUtf8")]
    public int DecodeUtf8Bcl() => Base64Url.TryDecodeFromUtf8(_encodedUtf8, _decodeBuffer, out int written) ? written : -1;

    /// <summary>MiniJwt: <c>JwtBase64Url.TryDecodeFromUtf8</c> into a buffer.</summary>
    /// <returns>The bytes written (-1 on failure).</returns>
    [Benchmark]
    [BenchmarkCategory("DecodeUtf8")]
    public int DecodeUtf8MiniJwt() => JwtBase64Url.TryDecodeFromUtf8(_encodedUtf8, _decodeBuffer, out int written) ? written : -1;

    /// <summary>BCL: <c>Base64Url.TryDecodeFromChars</c> (a token held as a string) into a buffer.</summary>
    /// <returns>The bytes written (-1 on failure).</returns>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("DecodeChars")]
    public int DecodeCharsBcl() => Base64Url.TryDecodeFromChars(_encodedString, _decodeBuffer, out int written) ? written : -1;

    /// <summary>MiniJwt: <c>JwtBase64Url.TryDecodeFromChars</c> into a buffer.</summary>
    /// <returns>The bytes written (-1 on failure).</returns>
    [Benchmark]
    [BenchmarkCategory("DecodeChars")]
    public int DecodeCharsMiniJwt() => JwtBase64Url.TryDecodeFromChars(_encodedString, _decodeBuffer, out int written) ? written : -1;

    private void CheckDecoded(int written, string what)
    {
        Sanity.Check(written == Size && _decodeBuffer.AsSpan(0, written).SequenceEqual(_data), what + " does not give the input back");
        Array.Clear(_decodeBuffer);
    }
}
