using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SharpFuzz;

namespace MiniJwt.Fuzz;

/// <summary>
/// A coverage-guided fuzzing target for AFL++ (through SharpFuzz). The first byte of an input picks what the rest is:
/// <list type="bullet">
/// <item>0: a token, given to every entry point with HS256, RS256 and ES256 keys; it must be refused.</item>
/// <item>1: a payload, signed with HS256 so that the claims reader is reached; when accepted, every accessor must work.</item>
/// <item>2: a header and a payload separated by a newline, signed with HS256: reaches the header reader with a valid MAC.</item>
/// <item>3: a JSON claims set for <c>Jwt.Encode</c>: it throws only ArgumentException, and what it encodes decodes.</item>
/// </list>
/// Any other exception, or a forged token accepted, is a crash for AFL. <c>--seeds DIR</c> writes a starting corpus
/// and <c>--replay FILE...</c> runs inputs once (use the build that is not instrumented for both).
/// </summary>
public static class Program
{
    private static readonly byte[] s_secret = Encoding.UTF8.GetBytes("fuzzing secret: 32 bytes or more, fixed");
    private static readonly JwtKey s_hs256 = JwtKey.FromSecret(JwtAlgorithm.HS256, s_secret);
    private static readonly JwtKey s_rs256 = JwtKey.FromRsa(JwtAlgorithm.RS256, RSA.Create(2048)).ToPublicKey();
    private static readonly JwtKey s_es256 = JwtKey.FromECDsa(JwtAlgorithm.ES256, ECDsa.Create(ECCurve.NamedCurves.nistP256)).ToPublicKey();
    private static readonly JwtValidationOptions s_all = new(JwtAlgorithms.All.ToArray()) { MaxJsonDepth = 64 };
    private static readonly JwtValidationOptions s_strict = new(JwtAlgorithm.HS256) { Audiences = ["api"], Issuers = ["iss"], RequiredClaims = ["sub"], Type = "JWT" };
    private static readonly JwtValidationOptions s_lenient = new(JwtAlgorithm.HS256) { RequireExpiration = false, ValidateAudience = false, MaxJsonDepth = 256, MaxTokenLength = 1 << 20 };

    /// <summary>Runs the fuzzing loop, or writes the seed corpus.</summary>
    /// <param name="args"><c>--seeds DIR</c> to write seeds, <c>--replay FILE...</c> to run inputs once; nothing to fuzz.</param>
    public static void Main(string[] args)
    {
        if (args.Length == 2 && args[0] == "--seeds")
        {
            WriteSeeds(args[1]);
            return;
        }

        if (args.Length >= 2 && args[0] == "--replay")
        {
            foreach (string file in args.Skip(1))
            {
                Check(File.ReadAllBytes(file));
            }

            return;
        }

        Fuzzer.OutOfProcess.Run(stream =>
        {
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            Check(memory.ToArray());
        });
    }

    private static void Check(byte[] input)
    {
        if (input.Length == 0)
        {
            return;
        }

        byte[] rest = input[1..];
        switch (input[0] % 4)
        {
            case 0:
                Token(rest);
                break;
            case 1:
                Claims(Forge("{\"alg\":\"HS256\",\"typ\":\"JWT\"}"u8.ToArray(), rest));
                break;
            case 2:
                int newline = Array.IndexOf(rest, (byte)'\n');
                Claims(newline < 0 ? Forge(rest, []) : Forge(rest[..newline], rest[(newline + 1)..]));
                break;
            default:
                Encode(rest);
                break;
        }
    }

    private static void Token(byte[] bytes)
    {
        string text = Encoding.Latin1.GetString(bytes);
        foreach (JwtKey key in new[] { s_hs256, s_rs256, s_es256 })
        {
            if (Jwt.TryDecode(bytes, key, s_all, out _, out _) || Jwt.TryDecode(text, key, s_all, out _, out _)
                || Jws.TryVerify(bytes, key, s_all, out _, out _) || Jws.TryVerify(text, key, s_all, out _, out _))
            {
                throw new InvalidOperationException("A token nobody signed was accepted.");
            }
        }

        _ = Jwt.TryReadHeaderUnverified(text, out _, out _);
    }

    private static void Claims(string token)
    {
        foreach (JwtValidationOptions options in new[] { s_all, s_strict, s_lenient })
        {
            if (Jwt.TryDecode(token, s_hs256, options, out JwtToken jwt, out _))
            {
                Read(jwt);
            }
        }

        if (Jws.TryVerify(token, s_hs256, s_lenient, out JwsToken jws, out _))
        {
            _ = jws.GetPayload();
        }
    }

    // Every accessor of a verified token, which must never throw.
    private static void Read(JwtToken jwt)
    {
        _ = jwt.Subject;
        _ = jwt.Issuer;
        _ = jwt.JwtId;
        _ = jwt.Audiences;
        _ = jwt.ExpiresAt;
        _ = jwt.NotBefore;
        _ = jwt.IssuedAt;
        _ = jwt.Header.KeyId;
        using JsonDocument document = JsonDocument.Parse(jwt.GetPayload(), new JsonDocumentOptions { MaxDepth = 256 });
        foreach (JsonProperty property in document.RootElement.EnumerateObject())
        {
            string name;
            try
            {
                name = property.Name;
            }
            catch (InvalidOperationException)
            {
                throw new InvalidOperationException("A verified payload holds a name that is not text.");
            }

            _ = jwt.TryGetClaim(name, out _);
            _ = jwt.TryGetString(name, out _);
            _ = jwt.TryGetInt64(name, out _);
            _ = jwt.TryGetDouble(name, out _);
            _ = jwt.TryGetBoolean(name, out _);
            _ = jwt.TryGetRawJson(name, out _);
        }
    }

    private static void Encode(byte[] json)
    {
        string token;
        try
        {
            token = Jwt.Encode(json, s_hs256);
        }
        catch (ArgumentException)
        {
            return;
        }

        if (!Jws.TryVerify(token, s_hs256, s_lenient, out JwsToken jws, out JwtError error) || !jws.GetPayload().AsSpan().SequenceEqual(json))
        {
            throw new InvalidOperationException("An encoded payload did not come back: " + error);
        }
    }

    private static string Forge(byte[] header, byte[] payload)
    {
        string signingInput = JwtBase64Url.EncodeToString(header) + "." + JwtBase64Url.EncodeToString(payload);
        return signingInput + "." + JwtBase64Url.EncodeToString(HMACSHA256.HashData(s_secret, Encoding.ASCII.GetBytes(signingInput)));
    }

    private static void WriteSeeds(string directory)
    {
        Directory.CreateDirectory(directory);
        int n = 0;
        void Seed(byte mode, byte[] body) => File.WriteAllBytes(Path.Combine(directory, "seed" + n++.ToString("D2", System.Globalization.CultureInfo.InvariantCulture)), [mode, .. body]);

        byte[] claims = "{\"sub\":\"42\",\"aud\":[\"api\"],\"iss\":\"iss\",\"exp\":4102444800,\"nbf\":0,\"iat\":1,\"jti\":\"x\"}"u8.ToArray();
        foreach (JwtAlgorithm algorithm in JwtAlgorithms.All)
        {
            JwtKey key = JwtAlgorithms.GetFamily(algorithm) switch
            {
                JwtAlgorithmFamily.Hmac => JwtKey.FromSecret(algorithm, RandomNumberGenerator.GetBytes(64)),
                JwtAlgorithmFamily.Ecdsa => JwtKey.FromECDsa(algorithm, ECDsa.Create(algorithm switch
                {
                    JwtAlgorithm.ES256 => ECCurve.NamedCurves.nistP256,
                    JwtAlgorithm.ES384 => ECCurve.NamedCurves.nistP384,
                    _ => ECCurve.NamedCurves.nistP521,
                })),
                _ => JwtKey.FromRsa(algorithm, RSA.Create(2048)),
            };
            Seed(0, Encoding.ASCII.GetBytes(Jwt.Encode(claims, key)));
        }

        Seed(1, claims);
        Seed(1, "{\"exp\":4102444800,\"aud\":\"api\",\"x\":[1,2.5e3,true,null,{\"y\":\"\\u00e9\\ud83d\\ude00\"}]}"u8.ToArray());
        Seed(2, [.. "{\"alg\":\"HS256\",\"kid\":\"k\",\"typ\":\"JWT\",\"crit\":[\"b64\"],\"b64\":true}\n"u8, .. claims]);
        Seed(3, claims);
    }
}
