using System;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;

namespace MiniJwt.Strategy;

/// <summary>
/// The revocation side of a <see cref="JwtStrategy{TUser, TId}"/> given a <see cref="ITokenRevocationStore"/>: writes
/// <c>iat</c> and a random <c>jti</c> into every token, checks both against the store on every read, revokes a
/// token's <c>jti</c> on logout and sets a user's cut-off.
/// </summary>
/// <remarks>
/// The cut-off rule: <c>iat</c> is whole seconds, so "log out everywhere" at an instant <c>t</c> sets the cut-off to the
/// next whole second, <c>floor(t) + 1</c>, and a token is refused when its <c>iat</c> is earlier than the cut-off. Every
/// token issued up to <c>t</c> is refused, and so is one issued in the rest of that second; so that a token written
/// after the call is never refused by it, the call completes only once the clock has reached the cut-off (it waits
/// for less than a second).
/// </remarks>
internal sealed class StrategyRevocation
{
    /// <summary>The random bytes of a <c>jti</c>: 128 bits, 22 Base64Url characters.</summary>
    public const int TokenIdBytes = 16;

    private readonly TimeSpan _lifetime;
    private readonly TimeSpan _leeway;
    private readonly TimeProvider _clock;

    public StrategyRevocation(ITokenRevocationStore store, int lifetimeSeconds, TimeSpan leeway, TimeProvider clock)
    {
        Store = store;
        _lifetime = TimeSpan.FromSeconds(lifetimeSeconds);
        _leeway = leeway;
        _clock = clock;
    }

    public ITokenRevocationStore Store { get; }

    /// <summary>Signs <c>{"sub":…,"aud":[…],"exp":now+lifetime,"iat":now,"jti":"…"}</c>, both times from one reading of the clock.</summary>
    public string Sign(string subject, byte[] audienceMember, int lifetimeSeconds, JwtKey key)
    {
        long now = _clock.GetUtcNow().ToUnixTimeSeconds();
        Span<byte> members = stackalloc byte[64]; // ,"iat":<up to 20 digits>,"jti":"<22 characters>"
        int at = Copy(",\"iat\":"u8, members, 0);
        now.TryFormat(members.Slice(at), out int digits, default, CultureInfo.InvariantCulture);
        at += digits;
        at = Copy(",\"jti\":\""u8, members, at);
        Span<byte> random = stackalloc byte[TokenIdBytes];
        RandomNumberGenerator.Fill(random);
        at += JwtBase64Url.EncodeToUtf8(random, members.Slice(at));
        members[at++] = (byte)'"';
        return StrategyPayload.Sign(subject, audienceMember, now + lifetimeSeconds, key, members.Slice(0, at));
    }

    /// <summary>
    /// Checks a decoded token against the store: <see cref="JwtErrorCode.MissingClaim"/> without a string <c>jti</c> or
    /// without <c>iat</c>, <see cref="JwtErrorCode.Revoked"/> for a revoked <c>jti</c> or an <c>iat</c> before the user's
    /// cut-off, <see cref="JwtErrorCode.RevocationCheckFailed"/> (with the exception) when the store fails.
    /// </summary>
    public ValueTask<RevocationVerdict> CheckAsync(in JwtToken jwt, string subject, CancellationToken cancellationToken)
    {
        string? tokenId = jwt.JwtId;
        if (string.IsNullOrEmpty(tokenId))
        {
            return new(new RevocationVerdict(JwtError.Payload(JwtErrorCode.MissingClaim, "jti"), null));
        }

        if (jwt.IssuedAt is not DateTimeOffset issuedAt)
        {
            return new(new RevocationVerdict(JwtError.Payload(JwtErrorCode.MissingClaim, "iat"), null));
        }

        // Both questions are asked at once: over a network, the read waits for one round trip, not two.
        ValueTask<bool> revoked;
        ValueTask<DateTimeOffset?> cutoff;
        try
        {
            revoked = Store.IsRevokedAsync(tokenId, cancellationToken);
        }
        catch (Exception e) when (!IsCancellation(e, cancellationToken))
        {
            return new(Failed(e));
        }

        try
        {
            cutoff = Store.GetCutoffAsync(subject, cancellationToken);
        }
        catch (Exception e) when (!IsCancellation(e, cancellationToken))
        {
            return ObserveAsync(revoked, e);
        }

        if (revoked.IsCompletedSuccessfully && cutoff.IsCompletedSuccessfully)
        {
            return new(Judge(revoked.Result, cutoff.Result, issuedAt));
        }

        return WaitAsync(revoked, cutoff, issuedAt, cancellationToken);
    }

    /// <summary>Revokes <paramref name="token"/>'s <c>jti</c> until it expires (with the leeway); a token the strategy would refuse anyway is left alone.</summary>
    public Task RevokeAsync(string token, JwtKey key, JwtValidationOptions options)
    {
        if (!Jwt.TryDecode(token, key, options, out JwtToken jwt, out _)
            || jwt.JwtId is not { Length: > 0 } tokenId
            || jwt.ExpiresAt is not DateTimeOffset expires)
        {
            return Task.CompletedTask;
        }

        // A token accepted up to exp + leeway is remembered as long (capped at the end of time a date can hold).
        DateTimeOffset until = expires > DateTimeOffset.MaxValue - _leeway ? DateTimeOffset.MaxValue : expires + _leeway;
        return until <= _clock.GetUtcNow() ? Task.CompletedTask : Store.RevokeAsync(tokenId, until).AsTask();
    }

    /// <summary>Sets the user's cut-off to the next whole second and waits until the clock reaches it.</summary>
    public async Task RevokeAllAsync(string subject, CancellationToken cancellationToken)
    {
        DateTimeOffset cutoff = DateTimeOffset.FromUnixTimeSeconds(_clock.GetUtcNow().ToUnixTimeSeconds() + 1);

        // A token issued before the cut-off expires by cutoff + lifetime (+ leeway): the entry can go then.
        await Store.SetCutoffAsync(subject, cutoff, cutoff + _lifetime + _leeway, cancellationToken).ConfigureAwait(false);
        // Timers count whole milliseconds and may fire a fraction early, and a clock may step: check the clock again,
        // a few times at most (a clock that does not move, as a test's, must not hold the call forever).
        for (int attempt = 0; attempt < 3; attempt++)
        {
            TimeSpan wait = cutoff - _clock.GetUtcNow();
            if (wait <= TimeSpan.Zero)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(Math.Ceiling(wait.TotalMilliseconds) + 1), _clock, cancellationToken).ConfigureAwait(false);
        }
    }

    private static RevocationVerdict Judge(bool revoked, DateTimeOffset? cutoff, DateTimeOffset issuedAt) =>
        revoked ? new(JwtError.Payload(JwtErrorCode.Revoked, "jti"), null)
        : issuedAt < cutoff ? new(JwtError.Payload(JwtErrorCode.Revoked, "iat"), null)
        : default;

    private static RevocationVerdict Failed(Exception e) => new(new JwtError(JwtErrorCode.RevocationCheckFailed), e);

    // The caller's own cancellation passes through; any other failure of the store refuses the token.
    private static bool IsCancellation(Exception e, CancellationToken cancellationToken) =>
        e is OperationCanceledException && cancellationToken.IsCancellationRequested;

    private static async ValueTask<RevocationVerdict> WaitAsync(
        ValueTask<bool> revoked, ValueTask<DateTimeOffset?> cutoff, DateTimeOffset issuedAt, CancellationToken cancellationToken)
    {
        bool isRevoked = false;
        DateTimeOffset? userCutoff = null;
        Exception? failure = null;
        try
        {
            isRevoked = await revoked.ConfigureAwait(false);
        }
        catch (Exception e) when (!IsCancellation(e, cancellationToken))
        {
            failure = e;
        }

        try
        {
            userCutoff = await cutoff.ConfigureAwait(false);
        }
        catch (Exception e) when (!IsCancellation(e, cancellationToken))
        {
            failure ??= e;
        }

        // A revocation the store did report stands; otherwise a failure refuses the token (fail closed).
        return isRevoked || failure is null ? Judge(isRevoked, userCutoff, issuedAt) : Failed(failure);
    }

    // The second question failed at once: still await the first, so that it is observed, then refuse.
    [SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "The store's failure is already reported; this one is only observed.")]
    private static async ValueTask<RevocationVerdict> ObserveAsync(ValueTask<bool> revoked, Exception failure)
    {
        try
        {
            await revoked.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The second question's failure, reported below, is enough: this one is only observed.
        }

        return Failed(failure);
    }

    private static int Copy(ReadOnlySpan<byte> source, Span<byte> destination, int at)
    {
        source.CopyTo(destination.Slice(at));
        return at + source.Length;
    }
}
