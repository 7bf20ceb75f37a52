using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Xml.Linq;
using Xunit;

namespace MiniJwt.Tests;

/// <summary>The rules the library's build and public surface must keep (no packages, both targets, immutable options).</summary>
public class LibraryRulesTests
{
    private static readonly Assembly Library = typeof(Jwt).Assembly;

    [Fact]
    public void LibraryProjectReferencesNoPackageAndKeepsItsBuildRules()
    {
        XDocument project = XDocument.Load(Path.Combine(RepositoryRoot(), "src", "MiniJwt", "MiniJwt.csproj"));
        Assert.Empty(project.Descendants("PackageReference"));
        Assert.Empty(project.Descendants("PackageVersion"));

        string Property(string name) => project.Descendants(name).Single().Value.Trim();
        Assert.Equal("net8.0;net10.0", Property("TargetFrameworks"));
        Assert.Equal("enable", Property("Nullable"));
        Assert.Equal("true", Property("TreatWarningsAsErrors"));
        Assert.Equal("true", Property("GenerateDocumentationFile"));
        Assert.Equal("true", Property("IsAotCompatible"));
    }

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

    private static string RepositoryRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MiniJwt.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (MiniJwt.sln) was not found above " + AppContext.BaseDirectory);
    }
}
