using System;
using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using MiniJwt.Strategy;

namespace MiniJwt.Tests.Support;

/// <summary>
/// A revocation store over another that records the questions, and can be made to answer asynchronously or to fail
/// (synchronously or through the returned task), as a store over a network would.
/// </summary>
public sealed class ScriptedRevocationStore(ITokenRevocationStore inner) : ITokenRevocationStore
{
    public ConcurrentQueue<string> Calls { get; } = new();

    /// <summary>Answer after a yield, not synchronously.</summary>
    public bool Asynchronous { get; set; }

    /// <summary>Throw this from the method call itself.</summary>
    public Exception? ThrowAtOnce { get; set; }

    /// <summary>Fault the returned task with this.</summary>
    public Exception? Fault { get; set; }

    /// <summary>Fail only the cut-off question (else both).</summary>
    public bool FailCutoffOnly { get; set; }

    public ValueTask<bool> IsRevokedAsync(string tokenId, CancellationToken cancellationToken = default)
    {
        Calls.Enqueue("revoked? " + tokenId);
        return Answer(FailCutoffOnly ? null : ThrowAtOnce, FailCutoffOnly ? null : Fault, () => inner.IsRevokedAsync(tokenId, cancellationToken));
    }

    public ValueTask<DateTimeOffset?> GetCutoffAsync(string userId, CancellationToken cancellationToken = default)
    {
        Calls.Enqueue("cutoff? " + userId);
        return Answer(ThrowAtOnce, Fault, () => inner.GetCutoffAsync(userId, cancellationToken));
    }

    public ValueTask RevokeAsync(string tokenId, DateTimeOffset expires, CancellationToken cancellationToken = default)
    {
        Calls.Enqueue("revoke " + tokenId + " until " + expires.ToUnixTimeSeconds());
        return inner.RevokeAsync(tokenId, expires, cancellationToken);
    }

    public ValueTask SetCutoffAsync(string userId, DateTimeOffset cutoff, DateTimeOffset expires, CancellationToken cancellationToken = default)
    {
        Calls.Enqueue("cutoff " + userId + " at " + cutoff.ToUnixTimeSeconds() + " until " + expires.ToUnixTimeSeconds());
        return inner.SetCutoffAsync(userId, cutoff, expires, cancellationToken);
    }

    private ValueTask<T> Answer<T>(Exception? atOnce, Exception? fault, Func<ValueTask<T>> answer)
    {
        if (atOnce is not null)
        {
            throw atOnce;
        }

        if (fault is not null)
        {
            return Asynchronous ? new ValueTask<T>(FaultLaterAsync<T>(fault)) : ValueTask.FromException<T>(fault);
        }

        return Asynchronous ? new ValueTask<T>(LaterAsync(answer)) : answer();
    }

    private static async Task<T> LaterAsync<T>(Func<ValueTask<T>> answer)
    {
        await Task.Yield();
        return await answer();
    }

    private static async Task<T> FaultLaterAsync<T>(Exception fault)
    {
        await Task.Yield();
        throw fault;
    }
}
