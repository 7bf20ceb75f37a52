using System;
using System.Linq;
using System.Text;
using System.Text.Json;
using Xunit;

namespace MiniJwt.Tests.Internal;

public class JsonNameSetTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(5000)]
    public void UniqueNames_HaveNoDuplicates_RepeatingOne_Has(int count)
    {
        string[] names = Enumerable.Range(0, count).Select(i => "name" + i).ToArray();
        Assert.False(HasDuplicates(names));
        Assert.True(HasDuplicates([.. names, names[count / 2]]));
    }

    [Fact]
    public void NamesAreComparedUnescaped()
    {
        Assert.True(HasDuplicates(["a", "\\u0061"]));
        Assert.False(HasDuplicates(["a", "A"]));
        Assert.False(HasDuplicates(["ab", "a", "b"]));
    }

    [Fact]
    public void ManyNamesOfOneHash_AreStillToldApart()
    {
        string[] colliding = Support.NameHashCollisions.SameHash(10)[..200];
        Assert.False(HasDuplicates(colliding));
        Assert.True(HasDuplicates([.. colliding, colliding[123]]));
    }

    private static bool HasDuplicates(string[] names)
    {
        byte[] json = Encoding.UTF8.GetBytes("{" + string.Join(",", names.Select(n => "\"" + n + "\":0")) + "}");
        var set = new JsonNameSet(stackalloc byte[64], stackalloc int[4]);
        try
        {
            var reader = new Utf8JsonReader(json);
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName)
                {
                    set.Add(in reader);
                }
            }

            Assert.Equal(names.Length, set.Count);
            return set.HasDuplicates();
        }
        finally
        {
            set.Dispose();
        }
    }
}
