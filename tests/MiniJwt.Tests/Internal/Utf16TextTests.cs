using System;
using Xunit;

namespace MiniJwt.Tests.Internal;

public class Utf16TextTests
{
    [Fact]
    public void WellFormedText_HasNoUnpairedSurrogate()
    {
        Assert.True(Utf16Text.IsWellFormed(""));
        Assert.True(Utf16Text.IsWellFormed("plain ASCII"));
        Assert.True(Utf16Text.IsWellFormed("é \u4e2d \ud83d\ude00 end"));
        Assert.True(Utf16Text.IsWellFormed("\ud800\udc00\udbff\udfff"));
    }

    [Fact]
    public void UnpairedSurrogates_AreFound_Wherever_They_Are()
    {
        foreach (string text in new[] { "\ud800", "\udc00", "a\ud800", "\udfffa", "\ud800\ud800", "\udc00\ud800", "\ud83d\ude00\ud83d", "x\ud800y" })
        {
            Assert.False(Utf16Text.IsWellFormed(text), Show(text));
            Assert.Equal("p", Assert.Throws<ArgumentException>(() => Utf16Text.CheckWellFormed(text, "The text", "p")).ParamName);
        }
    }

    [Fact]
    public void CheckWellFormed_LetsNullAndGoodTextPass()
    {
        Utf16Text.CheckWellFormed(null, "The text", "p");
        Utf16Text.CheckWellFormed("\ud83d\ude00", "The text", "p");
    }

    private static string Show(string text) => string.Join(' ', Array.ConvertAll(text.ToCharArray(), c => ((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture)));
}
