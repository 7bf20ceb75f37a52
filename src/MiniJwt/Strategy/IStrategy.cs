using System.Threading;
using System.Threading.Tasks;

namespace MiniJwt.Strategy;

/// <summary>
/// An authentication strategy as fastapi-users defines it: it writes a token for a user, reads the user back
/// from a token, and destroys a token on logout where it can.
/// </summary>
/// <typeparam name="TUser">The user type (a class: <see langword="null"/> means no user).</typeparam>
/// <typeparam name="TId">The identifier type.</typeparam>
public interface IStrategy<TUser, TId>
    where TUser : class
{
    /// <summary>Reads the user a token stands for.</summary>
    /// <param name="token">The token, as the client sent it; <see langword="null"/> when there was none.</param>
    /// <param name="manager">Parses identifiers and finds users.</param>
    /// <param name="cancellationToken">Cancels the user lookup.</param>
    /// <returns>The user, or <see langword="null"/> when the token does not stand for one. Never faults for a bad token.</returns>
    Task<TUser?> ReadTokenAsync(string? token, IUserManager<TUser, TId> manager, CancellationToken cancellationToken = default);

    /// <summary>Writes a token for <paramref name="user"/>.</summary>
    /// <param name="user">The authenticated user.</param>
    /// <returns>The token.</returns>
    Task<string> WriteTokenAsync(TUser user);

    /// <summary>Invalidates <paramref name="token"/> on logout.</summary>
    /// <param name="token">The token to invalidate.</param>
    /// <param name="user">Its user.</param>
    /// <returns>A task that completes when the token is invalidated.</returns>
    /// <exception cref="StrategyDestroyNotSupportedException">The strategy cannot invalidate tokens (the task faults with it).</exception>
    Task DestroyTokenAsync(string token, TUser user);
}
