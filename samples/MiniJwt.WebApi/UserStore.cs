using System;
using System.Collections.Concurrent;
using System.Linq;

namespace MiniJwt.WebApi;

/// <summary>The in-memory user table (one per process; a real application uses its database).</summary>
public sealed class UserStore
{
    private readonly ConcurrentDictionary<Guid, User> _users = new();
    private readonly object _gate = new();

    public User? Get(Guid id) => _users.TryGetValue(id, out User? user) ? user : null;

    /// <summary>Finds a user by e-mail address, ignoring case as fastapi-users' SQLAlchemy adapter does.</summary>
    public User? FindByEmail(string email) =>
        _users.Values.FirstOrDefault(u => string.Equals(u.Email, email, StringComparison.OrdinalIgnoreCase));

    /// <summary>Adds a user; <see langword="false"/> when the e-mail address is taken.</summary>
    public bool TryAdd(User user)
    {
        lock (_gate)
        {
            if (FindByEmail(user.Email) is not null)
            {
                return false;
            }

            _users[user.Id] = user;
            return true;
        }
    }

    /// <summary>Replaces a user (same identifier), as an administrator or a verification step would.</summary>
    public void Update(User user) => _users[user.Id] = user;
}
