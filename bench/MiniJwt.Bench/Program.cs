using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;

namespace MiniJwt.Bench;

/// <summary>Runs the benchmarks: <c>dotnet run -c Release --project bench/MiniJwt.Bench -- --filter '*'</c>.</summary>
public static class Program
{
    /// <summary>
    /// Entry point. <c>--check</c> runs every benchmark class's set-up (with its sanity checks) and every benchmark
    /// method once, for each parameter combination, without measuring; anything else goes to BenchmarkDotNet.
    /// </summary>
    /// <param name="args">
    /// BenchmarkDotNet arguments, such as <c>--filter</c> and <c>--job short</c>; or <c>--check</c>; or <c>--interleaved</c>
    /// for the HS256 verify and encode benchmarks run in turn in one process (<see cref="InterleavedRun"/>).
    /// </param>
    /// <returns>The exit code.</returns>
    public static int Main(string[] args)
    {
        if (args is ["--check"])
        {
            return Check();
        }

        if (args is ["--interleaved"])
        {
            return InterleavedRun.Run();
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }

    private static int Check()
    {
        int cases = 0;
        foreach (Type type in typeof(Program).Assembly.GetTypes().Where(IsBenchmarkClass).OrderBy(t => t.Name))
        {
            PropertyInfo[] parameters = type.GetProperties()
                .Where(p => p.GetCustomAttribute<ParamsAttribute>() is not null || p.GetCustomAttribute<ParamsAllValuesAttribute>() is not null)
                .ToArray();
            MethodInfo[] benchmarks = type.GetMethods().Where(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null).ToArray();
            foreach (object?[] values in Combinations(parameters.Select(ValuesOf).ToArray()))
            {
                object instance = Activator.CreateInstance(type)!;
                string name = type.Name + "(" + string.Join(", ", parameters.Select((p, i) => $"{p.Name}: {values[i]}")) + ")";
                for (int i = 0; i < parameters.Length; i++)
                {
                    parameters[i].SetValue(instance, values[i]);
                }

                Invoke<GlobalSetupAttribute>(instance);
                int ran = 0;
                foreach (MethodInfo benchmark in benchmarks)
                {
                    SkipForAttribute? skip = benchmark.GetCustomAttribute<SkipForAttribute>();
                    if (skip is not null && values.OfType<JwtAlgorithm>().Any(skip.Algorithms.Contains))
                    {
                        continue;
                    }

                    object? result = benchmark.Invoke(instance, null);
                    Sanity.Check(result is not null and not false, $"{name}.{benchmark.Name} returned {result ?? "null"}");
                    ran++;
                }

                Invoke<GlobalCleanupAttribute>(instance);
                Console.WriteLine($"ok  {name}: {ran} benchmarks");
                cases++;
            }
        }

        Console.WriteLine($"{cases} parameter combinations checked.");
        return 0;
    }

    private static bool IsBenchmarkClass(Type type) =>
        type.IsPublic && !type.IsAbstract && type.GetMethods().Any(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null);

    private static object?[] ValuesOf(PropertyInfo property) =>
        property.GetCustomAttribute<ParamsAttribute>() is { } values
            ? values.Values
            : Enum.GetValues(property.PropertyType).Cast<object?>().ToArray();

    private static IEnumerable<object?[]> Combinations(object?[][] sets)
    {
        IEnumerable<object?[]> result = [[]];
        foreach (object?[] set in sets)
        {
            object?[][] prefixes = result.ToArray();
            result = prefixes.SelectMany(prefix => set.Select(value => prefix.Append(value).ToArray()));
        }

        return result;
    }

    private static void Invoke<TAttribute>(object instance)
        where TAttribute : Attribute
    {
        foreach (MethodInfo method in instance.GetType().GetMethods().Where(m => m.GetCustomAttribute<TAttribute>() is not null))
        {
            method.Invoke(instance, null);
        }
    }
}
