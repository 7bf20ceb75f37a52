using System;
using System.Linq;
using System.Text;
using MiniJwt.Tests.Support;
using Xunit;

namespace MiniJwt.Tests.Keys;

/// <summary>PEM text: its size cap (issue 10, finding 6) and the hints when no key is found.</summary>
public sealed class PemKeyReaderTests
{
    [Fact]
    public void Finding06_OneMebibyteOfBeginLines_IsRefusedForItsSize_BeforeAnyParsing()
    {
        string pem = Repeat("-----BEGIN PUBLIC KEY-----\n", 1024 * 1024);
        Assert.True(pem.Length >= 1024 * 1024);
        foreach (JwtAlgorithm algorithm in (JwtAlgorithm[])[JwtAlgorithm.RS256, JwtAlgorithm.PS256, JwtAlgorithm.ES256])
        {
            ArgumentException refused = Assert.Throws<ArgumentException>("pem", () => JwtKey.FromPem(algorithm, pem));
            Assert.Contains("65536 characters (64 KiB)", refused.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Finding06_ManyBeginLinesUnderTheSizeCap_AreRefusedByTheirCount()
    {
        // About 2,400 begin lines in under 64 KiB: the search for an end line after each begin line is what made parsing quadratic.
        string pem = Repeat("-----BEGIN PUBLIC KEY-----\n", PemKeyReader.MaxPemLength - 1000);
        Assert.True(pem.Length <= PemKeyReader.MaxPemLength);
        ArgumentException refused = Assert.Throws<ArgumentException>("pem", () => JwtKey.FromPem(JwtAlgorithm.RS256, pem));
        Assert.Contains("more than 16 '-----BEGIN' lines", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Finding06_TheCapsAreExactlyAsDocumented()
    {
        string key = TestKeys.Rsa.ExportSubjectPublicKeyInfoPem() + "\n";
        string filler = new('#', PemKeyReader.MaxPemLength - key.Length - 1);
        Assert.Equal(2048, JwtKey.FromPem(JwtAlgorithm.RS256, filler + "\n" + key).KeySizeInBits);
        Assert.Throws<ArgumentException>("pem", () => JwtKey.FromPem(JwtAlgorithm.RS256, filler + "\n\n" + key));

        const string Certificate = "-----BEGIN CERTIFICATE-----\nAA==\n-----END CERTIFICATE-----\n";
        string fifteenCertificates = string.Concat(Enumerable.Repeat(Certificate, 15));
        Assert.Equal(2048, JwtKey.FromPem(JwtAlgorithm.RS256, key + fifteenCertificates).KeySizeInBits);
        ArgumentException refused = Assert.Throws<ArgumentException>("pem", () => JwtKey.FromPem(JwtAlgorithm.RS256, key + fifteenCertificates + Certificate));
        Assert.Contains("more than 16", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NoPemBlock_HintNamesAPrivateKeyLabelToo()
    {
        // A strategy's secret must be a private key: the hint must not only show a public-key label.
        ArgumentException refused = Assert.Throws<ArgumentException>("pem", () => JwtKey.FromPem(JwtAlgorithm.RS256, "not a key"));
        Assert.Contains("'-----BEGIN PRIVATE KEY-----'", refused.Message, StringComparison.Ordinal);
        Assert.Contains("'-----BEGIN PUBLIC KEY-----'", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(JwtAlgorithm.RS256, "RSA PRIVATE KEY")]
    [InlineData(JwtAlgorithm.PS256, "RSA PRIVATE KEY")]
    [InlineData(JwtAlgorithm.ES256, "EC PRIVATE KEY")]
    public void NoPemBlock_WhenAPrivateKeyIsExpected_TheHintNamesOnlyPrivateKeyLabels(JwtAlgorithm algorithm, string label)
    {
        JwtAlgorithmFamily family = JwtAlgorithms.GetFamily(algorithm);
        ArgumentException refused = Assert.Throws<ArgumentException>("secret", () => PemKeyReader.CheckLabel("not a key", family, "secret", expectPrivate: true));
        Assert.Contains("'-----BEGIN PRIVATE KEY-----'", refused.Message, StringComparison.Ordinal);
        Assert.Contains(label, refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("PUBLIC", refused.Message, StringComparison.Ordinal);

        ArgumentException publicHint = Assert.Throws<ArgumentException>("key", () => PemKeyReader.CheckLabel("not a key", family, "key", expectPrivate: false));
        Assert.Contains("'-----BEGIN PUBLIC KEY-----'", publicHint.Message, StringComparison.Ordinal);
    }

    private static string Repeat(string line, int atLeast)
    {
        var text = new StringBuilder(atLeast + line.Length);
        while (text.Length < atLeast)
        {
            text.Append(line);
        }

        return text.ToString();
    }
}
