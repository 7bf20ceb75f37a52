using System.Diagnostics.CodeAnalysis;
using System.Threading;
using System.Threading.Tasks;

namespace MiniJwt.Strategy;

/// <summary>
/// What a strategy needs from the application to turn a verified token into a user: fastapi-users'
/// <c>parse_id</c> and <c>get</c>. Implement it over your user store.
/// </summary>
/// <typeparam name="TUser">The user type (a class: <see langword="null"/> means no user).</typeparam>
/// <typeparam name="TId">The identifier type.</typeparam>
/// <remarks>
/// <para>Where fastapi-users raises <c>InvalidID</c> and <c>UserNotExists</c>, this contract returns
/// <see langword="false"/> and <see langword="null"/>: a bad or stale token is an expected outcome, not an error.
/// Exceptions a manager does throw (a database that is down, say) reach the caller unchanged.</para>
/// <para><see cref="UserIds"/> holds ready parsers for <see cref="System.Guid"/>, <see cref="int"/>,
/// <see cref="long"/> and <see cref="string"/> identifiers, the counterparts of fastapi-users' <c>UUIDIDMixin</c>
/// and <c>IntegerIDMixin</c>.</para>
/// </remarks>
public interface IUserManager<TUser, TId>
    where TUser : class
{
    /// <summary>Parses the <c>sub</c> claim of a verified token into an identifier (fastapi-users' <c>parse_id</c>).</summary>
    /// <param name="value">The subject, exactly as the token carries it.</param>
    /// <param name="id">The identifier, when the method returns <see langword="true"/>.</param>
    /// <returns><see langword="false"/> when <paramref name="value"/> is not an identifier of this store; the token then reads as no user.</returns>
    bool TryParseId(string value, [MaybeNullWhen(false)] out TId id);

    /// <summary>Finds a user by identifier (fastapi-users' <c>get</c>).</summary>
    /// <param name="id">The identifier.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The user, or <see langword="null"/> when there is no such user.</returns>
    Task<TUser?> GetAsync(TId id, CancellationToken cancellationToken = default);
}
