using System;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MiniJwt.Tests.Properties;
using Xunit;

namespace MiniJwt.Tests.Internal;

public class CompactJsonTests
{
    private static bool Scan(string json, out CompactJsonMember[] members, out int count)
    {
        bool scanned = TryScan(Encoding.UTF8.GetBytes(json), 16, out members);
        count = members.Length;
        return scanned;
    }

    // The scan with a visitor that records every member it is shown.
    private static bool TryScan(ReadOnlySpan<byte> json, int maxDepth, out CompactJsonMember[] members)
    {
        var recorder = new Recorder { Members = [] };
        bool scanned = CompactJson.TryScan(json, maxDepth, ref recorder);
        members = [.. recorder.Members];
        return scanned;
    }

    private struct Recorder : ICompactJsonVisitor
    {
        public System.Collections.Generic.List<CompactJsonMember> Members;

        public int GiveUpAt;

        public readonly bool Visit(ReadOnlySpan<byte> json, in CompactJsonMember member)
        {
            Members.Add(member);
            return Members.Count != GiveUpAt;
        }
    }

    [Theory]
    [InlineData("{}", 0)]
    [InlineData("""{"sub":"00000000-0123-4567-890a-bcdef1234591","aud":["fastapi-users:auth"],"exp":4102444800}""", 3)]
    [InlineData("""{"a":-1,"b":0,"c":-0,"d":true,"e":false,"f":null,"g":[],"h":[1,"x",null],"":"","i":999999999999999}""", 10)]
    [InlineData("""{"a":1.5,"b":1e2,"c":-0.0E-7,"d":1000000000000000,"e":12345678901234567890123}""", 5)]
    [InlineData("""{"a":{},"b":[[]],"c":[{}],"d":{"x":{"y":[1,{"z":null}]},"y":"x"},"e":[[1,2],["a"]]}""", 5)]
    [InlineData("""{"1":1,"2":2,"3":3,"4":4,"5":5,"6":6,"7":7,"8":8,"9":9,"10":10,"11":11,"12":12,"13":13}""", 13)]
    [InlineData("""{"a":{"b":1},"c":{"b":1},"b":{"a":{"a":1}}}""", 3)]
    public void TheCompactFlatShape_IsScanned(string json, int expected)
    {
        Assert.True(Scan(json, out _, out int count));
        Assert.Equal(expected, count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("[]")]
    [InlineData(" {}")]
    [InlineData("{} ")]
    [InlineData("{ }")]
    [InlineData("""{"a": 1}""")]
    [InlineData("""{"a":1 }""")]
    [InlineData("""{"a":1,}""")]
    [InlineData("""{"a":1}x""")]
    [InlineData("""{"a":1,"a":2}""")]
    [InlineData("""{"a":"\u0041"}""")]
    [InlineData("""{"\u0061":1}""")]
    [InlineData("{\"a\":\"\u00e9\"}")]
    [InlineData("{\"a\":\"\u007f\"}")]
    [InlineData("{\"a\":\"\t\"}")]
    [InlineData("""{"a":01}""")]
    [InlineData("""{"a":-}""")]
    [InlineData("""{"a":[1,]}""")]
    [InlineData("""{"a":1.}""")]
    [InlineData("""{"a":.5}""")]
    [InlineData("""{"a":1e}""")]
    [InlineData("""{"a":1e+}""")]
    [InlineData("""{"a":1.5e}""")]
    [InlineData("""{"a":+1}""")]
    [InlineData("""{"a":-01}""")]
    [InlineData("""{"a":{"b":1,"b":2}}""")]
    [InlineData("""{"a":[{"b":1,"b":2}]}""")]
    [InlineData("""{"a":{"x":{"b":[],"c":0,"b":{}}}}""")]
    [InlineData("""{"a":{"b":1,}}""")]
    [InlineData("""{"a":{"b"}}""")]
    [InlineData("""{"a":{"b":}}""")]
    [InlineData("""{"a":{1:1}}""")]
    [InlineData("""{"a":{"b":1]}""")]
    [InlineData("""{"a":[1}""")]
    [InlineData("""{"a":{"b":1}""")]
    [InlineData("""{"a":{"b":"\u0041"}}""")]
    [InlineData("""{"a":{"b":1, "c":2}}""")]
    [InlineData("""{"a":[[[[[[[[1]]]]]]]]}""")]
    [InlineData("""{"a":tru}""")]
    [InlineData("""{"a":truex}""")]
    [InlineData("""{"a":nul}""")]
    [InlineData("""{"a":"x}""")]
    [InlineData("""{"a"1}""")]
    public void AnythingElse_IsLeftToTheFullReader(string json) => Assert.False(Scan(json, out _, out _));

    // Eight digits are read at once: the neighbours of '0' and '9' (the '/' and ':' around the digits) and a digit
    // at each place stop it, and the integer read is the number written.
    [Theory]
    [InlineData("12345678", 12345678L)]
    [InlineData("99999999", 99999999L)]
    [InlineData("4102444800", 4102444800L)]
    [InlineData("-4102444800", -4102444800L)]
    [InlineData("100000000000000", 100000000000000L)]
    [InlineData("999999999999999", 999999999999999L)]
    [InlineData("1234567", 1234567L)]
    public void Integers_AreReadExactly(string number, long expected)
    {
        Assert.True(Scan("{\"n\":" + number + "}", out CompactJsonMember[] members, out _));
        Assert.Equal(CompactJsonKind.Integer, members[0].Kind);
        Assert.Equal(expected, members[0].Integer);
    }

    [Theory]
    [InlineData("1234567/")]
    [InlineData("1234567:")]
    [InlineData("/2345678")]
    [InlineData(":2345678")]
    [InlineData("1234\u00005678")]
    [InlineData("01234567")]
    [InlineData("012345678")]
    [InlineData("1234567\u00ff")]
    public void EightBytesThatAreNotAllDigits_AreNotAnInteger(string number)
    {
        string json = "{\"n\":" + number + "}";
        if (Scan(json, out CompactJsonMember[] members, out _))
        {
            // Only a shorter integer followed by nothing else could be scanned, and none of these is one.
            Assert.Fail("scanned " + json + " as " + members[0].Kind);
        }
    }

    // "aXbYc" and "aZbWc" share length, first, middle and last byte, so their fingerprints meet: they are told apart by
    // a full comparison, against the earlier name found again from where it starts.
    [Theory]
    [InlineData("""{"aXbYc":1,"aZbWc":2}""", true)]
    [InlineData("""{"aXbYc":1,"aZbWc":2,"aXbYc":3}""", false)]
    [InlineData("""{"aXbYc":1,"aZbWc":2,"aZbWc":3}""", false)]
    [InlineData("""{"o":{"aXbYc":1,"aZbWc":2},"aXbYc":{"aZbWc":[]}}""", true)]
    [InlineData("""{"o":{"aXbYc":1,"aZbWc":2,"aZbWc":3}}""", false)]
    public void NamesWhoseFingerprintsMeet_AreComparedInFull(string json, bool scanned)
    {
        Assert.Equal(scanned, Scan(json, out _, out _));
        var visitor = default(NoMemberVisitor);
        Assert.Equal(scanned ? JwtErrorCode.None : JwtErrorCode.DuplicateMember, StrictJson.ReadObject(Encoding.UTF8.GetBytes(json), 16, ref visitor));
    }

    [Fact]
    public void AVisitorThatGivesUp_SendsTheObjectToTheFullReader_AndSeesNoFurther()
    {
        var recorder = new Recorder { Members = [], GiveUpAt = 2 };
        Assert.False(CompactJson.TryScan("""{"a":1,"b":2,"c":3}"""u8, 16, ref recorder));
        Assert.Equal(2, recorder.Members.Count);
    }

    // Every cut of a payload ends inside something: the scan says "not sure", never throws (a value cut right after its
    // colon, "{\"iat\":", once read past the end).
    [Fact]
    public void EveryTruncation_IsLeftToTheFullReader_WithoutThrowing()
    {
        byte[] json = Encoding.UTF8.GetBytes(
            """{"iat":1,"a":-1.5e+3,"b":[1,"x",null,true,false,[],{}],"c":{"d":{"e":[0]},"f":"g"},"s":"text","n":null}""");
        Assert.True(TryScan(json, 16, out _));
        for (int length = 0; length < json.Length; length++)
        {
            Assert.False(TryScan(json.AsSpan(0, length), 16, out _));
            var visitor = default(NoMemberVisitor);
            Assert.NotEqual(JwtErrorCode.None, StrictJson.ReadObject(json.AsSpan(0, length), 16, ref visitor));
        }
    }

    [Fact]
    public void AnArray_NeedsADepthOfTwo()
    {
        Assert.False(TryScan("""{"a":[]}"""u8, 1, out _));
        Assert.True(TryScan("""{"a":[]}"""u8, 2, out _));
        Assert.True(TryScan("""{"a":1}"""u8, 1, out _));
    }

    [Theory]
    [InlineData("""{"a":{}}""", 2)]
    [InlineData("""{"a":[{"b":[]}]}""", 4)]
    [InlineData("""{"a":{"b":{"c":{"d":1}}}}""", 4)]
    public void NestingFollowsTheFullReadersDepth(string json, int depth)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(json);
        Assert.False(TryScan(bytes, depth - 1, out _));
        Assert.True(TryScan(bytes, depth, out _));
        var visitor = default(NoMemberVisitor);
        Assert.Equal(JwtErrorCode.InvalidJson, StrictJson.ReadObject(bytes, depth - 1, ref visitor));
        Assert.Equal(JwtErrorCode.None, StrictJson.ReadObject(bytes, depth, ref visitor));
    }

    [Fact]
    public void TooManyNames_GoToTheFullReader()
    {
        string Object(int names) => "{" + string.Join(",", Enumerable.Range(0, names).Select(i => $"\"n{i}\":{i}")) + "}";
        Assert.True(Scan(Object(CompactJson.MaxMembers), out _, out int count));
        Assert.Equal(CompactJson.MaxMembers, count);
        Assert.False(Scan(Object(CompactJson.MaxMembers + 1), out _, out _));
        Assert.True(Scan("{\"a\":" + Object(24) + "}", out _, out _));
        Assert.False(Scan("{\"a\":" + Object(25) + "}", out _, out _));
    }

    // Names that share a fingerprint's inputs (length, first, middle and last byte) are still told apart, and found equal only when equal.
    [Fact]
    public void NamesOfOneFingerprint_AreComparedInFull()
    {
        Assert.True(Scan("""{"abxcd":1,"abycd":2,"abzcd":3}""", out _, out int count));
        Assert.Equal(3, count);
        Assert.False(Scan("""{"abxcd":1,"abycd":2,"abxcd":3}""", out _, out _));
        Assert.True(Scan("""{"o":{"abxcd":1,"abycd":2}}""", out _, out _));
        Assert.False(Scan("""{"o":{"abxcd":1,"abycd":2,"abxcd":3}}""", out _, out _));
    }

    // What the fast path takes, the full reader takes too, and both see the same members at the same places.
    [Property(MaxTest = 5000, Arbitrary = [typeof(PropertyGenerators)])]
    public void WhatItScans_TheFullReaderAccepts_WithTheSameMembers(JsonishPayload payload)
    {
        byte[] json = payload.Bytes;
        if (!TryScan(json, 16, out CompactJsonMember[] members))
        {
            return;
        }

        int count = members.Length;

        var visitor = default(NoMemberVisitor);
        Assert.Equal(JwtErrorCode.None, StrictJson.ReadObject(json, 16, ref visitor));
        var reader = new Utf8JsonReader(json);
        reader.Read();
        for (int i = 0; i < count; i++)
        {
            Assert.True(reader.Read());
            Assert.Equal(JsonTokenType.PropertyName, reader.TokenType);
            Assert.Equal(reader.GetString(), Encoding.UTF8.GetString(json, members[i].NameStart, members[i].NameLength));
            reader.Read();
            Assert.Equal((int)reader.TokenStartIndex, members[i].ValueStart);
            JsonTokenType type = reader.TokenType;
            if (members[i].Kind == CompactJsonKind.Integer)
            {
                Assert.True(reader.TryGetInt64(out long value));
                Assert.Equal(value, members[i].Integer);
            }

            reader.Skip();
            Assert.Equal((int)reader.BytesConsumed, members[i].ValueEnd);
            Assert.Equal(
                type switch
                {
                    JsonTokenType.String => CompactJsonKind.String,
                    JsonTokenType.Number => reader.TryGetInt64(out long integer) && integer is > -1_000_000_000_000_000 and < 1_000_000_000_000_000 && !HasFractionOrExponent(json, members[i])
                        ? CompactJsonKind.Integer
                        : CompactJsonKind.Number,
                    JsonTokenType.True => CompactJsonKind.True,
                    JsonTokenType.False => CompactJsonKind.False,
                    JsonTokenType.Null => CompactJsonKind.Null,
                    JsonTokenType.StartObject => CompactJsonKind.Nested,
                    _ => ArrayKind(json, members[i]),
                },
                members[i].Kind);
        }

        Assert.True(reader.Read());
        Assert.Equal(JsonTokenType.EndObject, reader.TokenType);
    }

    private static bool HasFractionOrExponent(byte[] json, CompactJsonMember member) =>
        json.AsSpan(member.ValueStart, member.ValueEnd - member.ValueStart).IndexOfAny(".eE"u8) >= 0;

    // What an array holds, read by the full reader: only strings, only scalars, or a container somewhere.
    private static CompactJsonKind ArrayKind(byte[] json, CompactJsonMember member)
    {
        using JsonDocument document = JsonDocument.Parse(json.AsMemory(member.ValueStart, member.ValueEnd - member.ValueStart));
        JsonValueKind[] kinds = document.RootElement.EnumerateArray().Select(e => e.ValueKind).ToArray();
        return kinds.All(k => k == JsonValueKind.String) ? CompactJsonKind.StringArray
            : kinds.Any(k => k is JsonValueKind.Array or JsonValueKind.Object) ? CompactJsonKind.Nested
            : CompactJsonKind.ScalarArray;
    }

    // Every prefix of every generated payload (where a cut lands right after a colon, a comma, inside a number or a
    // nested value): the scan never throws, what it takes the full reader takes too, and the encoder gives a token or an
    // ArgumentException (its tests would see any other exception fail this one).
    [Property(MaxTest = 2000, Arbitrary = [typeof(PropertyGenerators)])]
    public void EveryPrefix_IsScannedWithoutThrowing_AndOnlyWhatTheFullReaderTakes(JsonishPayload payload)
    {
        byte[] json = payload.Bytes;
        for (int length = 0; length <= json.Length; length++)
        {
            ReadOnlySpan<byte> prefix = json.AsSpan(0, length);
            if (TryScan(prefix, 16, out _))
            {
                var visitor = default(NoMemberVisitor);
                Assert.Equal(JwtErrorCode.None, StrictJson.ReadObject(prefix, 16, ref visitor));
            }

            // And through the encoder's gate: a token, or an ArgumentException, nothing else.
            try
            {
                _ = Jwt.Encode(prefix, Support.TestKeys.Hs256);
            }
            catch (ArgumentException)
            {
            }
        }
    }

    /// <summary>
    /// The claims pass with its fast path against the JsonDocument model of step 7 (the property of
    /// <see cref="PropertyTests.Claims_SignedPayloadIsAcceptedExactlyWhenTheClaimRulesHold"/>), on as many payloads as
    /// MINIJWT_MODEL_CASES asks (1,000 by default; the fast path was checked once on 1,000,000). It also counts the
    /// payloads the fast path took, so that the agreement is seen to cover it.
    /// </summary>
    [Fact]
    public void TheClaimsPass_AgreesWithTheJsonDocumentModel()
    {
        string? configured = Environment.GetEnvironmentVariable("MINIJWT_MODEL_CASES");
        int cases = int.TryParse(configured, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0 ? n : 1000;
        var properties = new PropertyTests();
        int compact = 0;
        int total = 0;
        Check.One(
            Config.QuickThrowOnFailure.WithMaxTest(cases).WithQuietOnSuccess(true),
            Prop.ForAll(PropertyGenerators.Payloads(), payload =>
            {
                Interlocked.Increment(ref total);
                if (TryScan(payload.Bytes, 16, out _))
                {
                    Interlocked.Increment(ref compact);
                }

                properties.Claims_SignedPayloadIsAcceptedExactlyWhenTheClaimRulesHold(payload);
            }));
        TestContext.Current.TestOutputHelper?.WriteLine($"{total} payloads agree with the model; the fast path took {compact}");
        Assert.Equal(cases, total);
        // About 6.6% of generated payloads are compact (66,561 and 66,375 of 1,000,000 in two long runs of the nested fast path): 1% is a floor random draws keep.
        Assert.True(compact > cases / 100, $"the fast path took only {compact} of {total} payloads");
    }
}
