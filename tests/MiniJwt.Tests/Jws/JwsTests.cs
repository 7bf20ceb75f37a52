using System;
using System.Buffers;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;
using FsCheck;
using FsCheck.Xunit;
using MiniJwt.Tests.Support;
using Xunit;
using static MiniJwt.Tests.Support.RoundTripData;

namespace MiniJwt.Tests.JwsLayer;

/// <summary>Tests of <c>Jws</c>, grouped by the suite they came from.</summary>
public class JwsTests
{
    public class RoundTrip
    {
        // ---- JWS level ----

        [Theory]
        [MemberData(nameof(RoundTripData.AllAlgorithms), MemberType = typeof(RoundTripData))]
        public void Jws_round_trips_a_binary_payload(JwtAlgorithm algorithm)
        {
            JwtKey key = TestKeys.For(algorithm);
            string token = Jws.Sign(BinaryPayload, key);
            Assert.True(Jws.TryVerify(token, key.ToPublicKey(), new JwsValidationOptions(algorithm), out JwsToken jws, out JwtError error), error.ToString());
            Assert.Equal(BinaryPayload, jws.GetPayload());
            Assert.Equal(BinaryPayload.Length, jws.PayloadLength);
            Assert.Equal(algorithm, jws.Header.Algorithm);
            Assert.Null(jws.Header.Type);
            Assert.Equal(token, jws.Token);
        }

        [Theory]
        [MemberData(nameof(RoundTripData.AllAlgorithms), MemberType = typeof(RoundTripData))]
        public void Jws_refuses_the_token_under_another_key_of_the_same_algorithm(JwtAlgorithm algorithm)
        {
            string token = Jws.Sign(BinaryPayload, TestKeys.For(algorithm));
            Assert.False(Jws.TryVerify(token, TestKeys.OtherFor(algorithm), new JwsValidationOptions(algorithm), out _, out JwtError error));
            Assert.Equal(JwtErrorCode.InvalidSignature, error.Code);
        }

        [Theory]
        [InlineData(1)]
        [InlineData(2)]
        [InlineData(3)]
        [InlineData(4)]
        [InlineData(1500)]
        [InlineData(5000)]
        public void Jws_round_trips_payloads_of_every_tail_length_and_beyond_the_stack_buffers(int length)
        {
            byte[] payload = new byte[length];
            new Random(length).NextBytes(payload);
            JwtKey key = TestKeys.Hs256;
            string token = Jws.Sign(payload, key);
            JwsToken jws = Jws.Verify(token, key, new JwsValidationOptions(JwtAlgorithm.HS256));
            Assert.Equal(payload, jws.GetPayload());
        }

        [Fact]
        public void Jws_CopyPayloadTo_writes_the_payload()
        {
            JwtKey key = TestKeys.Hs256;
            JwsToken jws = Jws.Verify(Jws.Sign(BinaryPayload, key), key, new JwsValidationOptions(JwtAlgorithm.HS256));
            byte[] destination = new byte[jws.PayloadLength];
            Assert.Equal(BinaryPayload.Length, jws.CopyPayloadTo(destination));
            Assert.Equal(BinaryPayload, destination);
        }

        [Fact]
        public void Jws_round_trips_an_empty_payload()
        {
            // RFC 7515 allows any payload, the empty one included; the span and writer forms agree with the string form.
            JwtKey key = TestKeys.Hs256;
            string token = Jws.Sign(ReadOnlySpan<byte>.Empty, key);
            Assert.Equal(2, token.Split('.').Length - 1);
            Assert.Equal(string.Empty, token.Split('.')[1]);
            byte[] buffer = new byte[256];
            Assert.Equal(token, System.Text.Encoding.ASCII.GetString(buffer, 0, Jws.Sign(ReadOnlySpan<byte>.Empty, key, buffer)));
            Assert.True(Jws.TryVerify(token, key, new JwsValidationOptions(JwtAlgorithm.HS256), out JwsToken jws, out JwtError error), error.ToString());
            Assert.Empty(jws.GetPayload());
            Assert.Equal(0, jws.PayloadLength);
        }

        [Fact]
        public void Jwt_refuses_an_empty_payload_as_invalid_json()
        {
            // A JWT's payload must be a JSON object: the empty JWS payload is no claims set.
            JwtKey key = TestKeys.Hs256;
            string token = Tokens.CraftEncoded(key, Tokens.B64("{\"alg\":\"HS256\"}"), string.Empty);
            Assert.False(Jwt.TryDecode(token, key, new JwtValidationOptions(JwtAlgorithm.HS256), out _, out JwtError error));
            Assert.Equal(new JwtError(JwtErrorCode.InvalidJson, "payload"), error);
        }

        [Fact]
        public void Jws_verifies_a_header_written_differently_from_ours()
        {
            // Members in another order and with spaces: the slow path parses the header.
            JwtKey key = TestKeys.Hs256;
            string token = Tokens.Craft(key, "{ \"typ\" : \"JWT\", \"alg\" : \"HS256\" }", "{}");
            Assert.True(Jws.TryVerify(token, key, new JwsValidationOptions(JwtAlgorithm.HS256), out JwsToken jws, out JwtError error), error.ToString());
            Assert.Equal("JWT", jws.Header.Type);
            Assert.Equal(JwtAlgorithm.HS256, jws.Header.Algorithm);
        }

        [Fact]
        public void Jws_TryVerify_utf8_matches_the_string_overload()
        {
            JwtKey key = TestKeys.Hs256;
            string token = Jws.Sign(BinaryPayload, key, "JOSE");
            Assert.True(Jws.TryVerify(Encoding.ASCII.GetBytes(token), key, new JwsValidationOptions(JwtAlgorithm.HS256), out JwsToken jws, out JwtError error), error.ToString());
            Assert.Equal(token, jws.Token);
            Assert.Equal("JOSE", jws.Header.Type);
            Assert.Equal(BinaryPayload, jws.GetPayload());
        }

        [Theory]
        [MemberData(nameof(RoundTripData.DeterministicAlgorithms), MemberType = typeof(RoundTripData))]
        public void Jws_span_overload_writes_the_same_token_as_the_string_overload(JwtAlgorithm algorithm)
        {
            JwtKey key = TestKeys.For(algorithm, keyId: "k");
            string expected = Jws.Sign(BinaryPayload, key, "JOSE");
            byte[] destination = new byte[expected.Length];
            Assert.Equal(expected.Length, Jws.Sign(BinaryPayload, key, destination, "JOSE"));
            Assert.Equal(expected, Encoding.ASCII.GetString(destination));
        }

        [Theory]
        [MemberData(nameof(RoundTripData.DeterministicAlgorithms), MemberType = typeof(RoundTripData))]
        public void Jws_buffer_writer_overload_writes_the_same_token_as_the_string_overload(JwtAlgorithm algorithm)
        {
            JwtKey key = TestKeys.For(algorithm, keyId: "k");
            string expected = Jws.Sign(BinaryPayload, key);
            var writer = new ArrayBufferWriter<byte>(1);
            writer.Write("prefix"u8);
            Assert.Equal(expected.Length, Jws.Sign(BinaryPayload, key, writer));
            Assert.Equal("prefix" + expected, Encoding.ASCII.GetString(writer.WrittenSpan));
        }

        [Fact]
        public void Jws_span_overload_leaves_the_rest_of_a_larger_destination_untouched()
        {
            JwtKey key = TestKeys.Hs256;
            string expected = Jws.Sign(BinaryPayload, key);
            byte[] destination = new byte[expected.Length + 3];
            destination.AsSpan().Fill((byte)'*');
            int written = Jws.Sign(BinaryPayload, key, destination);
            Assert.Equal(expected + "***", Encoding.ASCII.GetString(destination));
            Assert.Equal(expected.Length, written);
        }

        [Fact]
        public void Jws_span_overload_refuses_a_destination_one_byte_short()
        {
            JwtKey key = TestKeys.Hs256;
            int length = Jws.GetEncodedLength(BinaryPayload.Length, key);
            Assert.Throws<ArgumentException>("destination", () => Jws.Sign(BinaryPayload, key, new byte[length - 1]));
        }

        [Theory]
        [MemberData(nameof(RoundTripData.AllAlgorithms), MemberType = typeof(RoundTripData))]
        public void Jws_GetEncodedLength_is_exact(JwtAlgorithm algorithm)
        {
            JwtKey key = TestKeys.For(algorithm, keyId: "key-1");
            foreach (int length in new[] { 1, 2, 3, 4, 100, 3000 })
            {
                byte[] payload = new byte[length];
                foreach (string? type in new[] { null, "JWT", "at+jwt" })
                {
                    Assert.Equal(Jws.Sign(payload, key, type).Length, Jws.GetEncodedLength(length, key, type));
                }
            }
        }
    }

    /// <summary>
    /// Published JWS examples verified with MiniJwt, and the deterministic ones (HMAC, RSASSA-PKCS1-v1_5)
    /// reproduced byte for byte. The values are typed in from the RFCs named above each constant.
    /// </summary>
    public class RfcVectors
    {
        // ---- Source: RFC 7515 Appendix A.1 (HS256) ----
        private const string A1HeaderJson = "{\"typ\":\"JWT\",\r\n \"alg\":\"HS256\"}";
        // A.2 and A.3 sign this same payload.
        private const string A1PayloadJson = "{\"iss\":\"joe\",\r\n \"exp\":1300819380,\r\n \"http://example.com/is_root\":true}";
        private const string A1K = "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow";
        private const string A1Token = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

        // ---- Source: RFC 7515 Appendix A.2 (RS256) ----
        private const string A2HeaderJson = "{\"alg\":\"RS256\"}";
        private const string A2N = "ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddxHmfHQp-Vaw-4qPCJrcS2mJPMEzP1Pt0Bm4d4QlL-yRT-SFd2lZS-pCgNMsD1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGzjb_7OMg0LOL-bSf63kpaSHSXndS5z5rexMdbBYUsLA9e-KXBdQOS-UTo7WTBEMa2R2CapHg665xsmtdVMTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_I5IhlJH7aGhyxXFvUK-DWNmoudF8NAco9_h9iaGNj8q2ethFkMLs91kzk2PAcDTW9gb54h4FRWyuXpoQ";
        private const string A2E = "AQAB";
        private const string A2D = "Eq5xpGnNCivDflJsRQBXHx1hdR1k6Ulwe2JZD50LpXyWPEAeP88vLNO97IjlA7_GQ5sLKMgvfTeXZx9SE-7YwVol2NXOoAJe46sui395IW_GO-pWJ1O0BkTGoVEn2bKVRUCgu-GjBVaYLU6f3l9kJfFNS3E0QbVdxzubSu3Mkqzjkn439X0M_V51gfpRLI9JYanrC4D4qAdGcopV_0ZHHzQlBjudU2QvXt4ehNYTCBr6XCLQUShb1juUO1ZdiYoFaFQT5Tw8bGUl_x_jTj3ccPDVZFD9pIuhLhBOneufuBiB4cS98l2SR_RQyGWSeWjnczT0QU91p1DhOVRuOopznQ";
        private const string A2P = "4BzEEOtIpmVdVEZNCqS7baC4crd0pqnRH_5IB3jw3bcxGn6QLvnEtfdUdiYrqBdss1l58BQ3KhooKeQTa9AB0Hw_Py5PJdTJNPY8cQn7ouZ2KKDcmnPGBY5t7yLc1QlQ5xHdwW1VhvKn-nXqhJTBgIPgtldC-KDV5z-y2XDwGUc";
        private const string A2Q = "uQPEfgmVtjL0Uyyx88GZFF1fOunH3-7cepKmtH4pxhtCoHqpWmT8YAmZxaewHgHAjLYsp1ZSe7zFYHj7C6ul7TjeLQeZD_YwD66t62wDmpe_HlB-TnBA-njbglfIsRLtXlnDzQkv5dTltRJ11BKBBypeeF6689rjcJIDEz9RWdc";
        private const string A2DP = "BwKfV3Akq5_MFZDFZCnW-wzl-CCo83WoZvnLQwCTeDv8uzluRSnm71I3QCLdhrqE2e9YkxvuxdBfpT_PI7Yz-FOKnu1R6HsJeDCjn12Sk3vmAktV2zb34MCdy7cpdTh_YVr7tss2u6vneTwrA86rZtu5Mbr1C1XsmvkxHQAdYo0";
        private const string A2DQ = "h_96-mK1R_7glhsum81dZxjTnYynPbZpHziZjeeHcXYsXaaMwkOlODsWa7I9xXDoRwbKgB719rrmI2oKr6N3Do9U0ajaHF-NKJnwgjMd2w9cjz3_-kyNlxAr2v4IKhGNpmM5iIgOS1VZnOZ68m6_pbLBSp3nssTdlqvd0tIiTHU";
        private const string A2QI = "IYd7DHOhrWvxkwPQsRM2tOgrjbcrfvtQJipd-DlcxyVuuM9sQLdgjVk2oy26F0EmpScGLq2MowX7fhd_QJQ3ydy5cY7YIBi87w93IKLEdfnbJtoOPLUW0ITrJReOgo1cq9SbsxYawBgfp_gh6A5603k2-ZQwVK0JKSHuLFkuQ3U";
        private const string A2Token = "eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.cC4hiUPoj9Eetdgtv3hF80EGrhuB__dzERat0XF9g2VtQgr9PJbu3XOiZj5RZmh7AAuHIm4Bh-0Qc_lF5YKt_O8W2Fp5jujGbds9uJdbF9CUAr7t1dnZcAcQjbKBYNX4BAynRFdiuB--f_nZLgrnbyTyWzO75vRK5h6xBArLIARNPvkSjtQBMHlb1L07Qe7K0GarZRmB_eSN9383LcOLn6_dO--xi12jzDwusC-eOkHWEsqtFZESc6BfI7noOPqvhJ1phCnvWh6IeYI2w9QOYEUipUTI8np6LbgGY9Fs98rqVt5AXLIhWkWywlVmtVrBp0igcN_IoypGlUPQGe77Rw";

        // ---- Source: RFC 7515 Appendix A.3 (ES256, P-256) ----
        private const string A3X = "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU";
        private const string A3Y = "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0";
        private const string A3D = "jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI";
        private const string A3Token = "eyJhbGciOiJFUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q";

        // ---- Source: RFC 7515 Appendix A.4 (ES512, P-521) ----
        private const string A4X = "AekpBQ8ST8a8VcfVOTNl353vSrDCLLJXmPk06wTjxrrjcBpXp5EOnYG_NjFZ6OvLFV1jSfS9tsz4qUxcWceqwQGk";
        private const string A4Y = "ADSmRA43Z1DSNx_RvcLI87cdL07l6jQyyBXMoxVg_l2Th-x3S1WDhjDly79ajL4Kkd0AZMaZmh9ubmf63e3kyMj2";
        private const string A4D = "AY5pb7A0UFiB3RELSD64fTLOSV_jazdF7fLYyuTw8lOfRhWg6Y6rUrPAxerEzgdRhajnu0ferB0d53vM9mE15j2C";
        private const string A4Token = "eyJhbGciOiJFUzUxMiJ9.UGF5bG9hZA.AdwMgeerwtHoh-l192l60hp9wAHZFVJbLfD_UxMi70cwnZOYaRI1bKPWROc-mZZqwqT2SI-KGDKB34XO0aw_7XdtAG8GaSwFKdCAPZgoXD2YBJZCPEX3xKpRwcdOO8KpEHwJjyqOgzDO7iKvU8vcnwNrmxYbSW9ERBXukOXolLzeO_Jn";

        // ---- Source: RFC 7515 Appendix A.5 (unsecured JWS, alg "none") ----
        private const string A5Token = "eyJhbGciOiJub25lIn0.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.";

        // ---- Source: RFC 7515 Appendix E (crit naming an unknown extension, alg "none") ----
        private const string AppendixEToken = "eyJhbGciOiJub25lIiwNCiAiY3JpdCI6WyJodHRwOi8vZXhhbXBsZS5jb20vVU5ERUZJTkVEIl0sDQogImh0dHA6Ly9leGFtcGxlLmNvbS9VTkRFRklORUQiOnRydWUNCn0.RkFJTA.";

        // ---- Source: RFC 7520 §4 (the payload of §4), §3.4 (RSA private key), §3.2 (P-521 private key), §3.5 (symmetric key) ----
        private const string CookbookPayload = "It’s a dangerous business, Frodo, going out your door. You step onto the road, and if you don't keep your feet, there’s no knowing where you might be swept off to.";
        private const string CookbookRsaKid = "bilbo.baggins@hobbiton.example";
        private const string CookbookRsaN = "n4EPtAOCc9AlkeQHPzHStgAbgs7bTZLwUBZdR8_KuKPEHLd4rHVTeT-O-XV2jRojdNhxJWTDvNd7nqQ0VEiZQHz_AJmSCpMaJMRBSFKrKb2wqVwGU_NsYOYL-QtiWN2lbzcEe6XC0dApr5ydQLrHqkHHig3RBordaZ6Aj-oBHqFEHYpPe7Tpe-OfVfHd1E6cS6M1FZcD1NNLYD5lFHpPI9bTwJlsde3uhGqC0ZCuEHg8lhzwOHrtIQbS0FVbb9k3-tVTU4fg_3L_vniUFAKwuCLqKnS2BYwdq_mzSnbLY7h_qixoR7jig3__kRhuaxwUkRz5iaiQkqgc5gHdrNP5zw";
        private const string CookbookRsaE = "AQAB";
        private const string CookbookRsaD = "bWUC9B-EFRIo8kpGfh0ZuyGPvMNKvYWNtB_ikiH9k20eT-O1q_I78eiZkpXxXQ0UTEs2LsNRS-8uJbvQ-A1irkwMSMkK1J3XTGgdrhCku9gRldY7sNA_AKZGh-Q661_42rINLRCe8W-nZ34ui_qOfkLnK9QWDDqpaIsA-bMwWWSDFu2MUBYwkHTMEzLYGqOe04noqeq1hExBTHBOBdkMXiuFhUq1BU6l-DqEiWxqg82sXt2h-LMnT3046AOYJoRioz75tSUQfGCshWTBnP5uDjd18kKhyv07lhfSJdrPdM5Plyl21hsFf4L_mHCuoFau7gdsPfHPxxjVOcOpBrQzwQ";
        private const string CookbookRsaP = "3Slxg_DwTXJcb6095RoXygQCAZ5RnAvZlno1yhHtnUex_fp7AZ_9nRaO7HX_-SFfGQeutao2TDjDAWU4Vupk8rw9JR0AzZ0N2fvuIAmr_WCsmGpeNqQnev1T7IyEsnh8UMt-n5CafhkikzhEsrmndH6LxOrvRJlsPp6Zv8bUq0k";
        private const string CookbookRsaQ = "uKE2dh-cTf6ERF4k4e_jy78GfPYUIaUyoSSJuBzp3Cubk3OCqs6grT8bR_cu0Dm1MZwWmtdqDyI95HrUeq3MP15vMMON8lHTeZu2lmKvwqW7anV5UzhM1iZ7z4yMkuUwFWoBvyY898EXvRD-hdqRxHlSqAZ192zB3pVFJ0s7pFc";
        private const string CookbookRsaDP = "B8PVvXkvJrj2L-GYQ7v3y9r6Kw5g9SahXBwsWUzp19TVlgI-YV85q1NIb1rxQtD-IsXXR3-TanevuRPRt5OBOdiMGQp8pbt26gljYfKU_E9xn-RULHz0-ed9E9gXLKD4VGngpz-PfQ_q29pk5xWHoJp009Qf1HvChixRX59ehik";
        private const string CookbookRsaDQ = "CLDmDGduhylc9o7r84rEUVn7pzQ6PF83Y-iBZx5NT-TpnOZKF1pErAMVeKzFEl41DlHHqqBLSM0W1sOFbwTxYWZDm6sI6og5iTbwQGIC3gnJKbi_7k_vJgGHwHxgPaX2PnvP-zyEkDERuf-ry4c_Z11Cq9AqC2yeL6kdKT1cYF8";
        private const string CookbookRsaQI = "3PiqvXQN0zwMeE-sBvZgi289XP9XCQF3VWqPzMKnIgQp7_Tugo6-NZBKCQsMf3HaEGBjTVJs_jcK8-TRXvaKe-7ZMaQj8VfBdYkssbu0NKDDhjJ-GtiseaDVWt7dcH0cfwxgFUHpQh7FoCrjFJ6h6ZEpMF6xmujs4qMpPz8aaI4";
        private const string CookbookEcKid = "bilbo.baggins@hobbiton.example";
        private const string CookbookEcX = "AHKZLLOsCOzz5cY97ewNUajB957y-C-U88c3v13nmGZx6sYl_oJXu9A5RkTKqjqvjyekWF-7ytDyRXYgCF5cj0Kt";
        private const string CookbookEcY = "AdymlHvOiLxXkEhayXQnNCvDX4h9htZaCJN34kfmC6pV5OhQHiraVySsUdaQkAgDPrwQrJmbnX9cwlGfP-HqHZR1";
        private const string CookbookEcD = "AAhRON2r9cqXX1hg-RoI6R1tX5p2rUAYdmpHZoC1XNM56KtscrX6zbKipQrCW9CGZH3T4ubpnoTKLDYJ_fF3_rJt";
        private const string CookbookHmacKid = "018c0ae5-4d9b-471b-bfd6-eef314bc7037";
        private const string CookbookHmacK = "hJtXIZ2uSN5kbQfbtTNWbpdmhkV8FJG-Onbc6mxCcYg";

        // Source: RFC 7520 §4.1 (Figure 13, RS256)
        private const string Rfc7520Rs256Token = "eyJhbGciOiJSUzI1NiIsImtpZCI6ImJpbGJvLmJhZ2dpbnNAaG9iYml0b24uZXhhbXBsZSJ9.SXTigJlzIGEgZGFuZ2Vyb3VzIGJ1c2luZXNzLCBGcm9kbywgZ29pbmcgb3V0IHlvdXIgZG9vci4gWW91IHN0ZXAgb250byB0aGUgcm9hZCwgYW5kIGlmIHlvdSBkb24ndCBrZWVwIHlvdXIgZmVldCwgdGhlcmXigJlzIG5vIGtub3dpbmcgd2hlcmUgeW91IG1pZ2h0IGJlIHN3ZXB0IG9mZiB0by4.MRjdkly7_-oTPTS3AXP41iQIGKa80A0ZmTuV5MEaHoxnW2e5CZ5NlKtainoFmKZopdHM1O2U4mwzJdQx996ivp83xuglII7PNDi84wnB-BDkoBwA78185hX-Es4JIwmDLJK3lfWRa-XtL0RnltuYv746iYTh_qHRD68BNt1uSNCrUCTJDt5aAE6x8wW1Kt9eRo4QPocSadnHXFxnt8Is9UzpERV0ePPQdLuW3IS_de3xyIrDaLGdjluPxUAhb6L2aXic1U12podGU0KLUQSE_oI-ZnmKJ3F4uOZDnd6QZWJushZ41Axf_fcIe8u9ipH84ogoree7vjbU5y18kDquDg";
        // Source: RFC 7520 §4.2 (Figure 20, PS384)
        private const string Rfc7520Ps384Token = "eyJhbGciOiJQUzM4NCIsImtpZCI6ImJpbGJvLmJhZ2dpbnNAaG9iYml0b24uZXhhbXBsZSJ9.SXTigJlzIGEgZGFuZ2Vyb3VzIGJ1c2luZXNzLCBGcm9kbywgZ29pbmcgb3V0IHlvdXIgZG9vci4gWW91IHN0ZXAgb250byB0aGUgcm9hZCwgYW5kIGlmIHlvdSBkb24ndCBrZWVwIHlvdXIgZmVldCwgdGhlcmXigJlzIG5vIGtub3dpbmcgd2hlcmUgeW91IG1pZ2h0IGJlIHN3ZXB0IG9mZiB0by4.cu22eBqkYDKgIlTpzDXGvaFfz6WGoz7fUDcfT0kkOy42miAh2qyBzk1xEsnk2IpN6-tPid6VrklHkqsGqDqHCdP6O8TTB5dDDItllVo6_1OLPpcbUrhiUSMxbbXUvdvWXzg-UD8biiReQFlfz28zGWVsdiNAUf8ZnyPEgVFn442ZdNqiVJRmBqrYRXe8P_ijQ7p8Vdz0TTrxUeT3lm8d9shnr2lfJT8ImUjvAA2Xez2Mlp8cBE5awDzT0qI0n6uiP1aCN_2_jLAeQTlqRHtfa64QQSUmFAAjVKPbByi7xho0uTOcbH510a6GYmJUAfmWjwZ6oD4ifKo8DYM-X72Eaw";
        // Source: RFC 7520 §4.3 (Figure 27, ES512)
        private const string Rfc7520Es512Token = "eyJhbGciOiJFUzUxMiIsImtpZCI6ImJpbGJvLmJhZ2dpbnNAaG9iYml0b24uZXhhbXBsZSJ9.SXTigJlzIGEgZGFuZ2Vyb3VzIGJ1c2luZXNzLCBGcm9kbywgZ29pbmcgb3V0IHlvdXIgZG9vci4gWW91IHN0ZXAgb250byB0aGUgcm9hZCwgYW5kIGlmIHlvdSBkb24ndCBrZWVwIHlvdXIgZmVldCwgdGhlcmXigJlzIG5vIGtub3dpbmcgd2hlcmUgeW91IG1pZ2h0IGJlIHN3ZXB0IG9mZiB0by4.AE_R_YZCChjn4791jSQCrdPZCNYqHXCTZH0-JZGYNlaAjP2kqaluUIIUnC9qvbu9Plon7KRTzoNEuT4Va2cmL1eJAQy3mtPBu_u_sDDyYjnAMDxXPn7XrT0lw-kvAD890jl8e2puQens_IEKBpHABlsbEPX6sFY8OcGDqoRuBomu9xQ2";
        // Source: RFC 7520 §4.4 (Figure 35, HS256)
        private const string Rfc7520Hs256Token = "eyJhbGciOiJIUzI1NiIsImtpZCI6IjAxOGMwYWU1LTRkOWItNDcxYi1iZmQ2LWVlZjMxNGJjNzAzNyJ9.SXTigJlzIGEgZGFuZ2Vyb3VzIGJ1c2luZXNzLCBGcm9kbywgZ29pbmcgb3V0IHlvdXIgZG9vci4gWW91IHN0ZXAgb250byB0aGUgcm9hZCwgYW5kIGlmIHlvdSBkb24ndCBrZWVwIHlvdXIgZmVldCwgdGhlcmXigJlzIG5vIGtub3dpbmcgd2hlcmUgeW91IG1pZ2h0IGJlIHN3ZXB0IG9mZiB0by4.s0h6KThzkfBBBkLspW1h84VsJZFTsPPqMDA7g1Md7p0";
        // Source: RFC 7520 §4.5 (HS256 with detached content: the payload segment is empty)
        private const string Rfc7520DetachedToken = "eyJhbGciOiJIUzI1NiIsImtpZCI6IjAxOGMwYWU1LTRkOWItNDcxYi1iZmQ2LWVlZjMxNGJjNzAzNyJ9..s0h6KThzkfBBBkLspW1h84VsJZFTsPPqMDA7g1Md7p0";

        // Source: RFC 7797 §4.1 (HS256 over the payload "$.02", b64 not used; the key of RFC 7515 A.1)
        private const string Rfc7797Token = "eyJhbGciOiJIUzI1NiJ9.JC4wMg.5mvfOroL-g7HyqJoozehmsaqmvTYGEq5jTI1gVvoEoQ";

        private static readonly JwsValidationOptions Hs256Only = new(JwtAlgorithm.HS256);

        private static byte[] U(string base64Url) => JwtBase64Url.DecodeFromChars(base64Url);

        private static byte[] PadLeft(byte[] value, int length)
        {
            if (value.Length >= length)
            {
                return value;
            }

            byte[] padded = new byte[length];
            value.CopyTo(padded, length - value.Length);
            return padded;
        }

        private static RSA RsaFromJwk(string n, string e, string? d = null, string? p = null, string? q = null, string? dp = null, string? dq = null, string? qi = null)
        {
            byte[] modulus = U(n);
            int half = (modulus.Length + 1) / 2;
            var parameters = new RSAParameters { Modulus = modulus, Exponent = U(e) };
            if (d is not null)
            {
                parameters.D = PadLeft(U(d), modulus.Length);
                parameters.P = PadLeft(U(p!), half);
                parameters.Q = PadLeft(U(q!), half);
                parameters.DP = PadLeft(U(dp!), half);
                parameters.DQ = PadLeft(U(dq!), half);
                parameters.InverseQ = PadLeft(U(qi!), half);
            }

            RSA rsa = RSA.Create();
            rsa.ImportParameters(parameters);
            return rsa;
        }

        private static ECDsa EcFromJwk(ECCurve curve, string x, string y, string? d = null)
        {
            var parameters = new ECParameters
            {
                Curve = curve,
                Q = new ECPoint { X = U(x), Y = U(y) },
                D = d is null ? null : U(d),
            };
            return ECDsa.Create(parameters);
        }

        private static JwtKey A1Key() => JwtKey.FromSecret(JwtAlgorithm.HS256, U(A1K));

        private static JwtKey A2Key(JwtAlgorithm algorithm = JwtAlgorithm.RS256)
        {
            using RSA rsa = RsaFromJwk(A2N, A2E, A2D, A2P, A2Q, A2DP, A2DQ, A2QI);
            return JwtKey.FromRsa(algorithm, rsa);
        }

        private static JwtKey A2PublicKey()
        {
            using RSA rsa = RsaFromJwk(A2N, A2E);
            return JwtKey.FromRsa(JwtAlgorithm.RS256, rsa);
        }

        private static JwtKey CookbookRsaKey(JwtAlgorithm algorithm, bool includePrivate)
        {
            using RSA rsa = includePrivate
                ? RsaFromJwk(CookbookRsaN, CookbookRsaE, CookbookRsaD, CookbookRsaP, CookbookRsaQ, CookbookRsaDP, CookbookRsaDQ, CookbookRsaQI)
                : RsaFromJwk(CookbookRsaN, CookbookRsaE);
            return JwtKey.FromRsa(algorithm, rsa, CookbookRsaKid);
        }

        private static JwtKey CookbookHmacKey() => JwtKey.FromSecret(JwtAlgorithm.HS256, U(CookbookHmacK), CookbookHmacKid);

        private static string SigningInput(string token) => token[..token.LastIndexOf('.')];

        private static string SignatureSegment(string token) => token[(token.LastIndexOf('.') + 1)..];

        private static JwsToken AssertVerifies(string token, JwtKey key)
        {
            bool ok = Jws.TryVerify(token, key, new JwsValidationOptions(key.Algorithm), out JwsToken result, out JwtError error);
            Assert.True(ok, error.ToString());
            return result;
        }

        private static JwtErrorCode Refusal(string token, JwtKey key, JwsValidationOptions options)
        {
            Assert.False(Jws.TryVerify(token, key, options, out _, out JwtError error));
            return error.Code;
        }

        // ---- RFC 7515 A.1, HS256 ----

        [Fact]
        public void A1_key_is_long_enough_for_HS256_without_the_weak_key_opt_out()
        {
            // The A.1 key is 64 bytes, above the 32 bytes RFC 7518 §3.2 asks for HS256.
            Assert.Equal(512, A1Key().KeySizeInBits);
        }

        [Fact]
        public void A1_verifies_at_the_JWS_level()
        {
            JwsToken jws = AssertVerifies(A1Token, A1Key());
            Assert.Equal(JwtAlgorithm.HS256, jws.Header.Algorithm);
            Assert.Equal("JWT", jws.Header.Type);
            Assert.Null(jws.Header.KeyId);
            Assert.Equal(Encoding.UTF8.GetBytes(A1PayloadJson), jws.GetPayload());
        }

        [Fact]
        public void A1_segments_are_the_Base64Url_of_the_RFC_header_and_payload()
        {
            string[] parts = A1Token.Split('.');
            Assert.Equal(parts[0], Tokens.B64(A1HeaderJson));
            Assert.Equal(parts[1], Tokens.B64(A1PayloadJson));
        }

        [Fact]
        public void A1_signature_over_the_RFC_signing_input_is_byte_identical()
        {
            Assert.Equal(SignatureSegment(A1Token), Tokens.SignatureOf(A1Key(), SigningInput(A1Token)));
        }

        [Fact]
        public void A1_as_a_JWT_is_valid_before_its_exp_of_2011()
        {
            var options = new JwtValidationOptions(JwtAlgorithm.HS256)
            {
                TimeProvider = FakeTimeProvider.AtUnixSeconds(1300819379),
            };
            Assert.True(Jwt.TryDecode(A1Token, A1Key(), options, out JwtToken token, out JwtError error), error.ToString());
            Assert.Equal("joe", token.Issuer);
            Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1300819380), token.ExpiresAt);
            Assert.True(token.TryGetBoolean("http://example.com/is_root", out bool isRoot));
            Assert.True(isRoot);
        }

        [Fact]
        public void A1_as_a_JWT_is_expired_by_the_system_clock()
        {
            Assert.False(Jwt.TryDecode(A1Token, A1Key(), new JwtValidationOptions(JwtAlgorithm.HS256), out _, out JwtError error));
            Assert.Equal(JwtErrorCode.Expired, error.Code);
        }

        [Fact]
        public void A1_with_a_changed_payload_is_refused()
        {
            string[] parts = A1Token.Split('.');
            string tampered = parts[0] + "." + Tokens.B64(A1PayloadJson.Replace("joe", "eve", StringComparison.Ordinal)) + "." + parts[2];
            Assert.Equal(JwtErrorCode.InvalidSignature, Refusal(tampered, A1Key(), Hs256Only));
        }

        // ---- RFC 7515 A.2, RS256 ----

        [Fact]
        public void A2_verifies_with_the_public_key()
        {
            JwsToken jws = AssertVerifies(A2Token, A2PublicKey());
            Assert.Equal(JwtAlgorithm.RS256, jws.Header.Algorithm);
            Assert.Null(jws.Header.Type);
            Assert.Equal(Encoding.UTF8.GetBytes(A1PayloadJson), jws.GetPayload());
        }

        [Fact]
        public void A2_verifies_with_the_private_key()
        {
            AssertVerifies(A2Token, A2Key());
        }

        [Fact]
        public void A2_signing_the_same_header_and_payload_reproduces_the_token()
        {
            // MiniJwt writes {"alg":"RS256"} when there is neither kid nor typ: the RFC's header exactly.
            Assert.Equal(A2HeaderJson, Encoding.UTF8.GetString(U(A2Token.Split('.')[0])));
            Assert.Equal(A2Token, Jws.Sign(Encoding.UTF8.GetBytes(A1PayloadJson), A2Key()));
        }

        [Fact]
        public void A2_is_refused_when_only_PS256_is_allowed()
        {
            var options = new JwsValidationOptions(JwtAlgorithm.PS256);
            Assert.Equal(JwtErrorCode.AlgorithmNotAllowed, Refusal(A2Token, A2Key(JwtAlgorithm.PS256), options));
        }

        [Fact]
        public void A2_with_another_RSA_key_is_refused()
        {
            Assert.Equal(JwtErrorCode.InvalidSignature, Refusal(A2Token, JwtKey.FromRsa(JwtAlgorithm.RS256, TestKeys.Rsa), new JwsValidationOptions(JwtAlgorithm.RS256)));
        }

        // ---- RFC 7515 A.3, ES256 ----

        [Fact]
        public void A3_verifies_with_the_public_key()
        {
            using ECDsa ecdsa = EcFromJwk(ECCurve.NamedCurves.nistP256, A3X, A3Y);
            JwsToken jws = AssertVerifies(A3Token, JwtKey.FromECDsa(JwtAlgorithm.ES256, ecdsa));
            Assert.Equal(Encoding.UTF8.GetBytes(A1PayloadJson), jws.GetPayload());
        }

        [Fact]
        public void A3_new_signature_by_the_RFC_private_key_verifies_with_the_RFC_public_key()
        {
            // ECDSA is randomized: the signature differs from the RFC's, but must verify.
            using ECDsa signer = EcFromJwk(ECCurve.NamedCurves.nistP256, A3X, A3Y, A3D);
            using ECDsa verifier = EcFromJwk(ECCurve.NamedCurves.nistP256, A3X, A3Y);
            string token = Jws.Sign(Encoding.UTF8.GetBytes(A1PayloadJson), JwtKey.FromECDsa(JwtAlgorithm.ES256, signer));
            Assert.StartsWith("eyJhbGciOiJFUzI1NiJ9.", token, StringComparison.Ordinal);
            AssertVerifies(token, JwtKey.FromECDsa(JwtAlgorithm.ES256, verifier));
        }

        [Fact]
        public void A3_with_a_changed_signature_is_refused()
        {
            using ECDsa ecdsa = EcFromJwk(ECCurve.NamedCurves.nistP256, A3X, A3Y);
            Assert.Equal(
                JwtErrorCode.InvalidSignature,
                Refusal(Tokens.TamperSignature(A3Token), JwtKey.FromECDsa(JwtAlgorithm.ES256, ecdsa), new JwsValidationOptions(JwtAlgorithm.ES256)));
        }

        // ---- RFC 7515 A.4, ES512 ----

        [Fact]
        public void A4_verifies_a_non_JSON_payload_at_the_JWS_level()
        {
            using ECDsa ecdsa = EcFromJwk(ECCurve.NamedCurves.nistP521, A4X, A4Y);
            JwsToken jws = AssertVerifies(A4Token, JwtKey.FromECDsa(JwtAlgorithm.ES512, ecdsa));
            Assert.Equal("Payload"u8.ToArray(), jws.GetPayload());
            Assert.Equal(132, U(SignatureSegment(A4Token)).Length);
        }

        [Fact]
        public void A4_is_refused_at_the_JWT_level_because_the_payload_is_not_JSON()
        {
            using ECDsa ecdsa = EcFromJwk(ECCurve.NamedCurves.nistP521, A4X, A4Y);
            var options = new JwtValidationOptions(JwtAlgorithm.ES512) { RequireExpiration = false };
            Assert.False(Jwt.TryDecode(A4Token, JwtKey.FromECDsa(JwtAlgorithm.ES512, ecdsa), options, out _, out JwtError error));
            Assert.Equal(JwtErrorCode.InvalidJson, error.Code);
        }

        [Fact]
        public void A4_new_signature_by_the_RFC_private_key_verifies_with_the_RFC_public_key()
        {
            using ECDsa signer = EcFromJwk(ECCurve.NamedCurves.nistP521, A4X, A4Y, A4D);
            using ECDsa verifier = EcFromJwk(ECCurve.NamedCurves.nistP521, A4X, A4Y);
            string token = Jws.Sign("Payload"u8, JwtKey.FromECDsa(JwtAlgorithm.ES512, signer));
            Assert.StartsWith("eyJhbGciOiJFUzUxMiJ9.UGF5bG9hZA.", token, StringComparison.Ordinal);
            AssertVerifies(token, JwtKey.FromECDsa(JwtAlgorithm.ES512, verifier));
        }

        // ---- RFC 7515 A.5 and Appendix E: refused ----

        [Fact]
        public void A5_unsecured_token_is_refused_as_an_algorithm_not_allowed()
        {
            Assert.Equal(JwtErrorCode.AlgorithmNotAllowed, Refusal(A5Token, A1Key(), Hs256Only));
        }

        [Fact]
        public void AppendixE_token_is_refused()
        {
            // alg "none" is refused at step 4, before its unknown crit extension is looked at.
            Assert.Equal(JwtErrorCode.AlgorithmNotAllowed, Refusal(AppendixEToken, A1Key(), Hs256Only));
        }

        // ---- RFC 7520 §4 ----

        [Fact]
        public void Rfc7520_4_1_RS256_verifies_with_the_public_key()
        {
            JwsToken jws = AssertVerifies(Rfc7520Rs256Token, CookbookRsaKey(JwtAlgorithm.RS256, includePrivate: false));
            Assert.Equal(CookbookRsaKid, jws.Header.KeyId);
            Assert.Equal(Encoding.UTF8.GetBytes(CookbookPayload), jws.GetPayload());
        }

        [Fact]
        public void Rfc7520_4_1_RS256_signing_the_same_payload_with_the_same_kid_reproduces_the_token()
        {
            // MiniJwt writes {"alg":"RS256","kid":"bilbo.baggins@hobbiton.example"}: the cookbook's header exactly.
            string token = Jws.Sign(Encoding.UTF8.GetBytes(CookbookPayload), CookbookRsaKey(JwtAlgorithm.RS256, includePrivate: true));
            Assert.Equal(Rfc7520Rs256Token, token);
        }

        [Fact]
        public void Rfc7520_4_2_PS384_verifies_with_the_public_key()
        {
            JwsToken jws = AssertVerifies(Rfc7520Ps384Token, CookbookRsaKey(JwtAlgorithm.PS384, includePrivate: false));
            Assert.Equal(JwtAlgorithm.PS384, jws.Header.Algorithm);
            Assert.Equal(Encoding.UTF8.GetBytes(CookbookPayload), jws.GetPayload());
        }

        [Fact]
        public void Rfc7520_4_2_PS384_new_signature_verifies_but_differs()
        {
            // RSASSA-PSS is randomized: a new signature verifies and is not the cookbook's.
            string token = Jws.Sign(Encoding.UTF8.GetBytes(CookbookPayload), CookbookRsaKey(JwtAlgorithm.PS384, includePrivate: true));
            Assert.Equal(SigningInput(Rfc7520Ps384Token), SigningInput(token));
            Assert.NotEqual(Rfc7520Ps384Token, token);
            AssertVerifies(token, CookbookRsaKey(JwtAlgorithm.PS384, includePrivate: false));
        }

        [Fact]
        public void Rfc7520_4_3_ES512_verifies_with_the_public_key()
        {
            using ECDsa ecdsa = EcFromJwk(ECCurve.NamedCurves.nistP521, CookbookEcX, CookbookEcY);
            JwsToken jws = AssertVerifies(Rfc7520Es512Token, JwtKey.FromECDsa(JwtAlgorithm.ES512, ecdsa, CookbookEcKid));
            Assert.Equal(CookbookEcKid, jws.Header.KeyId);
            Assert.Equal(Encoding.UTF8.GetBytes(CookbookPayload), jws.GetPayload());
        }

        [Fact]
        public void Rfc7520_4_3_ES512_private_key_also_verifies()
        {
            using ECDsa ecdsa = EcFromJwk(ECCurve.NamedCurves.nistP521, CookbookEcX, CookbookEcY, CookbookEcD);
            AssertVerifies(Rfc7520Es512Token, JwtKey.FromECDsa(JwtAlgorithm.ES512, ecdsa, CookbookEcKid));
        }

        [Fact]
        public void Rfc7520_4_4_HS256_verifies()
        {
            JwsToken jws = AssertVerifies(Rfc7520Hs256Token, CookbookHmacKey());
            Assert.Equal(CookbookHmacKid, jws.Header.KeyId);
            Assert.Equal(Encoding.UTF8.GetBytes(CookbookPayload), jws.GetPayload());
        }

        [Fact]
        public void Rfc7520_4_4_HS256_signing_the_same_payload_with_the_same_kid_reproduces_the_token()
        {
            // The cookbook's 32-byte key meets the HS256 minimum: no weak-key opt-out.
            Assert.Equal(Rfc7520Hs256Token, Jws.Sign(Encoding.UTF8.GetBytes(CookbookPayload), CookbookHmacKey()));
        }

        [Fact]
        public void Rfc7520_4_5_detached_content_does_not_verify_as_an_empty_payload()
        {
            // MiniJwt has no detached-content API. The empty payload segment is a legal (empty) JWS payload, but the
            // signature covers the detached content, so it does not verify over the empty one.
            Assert.Equal(JwtErrorCode.InvalidSignature, Refusal(Rfc7520DetachedToken, CookbookHmacKey(), Hs256Only));
        }

        // ---- RFC 7797 §4.1: b64 not used, an ordinary JWS ----

        [Fact]
        public void Rfc7797_4_1_verifies_with_its_non_JSON_payload()
        {
            JwsToken jws = AssertVerifies(Rfc7797Token, A1Key());
            Assert.Equal("$.02"u8.ToArray(), jws.GetPayload());
        }
    }

    public class Findings
    {
        private static readonly JwtKey Key = TestKeys.Hs256;

        [Fact]
        public void Finding03_UnpairedSurrogateInKeyId_Throws()
        {
            // The kid goes to every header the key signs: refused when the key is made, as a type is when it is given.
            // (Not an [InlineData]: attribute strings cannot carry a lone surrogate.)
            foreach (string keyId in new[] { "k\ud800", "k\udfff", "\udc00k" })
            {
                AssertRefused(keyId);
            }

            JwtKey paired = JwtKey.FromSecret(JwtAlgorithm.HS256, TestKeys.Secret64, "k\ud83d\ude00");
            Assert.Equal("k\ud83d\ude00", MiniJwt.Jwt.Decode(MiniJwt.Jwt.Encode(new JwtClaims().Subject("1"), paired), paired, new JwtValidationOptions(JwtAlgorithm.HS256) { RequireExpiration = false }).Header.KeyId);
        }

        private static void AssertRefused(string keyId)
        {
            Assert.Equal("keyId", Assert.Throws<ArgumentException>(() => JwtKey.FromSecret(JwtAlgorithm.HS256, TestKeys.Secret64, keyId)).ParamName);
            Assert.Equal("keyId", Assert.Throws<ArgumentException>(() => JwtKey.FromRsa(JwtAlgorithm.RS256, TestKeys.Rsa, keyId)).ParamName);
        }

        [Fact]
        public void TrySign_ReturnsFalseOnAShortDestination_AndWritesNothing()
        {
            byte[] payload = Encoding.UTF8.GetBytes("opaque payload");
            int length = MiniJwt.Jws.GetEncodedLength(payload.Length, Key);
            byte[] destination = new byte[length - 1];
            Assert.False(MiniJwt.Jws.TrySign(payload, Key, destination, out int written));
            Assert.Equal(0, written);
            Assert.All(destination, b => Assert.Equal(0, b));

            destination = new byte[length + 3];
            Assert.True(MiniJwt.Jws.TrySign(payload, Key, destination, out written));
            Assert.Equal(length, written);
            Assert.Equal(MiniJwt.Jws.Sign(payload, Key), Encoding.ASCII.GetString(destination, 0, written));
        }

        [Fact]
        public void Sign_IntoAShortDestination_ThrowsArgumentException()
        {
            Assert.Equal("destination", Assert.Throws<ArgumentException>(() => MiniJwt.Jws.Sign("x"u8, Key, new byte[8])).ParamName);
        }

        [Fact]
        public void TrySign_WithAPublicKey_Throws()
        {
            JwtKey publicKey = JwtKey.FromRsa(JwtAlgorithm.RS256, TestKeys.Rsa).ToPublicKey();
            Assert.Throws<InvalidOperationException>(() => MiniJwt.Jws.TrySign("x"u8, publicKey, new byte[1024], out _));
        }

        [Fact]
        public void Verify_NamesThePartAndParameterAtFault()
        {
            string token = MiniJwt.Jws.Sign("x"u8, Key, "JWT");
            var options = new JwsValidationOptions(JwtAlgorithm.HS384);
            Assert.False(MiniJwt.Jws.TryVerify(token, Key, options, out _, out JwtError error));
            Assert.Equal(new JwtError(JwtErrorCode.AlgorithmNotAllowed, "header", "alg"), error);
            Assert.Equal("AlgorithmNotAllowed: the algorithm is not allowed (header parameter alg)", error.ToString());

            Assert.False(MiniJwt.Jws.TryVerify(Tokens.TamperSignature(token), Key, new JwsValidationOptions(JwtAlgorithm.HS256), out _, out error));
            Assert.Equal(JwtErrorCode.InvalidSignature, error.Code);
            Assert.Equal("signature", error.Part);
            Assert.Null(error.Name);
        }
    }
}
