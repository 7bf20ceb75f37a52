using System;
using System.Collections.Generic;
using System.IdentityModel.Tokens.Jwt;
using System.IO;
using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace MiniJwt.Bench;

/// <summary>
/// Encoding (header, payload, signature) of the same claim set with the same key, per algorithm and payload.
/// The baseline is the bare signature over MiniJwt's signing input: the reused keyed HMAC for HS*, the RSA or
/// ECDSA signing operation for the others. Each contender's token is checked in set-up: MiniJwt must verify it
/// and find the same claims.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(AlgorithmSupportConfig))]
public class EncodeBenchmarks
{
    private RawPrimitive _raw = null!;
    private byte[] _payload = null!;
    private string _payloadString = null!;
    private byte[] _signingInput = null!;
    private byte[] _signature = null!;
    private byte[] _buffer = null!;
    private JwtKey _key = null!;
    private SigningCredentials _credentials = null!;
    private JsonWebTokenHandler _jsonWebTokenHandler = null!;
    private JwtSecurityTokenHandler _jwtSecurityTokenHandler = null!;
    private JwtPayload _jwtPayload = null!;
    private object _joseKey = null!;
    private Jose.JwsAlgorithm _joseAlgorithm;
    private global::JWT.IJwtEncoder? _jwtNetEncoder;
    private JObject _jwtNetPayload = null!;
    private byte[] _jwtNetKey = null!;
    private JwtClaims _claims = null!;

    /// <summary>The signing algorithm.</summary>
    [Params(JwtAlgorithm.HS256, JwtAlgorithm.HS384, JwtAlgorithm.HS512, JwtAlgorithm.RS256, JwtAlgorithm.PS256, JwtAlgorithm.ES256)]
    public JwtAlgorithm Algorithm { get; set; }

    /// <summary>The claim set.</summary>
    [ParamsAllValues]
    public PayloadKind Payload { get; set; }

    /// <summary>Builds every contender for the current parameters and checks that each makes a correct token.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _payload = BenchPayloads.Get(Payload);
        _payloadString = Encoding.UTF8.GetString(_payload);
        _key = BenchKeys.MiniJwtSigningKey(Algorithm);
        _buffer = new byte[Jwt.GetEncodedLength(_payload.Length, _key)];
        _claims = ToClaims(_payload);

        var parts = new TokenParts(Jwt.Encode(_payload, _key));
        _signingInput = parts.SigningInput;
        _signature = new byte[512];
        _raw = new RawPrimitive(Algorithm);

        _credentials = IdentityModelSetup.SigningCredentials(Algorithm);
        _jsonWebTokenHandler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        _jwtSecurityTokenHandler = new JwtSecurityTokenHandler { SetDefaultTimesOnTokenCreation = false };
        _jwtPayload = JwtPayload.Deserialize(_payloadString);

        _joseKey = JoseSetup.SigningKey(Algorithm);
        _joseAlgorithm = JoseSetup.Algorithm(Algorithm);

        using (var reader = new JsonTextReader(new StringReader(_payloadString)) { DateParseHandling = DateParseHandling.None })
        {
            _jwtNetPayload = JObject.Load(reader);
        }

        if (Array.IndexOf(JwtNetSetup.Unsupported, Algorithm) < 0)
        {
            _jwtNetEncoder = new global::JWT.JwtEncoder(
                JwtNetSetup.Algorithm(Algorithm, forSigning: true),
                new global::JWT.Serializers.JsonNetSerializer(),
                new global::JWT.JwtBase64UrlEncoder());
            _jwtNetKey = JwtNetSetup.Key(Algorithm);
        }

        CheckContenders(parts);
    }

    /// <summary>Releases the raw HMAC state.</summary>
    [GlobalCleanup]
    public void Cleanup() => _raw.Dispose();

    /// <summary>The floor: the bare signature over the signing input (reused keyed HMAC; RSA or ECDSA sign).</summary>
    /// <returns>The signature length.</returns>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory(Contender.Raw)]
    public int Raw() => _raw.Sign(_signingInput, _signature);

    /// <summary>The one-shot HMAC (<c>HMACSHA256.HashData</c> and kin), which sets the key up on every call.</summary>
    /// <returns>The MAC length.</returns>
    [Benchmark]
    [BenchmarkCategory(Contender.Raw)]
    [SkipFor(JwtAlgorithm.RS256, JwtAlgorithm.PS256, JwtAlgorithm.ES256)]
    public int RawHmacOneShot() => _raw.SignOneShot(_signingInput, _signature);

    /// <summary>MiniJwt: encode the UTF-8 JSON payload to a string.</summary>
    /// <returns>The token.</returns>
    [Benchmark]
    [BenchmarkCategory(Contender.MiniJwt)]
    public string MiniJwtString() => Jwt.Encode(_payload, _key);

    /// <summary>
    /// MiniJwt: encode the same claims held as a <see cref="JwtClaims"/> (strings, integers, booleans, lists and nested
    /// dictionaries, built once in set-up) to a string: MiniJwt writes the JSON itself, so it does not read it again.
    /// </summary>
    /// <returns>The token.</returns>
    [Benchmark]
    [BenchmarkCategory(Contender.MiniJwt)]
    public string MiniJwtClaims() => Jwt.Encode(_claims, _key);

    /// <summary>MiniJwt: encode the UTF-8 JSON payload into a caller buffer (sized once with <c>GetEncodedLength</c>).</summary>
    /// <returns>The number of bytes written.</returns>
    [Benchmark]
    [BenchmarkCategory(Contender.MiniJwt)]
    public int MiniJwtSpan() => Jwt.Encode(_payload, _key, _buffer);

    /// <summary>
    /// Microsoft.IdentityModel.JsonWebTokens: <c>JsonWebTokenHandler.CreateToken(string payload, credentials)</c>
    /// with <c>SetDefaultTimesOnTokenCreation = false</c>, so it adds no <c>iat</c>/<c>nbf</c> of its own.
    /// </summary>
    /// <returns>The token.</returns>
    [Benchmark]
    [BenchmarkCategory(Contender.IdentityModel)]
    public string IdentityModelJsonWebToken() => _jsonWebTokenHandler.CreateToken(_payloadString, _credentials);

    /// <summary>
    /// System.IdentityModel.Tokens.Jwt: <c>WriteToken</c> of a new <c>JwtSecurityToken</c> (header from the
    /// credentials, and the claim set as a <c>JwtPayload</c> parsed once in set-up: this API takes claims, not JSON).
    /// </summary>
    /// <returns>The token.</returns>
    [Benchmark]
    [BenchmarkCategory(Contender.SystemIdentityModel)]
    public string SystemIdentityModelJwt() =>
        _jwtSecurityTokenHandler.WriteToken(new JwtSecurityToken(new System.IdentityModel.Tokens.Jwt.JwtHeader(_credentials), _jwtPayload));

    /// <summary>jose-jwt: <c>JWT.EncodeBytes</c> of the UTF-8 JSON payload.</summary>
    /// <returns>The token.</returns>
    [Benchmark]
    [BenchmarkCategory(Contender.JoseJwt)]
    public string JoseJwt() => Jose.JWT.EncodeBytes(_payload, _joseKey, _joseAlgorithm);

    /// <summary>
    /// JWT (Jwt.Net) 7.3.1: <c>JwtEncoder.Encode</c> of the claim set as a Json.NET <c>JObject</c> parsed once in
    /// set-up (this API serializes an object; it takes no JSON text). Not run for PS256 and ES256, which it lacks.
    /// </summary>
    /// <returns>The token.</returns>
    [Benchmark]
    [BenchmarkCategory(Contender.JwtNet)]
    [SkipFor(JwtAlgorithm.PS256, JwtAlgorithm.ES256)]
    public string JwtNet() => global::JWT.JwtEncoderExtensions.Encode(_jwtNetEncoder!, _jwtNetPayload, _jwtNetKey);

    private void CheckContenders(TokenParts parts)
    {
        // The raw signature must be the token's (deterministic schemes) or verify against it (PSS, ECDSA).
        int length = Raw();
        Sanity.Check(length == parts.Signature.Length, $"raw {Algorithm} signature length {length}");
        if (Algorithm is JwtAlgorithm.PS256 or JwtAlgorithm.ES256)
        {
            using var verifier = new RawPrimitive(Algorithm);
            Sanity.Check(verifier.Verify(_signingInput, _signature.AsSpan(0, length)), $"raw {Algorithm} signature does not verify");
        }
        else
        {
            Sanity.Check(_signature.AsSpan(0, length).SequenceEqual(parts.Signature), $"raw {Algorithm} signature differs from MiniJwt's");
        }

        if (JwtAlgorithms.GetFamily(Algorithm) == JwtAlgorithmFamily.Hmac)
        {
            length = RawHmacOneShot();
            Sanity.Check(_signature.AsSpan(0, length).SequenceEqual(parts.Signature), "one-shot HMAC differs from MiniJwt's");
        }

        Sanity.CheckEncoded(nameof(MiniJwtString), MiniJwtString(), Algorithm, _payload);
        Sanity.CheckEncoded(nameof(MiniJwtClaims), MiniJwtClaims(), Algorithm, _payload);
        int written = MiniJwtSpan();
        Sanity.CheckEncoded(nameof(MiniJwtSpan), Encoding.ASCII.GetString(_buffer, 0, written), Algorithm, _payload);
        Sanity.CheckEncoded(nameof(IdentityModelJsonWebToken), IdentityModelJsonWebToken(), Algorithm, _payload);
        Sanity.CheckEncoded(nameof(SystemIdentityModelJwt), SystemIdentityModelJwt(), Algorithm, _payload);
        Sanity.CheckEncoded(nameof(JoseJwt), JoseJwt(), Algorithm, _payload);
        if (_jwtNetEncoder is not null)
        {
            Sanity.CheckEncoded(nameof(JwtNet), JwtNet(), Algorithm, _payload);
        }
    }

    // The payload as CLR values: a JwtClaims of strings, longs, booleans, nulls, lists and nested dictionaries.
    private static JwtClaims ToClaims(byte[] json)
    {
        using System.Text.Json.JsonDocument document = System.Text.Json.JsonDocument.Parse(json);
        var claims = new JwtClaims();
        foreach (System.Text.Json.JsonProperty property in document.RootElement.EnumerateObject())
        {
            claims.Add(property.Name, ToValue(property.Value));
        }

        return claims;
    }

    private static object? ToValue(System.Text.Json.JsonElement element)
    {
        switch (element.ValueKind)
        {
            case System.Text.Json.JsonValueKind.Object:
                var members = new Dictionary<string, object?>();
                foreach (System.Text.Json.JsonProperty property in element.EnumerateObject())
                {
                    members.Add(property.Name, ToValue(property.Value));
                }

                return members;
            case System.Text.Json.JsonValueKind.Array:
                var items = new List<object?>();
                foreach (System.Text.Json.JsonElement item in element.EnumerateArray())
                {
                    items.Add(ToValue(item));
                }

                return items;
            case System.Text.Json.JsonValueKind.String:
                return element.GetString();
            case System.Text.Json.JsonValueKind.Number:
                // Kept apart: one conditional expression would widen the long to a double.
                if (element.TryGetInt64(out long integer))
                {
                    return integer;
                }

                return element.GetDouble();
            case System.Text.Json.JsonValueKind.True:
                return true;
            case System.Text.Json.JsonValueKind.False:
                return false;
            default:
                return null;
        }
    }
}
