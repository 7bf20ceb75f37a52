using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MiniJwt.Strategy;
using MiniJwt.WebApi;

namespace MiniJwt.AspNetCore.Tests;

/// <summary>A strategy that can destroy tokens (as a database or revocation strategy would), over the JWT strategy.</summary>
internal sealed class RecordingStrategy(JwtStrategy<User, Guid> inner, ConcurrentQueue<string> destroyed) : IStrategy<User, Guid>
{
    public Task<User?> ReadTokenAsync(string? token, IUserManager<User, Guid> manager, CancellationToken cancellationToken = default) =>
        token is not null && destroyed.Contains(token) ? Task.FromResult<User?>(null) : inner.ReadTokenAsync(token, manager, cancellationToken);

    public Task<string> WriteTokenAsync(User user) => inner.WriteTokenAsync(user);

    public Task DestroyTokenAsync(string token, User user)
    {
        if (user.Email.StartsWith("broken", StringComparison.Ordinal))
        {
            return Task.FromException(new InvalidOperationException("the token store is down"));
        }

        destroyed.Enqueue(token);
        return Task.CompletedTask;
    }
}
