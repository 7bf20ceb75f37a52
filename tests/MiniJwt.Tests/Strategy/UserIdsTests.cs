using System;
using MiniJwt.Strategy;
using Xunit;

namespace MiniJwt.Tests.Strategy;

public class UserIdsTests
{
    [Theory]
    [InlineData("00000000-0123-4567-890a-bcdef1234591")]
    [InlineData("00000000-0123-4567-890A-BCDEF1234591")]
    [InlineData("ffffffff-ffff-ffff-ffff-ffffffffffff")]
    public void Guid_CanonicalForm_Parses(string value)
    {
        Assert.True(UserIds.TryParseGuid(value, out Guid id));
        Assert.Equal(value.ToLowerInvariant(), UserIds.Format(id));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("foo")]
    [InlineData("000000000123456789 0abcdef1234591")]
    [InlineData("0000000001234567890abcdef1234591")]
    [InlineData("{00000000-0123-4567-890a-bcdef1234591}")]
    [InlineData("urn:uuid:00000000-0123-4567-890a-bcdef1234591")]
    [InlineData(" 00000000-0123-4567-890a-bcdef1234591")]
    [InlineData("00000000-0123-4567-890a-bcdef1234591 ")]
    [InlineData("00000000-0123-4567-890a-bcdef123459g")]
    [InlineData("0000000-00123-4567-890a-bcdef1234591")]
    [InlineData("00000000_0123_4567_890a_bcdef1234591")]
    [InlineData("00000000-0123-4567-890a-bcdef12345\uff11")]
    [InlineData("(00000000-0123-4567-890a-bcdef1234591)")]
    public void Guid_OtherForms_AreRefused(string? value) => Assert.False(UserIds.TryParseGuid(value, out _));

    [Theory]
    [InlineData("0", 0)]
    [InlineData("42", 42)]
    [InlineData("-42", -42)]
    [InlineData("2147483647", int.MaxValue)]
    [InlineData("-2147483648", int.MinValue)]
    public void Int32_CanonicalForm_Parses(string value, int expected)
    {
        Assert.True(UserIds.TryParseInt32(value, out int id));
        Assert.Equal(expected, id);
        Assert.Equal(value, UserIds.Format(id));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("-")]
    [InlineData("+42")]
    [InlineData(" 42")]
    [InlineData("42 ")]
    [InlineData("042")]
    [InlineData("-0")]
    [InlineData("00")]
    [InlineData("1_0")]
    [InlineData("1,000")]
    [InlineData("123.42")]
    [InlineData("1e3")]
    [InlineData("\u0664\u0662")]
    [InlineData("2147483648")]
    [InlineData("-2147483649")]
    [InlineData("0x10")]
    public void Int32_OtherForms_AreRefused(string? value) => Assert.False(UserIds.TryParseInt32(value, out _));

    [Theory]
    [InlineData("9223372036854775807", long.MaxValue)]
    [InlineData("-9223372036854775808", long.MinValue)]
    [InlineData("7", 7)]
    public void Int64_CanonicalForm_Parses(string value, long expected)
    {
        Assert.True(UserIds.TryParseInt64(value, out long id));
        Assert.Equal(expected, id);
        Assert.Equal(value, UserIds.Format(id));
    }

    [Theory]
    [InlineData("9223372036854775808")]
    [InlineData("+7")]
    [InlineData("07")]
    public void Int64_OtherForms_AreRefused(string value) => Assert.False(UserIds.TryParseInt64(value, out _));

    [Fact]
    public void String_AnythingButEmpty()
    {
        Assert.True(UserIds.TryParseString(" x ", out string? id));
        Assert.Equal(" x ", id);
        Assert.False(UserIds.TryParseString("", out _));
        Assert.False(UserIds.TryParseString(null, out _));
    }

    [Fact]
    public void Format_IsInvariant()
    {
        var previous = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("ar-SA");
            Assert.Equal("-1234567", UserIds.Format(-1234567));
            Assert.Equal("1.5", UserIds.Format(1.5m));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = previous;
        }

        Assert.Equal("abc", UserIds.Format("abc"));
        Assert.Equal("custom", UserIds.Format(new CustomId()));
        Assert.Throws<ArgumentNullException>(() => UserIds.Format<string?>(null));
        Assert.Throws<ArgumentException>(() => UserIds.Format(""));
    }

    private sealed class CustomId
    {
        public override string ToString() => "custom";
    }
}
