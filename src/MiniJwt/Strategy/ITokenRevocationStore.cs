using System;
using System.Threading;
using System.Threading.Tasks;

namespace MiniJwt.Strategy;

/// <summary>
/// Where a <see cref="JwtStrategy{TUser, TId}"/> keeps revocations: token identifiers (<c>jti</c>) revoked by a
/// logout, and per-user cut-offs (log out everywhere: every token issued before the cut-off is refused). Each entry
/// is written with the time after which no token it concerns can still be valid, and the store forgets it then, so
/// it never grows without bound.
/// </summary>
/// <remarks>
/// <para>The strategy asks both questions on every read of a token and refuses the token when either says so, or when
/// either fails (revocation fails closed). The writes happen on logout and on "log out everywhere".</para>
/// <para>MiniJwt ships <see cref="MemoryTokenRevocationStore"/> (one process) and, in <c>MiniJwt.AspNetCore</c>, a store
/// over <c>IDistributedCache</c> (Redis, SQL Server, …), shared by every instance of a service. An implementation is
/// thread-safe; it may throw (or fault) when its back end fails.</para>
/// </remarks>
public interface ITokenRevocationStore
{
    /// <summary>Tells whether a token identifier has been revoked and the revocation has not expired yet.</summary>
    /// <param name="tokenId">The token's <c>jti</c>.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns><see langword="true"/> when the identifier is revoked.</returns>
    ValueTask<bool> IsRevokedAsync(string tokenId, CancellationToken cancellationToken = default);

    /// <summary>Gets a user's cut-off: tokens of that user issued (<c>iat</c>) before it are refused.</summary>
    /// <param name="userId">The user's identifier as tokens carry it in <c>sub</c>.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The cut-off (a whole second), or <see langword="null"/> when the user has none in force.</returns>
    ValueTask<DateTimeOffset?> GetCutoffAsync(string userId, CancellationToken cancellationToken = default);

    /// <summary>Revokes a token identifier until <paramref name="expires"/>, when the token expires anyway.</summary>
    /// <param name="tokenId">The token's <c>jti</c>.</param>
    /// <param name="expires">When the entry may be forgotten; an entry already past it need not be kept.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes once the revocation is stored.</returns>
    ValueTask RevokeAsync(string tokenId, DateTimeOffset expires, CancellationToken cancellationToken = default);

    /// <summary>Sets a user's cut-off until <paramref name="expires"/>, when every token issued before it has expired.</summary>
    /// <param name="userId">The user's identifier as tokens carry it in <c>sub</c>.</param>
    /// <param name="cutoff">Tokens issued before this instant are refused; the strategy gives a whole second.</param>
    /// <param name="expires">When the entry may be forgotten; an entry already past it need not be kept.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes once the cut-off is stored.</returns>
    /// <remarks>A store that can keeps the later of an existing cut-off and the new one.</remarks>
    ValueTask SetCutoffAsync(string userId, DateTimeOffset cutoff, DateTimeOffset expires, CancellationToken cancellationToken = default);
}
