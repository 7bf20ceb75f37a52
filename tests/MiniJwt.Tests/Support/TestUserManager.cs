using System;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using MiniJwt.Strategy;

namespace MiniJwt.Tests.Strategy;

/// <summary>An in-memory user store with UUID identifiers, like the user manager of fastapi-users' test suite.</summary>
public sealed class TestUserManager : IUserManager<TestUser, Guid>
{
    private readonly ConcurrentDictionary<Guid, TestUser> _users = new();

    public int Lookups;

    public TestUser Add(string email) => Add(new TestUser(Guid.NewGuid(), email));

    public TestUser Add(TestUser user)
    {
        _users[user.Id] = user;
        return user;
    }

    public bool TryParseId(string value, out Guid id) => UserIds.TryParseGuid(value, out id);

    public Task<TestUser?> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref Lookups);
        return Task.FromResult(_users.TryGetValue(id, out TestUser? user) ? user : null);
    }
}
