using System.Threading;
using System.Threading.Tasks;

namespace MiniJwt;

/// <summary>
/// Where a live <see cref="JwtKeySet"/> takes its keys from when they can change (a remote JWK Set that is refreshed):
/// each lookup reads <see cref="Current"/> once, an immutable snapshot, so a refresh never changes a set under a reader.
/// </summary>
internal interface IJwtKeySetSource
{
    /// <summary>The last good set, or <see langword="null"/> when there is none (none yet, or the last one is too old to serve).</summary>
    JwtKeySet? Current { get; }

    /// <summary>Told when a lookup found no key for a <c>kid</c>; a source may refresh (within its own limits), never on this thread.</summary>
    void OnKeyNotFound(string? keyId, JwtAlgorithm algorithm);

    /// <summary>
    /// Called by an asynchronous entry point when <see cref="Current"/> has no key for <paramref name="keyId"/> and
    /// <paramref name="algorithm"/> (or there is no set): completes when a refresh the source allows (within its own limits)
    /// has ended, or at once when none is allowed. Never faults for a failed refresh.
    /// </summary>
    Task WaitForKeyAsync(string? keyId, JwtAlgorithm algorithm, CancellationToken cancellationToken);
}
