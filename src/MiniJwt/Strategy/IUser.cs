namespace MiniJwt.Strategy;

/// <summary>
/// A user with an identifier, the <c>id</c> of fastapi-users' user protocol. A user type that implements it
/// needs no <c>userId</c> accessor when a <see cref="JwtStrategy{TUser, TId}"/> is made.
/// </summary>
/// <typeparam name="TId">The identifier type, such as <see cref="System.Guid"/>, <see cref="int"/> or <see cref="string"/>.</typeparam>
public interface IUser<TId>
{
    /// <summary>The user's identifier, written to the <c>sub</c> claim as <see cref="UserIds.Format{TId}(TId)"/> formats it.</summary>
    TId Id { get; }
}
