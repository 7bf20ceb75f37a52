using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MiniJwt.Strategy;
using Xunit;

namespace MiniJwt.Tests.Strategy;

/// <summary>One strategy instance serves all requests: parallel writes and reads on it all come out right.</summary>
public class JwtStrategyConcurrencyTests
{
    [Theory]
    [InlineData("HS256", 4000)]
    [InlineData("ES256", 400)]
    public async Task ParallelWriteAndRead_OnOneInstance(string algorithm, int operations)
    {
        var strategy = Strategies.Create(algorithm, wrapSecret: true);
        var manager = new TestUserManager();
        TestUser[] users = Enumerable.Range(0, 64).Select(i => manager.Add($"knight{i}@camelot.bt")).ToArray();
        int wrong = 0, tamperedRead = 0;

        await Parallel.ForEachAsync(
            Enumerable.Range(0, operations),
            new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (i, cancellationToken) =>
            {
                TestUser user = users[i % users.Length];
                string token = await strategy.WriteTokenAsync(user);
                if (!ReferenceEquals(user, await strategy.ReadTokenAsync(token, manager, cancellationToken)))
                {
                    Interlocked.Increment(ref wrong);
                }

                if (i % 7 == 0)
                {
                    string other = token[..^2] + (token[^2] == 'A' ? 'B' : 'A') + token[^1];
                    if (await strategy.ReadTokenAsync(other, manager, cancellationToken) is not null)
                    {
                        Interlocked.Increment(ref tamperedRead);
                    }
                }
            });

        Assert.Equal(0, wrong);
        Assert.Equal(0, tamperedRead);
        Assert.Equal(operations, manager.Lookups);
    }
}
