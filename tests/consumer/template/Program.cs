using System;
using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json.Serialization;
using MiniJwt;

namespace Consumer;

internal static class Program
{
    private static int Main(string[] args)
    {
        // HS256: issue a token, verify it, print its subject.
        JwtKey key = JwtKey.FromSecret(JwtAlgorithm.HS256, "a consumer secret of at least thirty-two bytes");
        string token = Jwt.Encode(
            new JwtClaims()
                .Subject("42")
                .Audiences(["consumer"])
                .ExpiresAt(DateTimeOffset.UtcNow.AddMinutes(5)),
            key);
        var options = new JwtValidationOptions(JwtAlgorithm.HS256) { Audiences = ["consumer"] };
        if (!Jwt.TryDecode(token, key, options, out JwtToken jwt, out JwtError error))
        {
            Console.Error.WriteLine(error.ToString());
            return 1;
        }

        // A JIT has compiled at least Main; native AOT compiles nothing at run time.
        string mode = JitInfo.GetCompiledMethodCount() > 0 ? "JIT" : "native AOT";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"subject: {jwt.Subject} ({RuntimeInformation.FrameworkDescription}, {mode})"));
        if (args.Length > 0 && args[0] == "--hs256-only")
        {
            return 0;
        }

        // ES256 with a typed payload through source-generated System.Text.Json.
        using ECDsa ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        JwtKey signing = JwtKey.FromECDsa(JwtAlgorithm.ES256, ecdsa);
        var session = new Session("7", DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeSeconds());
        string signed = Jwt.Encode(session, ConsumerJson.Default.Session, signing);
        JwtToken verified = Jwt.Decode(signed, signing.ToPublicKey(), new JwtValidationOptions(JwtAlgorithm.ES256));
        Session? read = verified.Deserialize(ConsumerJson.Default.Session);
        if (read is null || read != session || Jwt.TryDecode(signed, key, options, out _, out _))
        {
            Console.Error.WriteLine("ES256 round trip failed");
            return 1;
        }

        // Many claims: the verifier's duplicate-name check takes its hashing path.
        var many = new JwtClaims().Subject("8").ExpiresAt(DateTimeOffset.UtcNow.AddMinutes(5));
        for (int i = 0; i < 40; i++)
        {
            many.Add(string.Create(CultureInfo.InvariantCulture, $"claim{i}"), i);
        }

        string big = Jwt.Encode(many, key);
        if (!Jwt.TryDecode(big, key, new JwtValidationOptions(JwtAlgorithm.HS256), out JwtToken bigJwt, out error)
            || !bigJwt.TryGetInt64("claim39", out long last) || last != 39)
        {
            Console.Error.WriteLine("many claims: " + error.ToString());
            return 1;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ES256 subject: {read.Subject}"));
        return 0;
    }
}

internal sealed record Session(
    [property: JsonPropertyName("sub")] string Subject,
    [property: JsonPropertyName("exp")] long ExpiresAt);

[JsonSerializable(typeof(Session))]
internal sealed partial class ConsumerJson : JsonSerializerContext
{
}
