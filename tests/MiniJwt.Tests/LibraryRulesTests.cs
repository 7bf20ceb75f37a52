using System;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using Xunit;

namespace MiniJwt.Tests;

/// <summary>The rules the library's build and public surface must keep (no packages, both targets, immutable options).</summary>
public class LibraryRulesTests
{
    private static readonly Assembly Library = typeof(Jwt).Assembly;

    [Fact]
    public void LibraryAssemblyReferencesOnlyTheBaseLibrary()
    {
        string[] references = Library.GetReferencedAssemblies().Select(a => a.Name!).ToArray();
        Assert.All(references, name => Assert.True(
            name.StartsWith("System", StringComparison.Ordinal) || name is "netstandard" or "mscorlib",
            $"unexpected reference {name}"));
    }

    [Fact]
    public void OptionsAreImmutableOnceMade()
    {
        foreach (Type type in new[] { typeof(JwsValidationOptions), typeof(JwtValidationOptions) })
        {
            foreach (PropertyInfo property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            {
                MethodInfo? setter = property.SetMethod;
                if (setter is null || !setter.IsPublic)
                {
                    continue;
                }

                bool initOnly = setter.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit));
                Assert.True(initOnly, $"{type.Name}.{property.Name} has a public setter that is not init-only");
            }
        }
    }

    [Fact]
    public void OptionsCopyTheListsTheyAreGiven()
    {
        string[] audiences = ["a"];
        var options = new JwtValidationOptions(JwtAlgorithm.HS256) { Audiences = audiences };
        audiences[0] = "changed";
        Assert.Equal("a", options.Audiences![0]);

        JwtAlgorithm[] algorithms = [JwtAlgorithm.HS256];
        var jws = new JwsValidationOptions(algorithms);
        algorithms[0] = JwtAlgorithm.RS256;
        Assert.Equal(JwtAlgorithm.HS256, jws.Algorithms[0]);
    }

    [Fact]
    public void PublicClassesAreSealedOrStatic()
    {
        Type[] open = Library.GetExportedTypes()
            .Where(t => t.IsClass && !t.IsSealed && !t.IsAbstract)
            .ToArray();
        Assert.Empty(open);
    }
}
