using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace MiniJwt.Tests.Wycheproof;

/// <summary>
/// A local harness over Project Wycheproof's JWS and JWK suites (Apache-2.0). The vectors are not in this
/// repository: the tests read them from a <c>shared/vectors/wycheproof</c> folder beside (or above) the
/// checkout, or from MINIJWT_WYCHEPROOF_DIR, and are skipped when there is none.
/// </summary>
public class WycheproofTests
{
    // Label problems listed in the vectors' README, with the verdict a strict verifier gives:
    // 367, 370 are byte-identical to the valid 357; 372, 373 carry a '?' that is not Base64Url;
    // 346, 350 use a PS256 key for a PS384 token; 347, 351 use a key whose alg "ES521" is not registered.
    private static readonly Dictionary<int, bool> s_signatureOverrides = new()
    {
        [367] = true, [370] = true, [372] = false, [373] = false,
        [346] = false, [350] = false, [347] = false, [351] = false,
    };

    // 7: an RSA key with the ROCA weakness; only a ROCA fingerprint test refuses it, and MiniJwt has none.
    private static readonly Dictionary<int, bool> s_keyOverrides = new() { [7] = true };

    [Fact]
    public void JsonWebSignatureSuite()
    {
        string? file = Locate("json_web_signature_test.json");
        if (file is null)
        {
            Assert.Skip("Wycheproof vectors not found (shared/vectors/wycheproof); set MINIJWT_WYCHEPROOF_DIR.");
        }

        var (passed, failures) = Run(file, s_signatureOverrides, keySet: false);
        TestContext.Current.TestOutputHelper?.WriteLine($"json_web_signature_test.json: {passed} agree, {failures.Count} differ");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(passed >= 401, $"only {passed} cases ran");
    }

    [Fact]
    public void JsonWebKeySuite()
    {
        string? file = Locate("json_web_key_test.json");
        if (file is null)
        {
            Assert.Skip("Wycheproof vectors not found (shared/vectors/wycheproof); set MINIJWT_WYCHEPROOF_DIR.");
        }

        var (passed, failures) = Run(file, s_keyOverrides, keySet: true);
        TestContext.Current.TestOutputHelper?.WriteLine($"json_web_key_test.json: {passed} agree, {failures.Count} differ");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(passed >= 26, $"only {passed} cases ran");
    }

    // Each override, checked for its reason: what MiniJwt says about the token and why the label is not followed.
    [Fact]
    public void LabelOverrides_DifferForTheDocumentedReasons()
    {
        string? file = Locate("json_web_signature_test.json");
        if (file is null)
        {
            Assert.Skip("Wycheproof vectors not found (shared/vectors/wycheproof); set MINIJWT_WYCHEPROOF_DIR.");
        }

        using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(file));
        (string Jws, JsonElement Key) Case(int id) =>
            (from g in document.RootElement.GetProperty("testGroups").EnumerateArray()
             from t in g.GetProperty("tests").EnumerateArray()
             where t.GetProperty("tcId").GetInt32() == id
             select (t.GetProperty("jws").GetString()!, g.TryGetProperty("public", out JsonElement p) ? p : g.GetProperty("private"))).Single();

        // 367, 370 ("invalid" padding): the very token of the valid 357, so it verifies.
        Assert.Equal(Case(357).Jws, Case(367).Jws);
        Assert.Equal(Case(357).Jws, Case(370).Jws);

        // 372, 373 ("valid"): a '?' in the header or payload segment is outside the Base64Url alphabet.
        foreach (int id in (int[])[372, 373])
        {
            (string jws, JsonElement jwk) = Case(id);
            JwtKey key = ToKey(jwk)!;
            Assert.False(Jws.TryVerify(jws, key, new JwsValidationOptions(key.Algorithm), out _, out JwtError error));
            Assert.Equal(JwtErrorCode.Malformed, error.Code);
        }

        // 346, 350 ("valid"): the JWK binds the key to PS256 but the token is PS384 (RFC 7520 figure 20). Bound as
        // its JWK says, the key refuses it even with PS384 allowed; bound to PS384 instead, the signature verifies.
        foreach (int id in (int[])[346, 350])
        {
            (string jws, JsonElement jwk) = Case(id);
            JwtKey key = ToKey(jwk)!;
            Assert.Equal(JwtAlgorithm.PS256, key.Algorithm);
            Assert.False(Jws.TryVerify(jws, key, new JwsValidationOptions(JwtAlgorithm.PS256, JwtAlgorithm.PS384), out _, out JwtError error));
            Assert.Equal(JwtErrorCode.KeyAlgorithmMismatch, error.Code);
            Assert.True(Jws.TryVerify(jws, ToKey(jwk, JwtAlgorithm.PS384)!, new JwsValidationOptions(JwtAlgorithm.PS384), out _, out error), error.ToString());
        }

        // 347, 351 ("valid"): the JWK's alg "ES521" is no registered name, so no key is made from it; bound to
        // ES512 (what the token says), the signature verifies.
        foreach (int id in (int[])[347, 351])
        {
            (string jws, JsonElement jwk) = Case(id);
            Assert.Equal("ES521", jwk.GetProperty("alg").GetString());
            Assert.Null(ToKey(jwk));
            Assert.True(Jws.TryVerify(jws, ToKey(jwk, JwtAlgorithm.ES512)!, new JwsValidationOptions(JwtAlgorithm.ES512), out _, out JwtError error), error.ToString());
        }
    }

    private static (int Passed, List<string> Failures) Run(string file, Dictionary<int, bool> overrides, bool keySet)
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(file));
        int passed = 0;
        var failures = new List<string>();
        foreach (JsonElement group in document.RootElement.GetProperty("testGroups").EnumerateArray())
        {
            JsonElement keyElement = group.TryGetProperty("public", out JsonElement pub) ? pub : group.GetProperty("private");
            foreach (JsonElement test in group.GetProperty("tests").EnumerateArray())
            {
                int id = test.GetProperty("tcId").GetInt32();
                bool expected = overrides.TryGetValue(id, out bool o) ? o : test.GetProperty("result").GetString() == "valid";
                string jws = test.GetProperty("jws").GetString()!;
                bool actual;
                try
                {
                    actual = Verify(jws, keyElement, keySet);
                }
                catch (Exception e)
                {
                    failures.Add($"tcId {id}: threw {e.GetType().Name}: {e.Message}");
                    continue;
                }

                if (actual == expected)
                {
                    passed++;
                }
                else
                {
                    failures.Add($"tcId {id} ({test.GetProperty("comment").GetString()}): expected {(expected ? "valid" : "invalid")}, got {(actual ? "valid" : "invalid")}");
                }
            }
        }

        return (passed, failures);
    }

    private static bool Verify(string jws, JsonElement keyElement, bool keySet)
    {
        JwtKey? key;
        if (keySet)
        {
            // The library's JWK Set import and key choice: by kid and alg, never by trying every key; an ambiguous
            // choice, no candidate, or a set that mixes secrets with public keys chooses nothing.
            if (!JwtKeySet.TryParse(keyElement.GetRawText(), default, false, out JwtKeySet? set)
                || !Jwt.TryReadHeaderUnverified(jws, out JwtHeader header, out _)
                || !set.TryFindKey(header.KeyId, header.Algorithm, out key, out _))
            {
                return false;
            }
        }
        else
        {
            key = ToKey(keyElement);
        }

        if (key is null)
        {
            return false;
        }

        var options = new JwsValidationOptions(key.Algorithm);
        return Jws.TryVerify(jws, key, options, out _, out _);
    }

    /// <summary>
    /// A JWK through the library's import, bound to its "alg"; null when MiniJwt refuses it. With <paramref name="bindTo"/>,
    /// the JWK's own "alg" is removed first and the key bound to that algorithm instead (to check a label override).
    /// </summary>
    private static JwtKey? ToKey(JsonElement jwk, JwtAlgorithm? bindTo = null)
    {
        string json = jwk.GetRawText();
        if (bindTo is not null)
        {
            System.Text.Json.Nodes.JsonObject node = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
            node.Remove("alg");
            json = node.ToJsonString();
        }

        return JwtKey.TryFromJwk(json, bindTo, false, out JwtKey? key) ? key : null;
    }

    private static string? Locate(string name)
    {
        string? fromEnvironment = Environment.GetEnvironmentVariable("MINIJWT_WYCHEPROOF_DIR");
        if (fromEnvironment is not null && File.Exists(Path.Combine(fromEnvironment, name)))
        {
            return Path.Combine(fromEnvironment, name);
        }

        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "shared", "vectors", "wycheproof", name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
