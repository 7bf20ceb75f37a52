using System;
using System.Diagnostics.CodeAnalysis;
using System.Threading;
using System.Threading.Tasks;
using MiniJwt.AspNetCore;
using MiniJwt.Strategy;

namespace MiniJwt.WebApi;

/// <summary>The user manager over the in-memory store: identifiers, lookups, password checks and flags.</summary>
public sealed class UserManager(UserStore store, PasswordHasher hasher) : IAuthUserManager<User, Guid>
{
    public bool TryParseId(string value, [MaybeNullWhen(false)] out Guid id) => UserIds.TryParseGuid(value, out id);

    public Task<User?> GetAsync(Guid id, CancellationToken cancellationToken = default) => Task.FromResult(store.Get(id));

    public Task<User?> AuthenticateAsync(string username, string password, CancellationToken cancellationToken = default)
    {
        User? user = store.FindByEmail(username);
        if (user is null)
        {
            hasher.Waste(password);
            return Task.FromResult<User?>(null);
        }

        return Task.FromResult(hasher.Verify(password, user.HashedPassword) ? user : null);
    }

    public bool IsActive(User user) => user.IsActive;

    public bool IsVerified(User user) => user.IsVerified;

    public bool IsSuperuser(User user) => user.IsSuperuser;
}
