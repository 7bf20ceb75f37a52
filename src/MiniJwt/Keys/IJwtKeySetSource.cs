namespace MiniJwt;

/// <summary>
/// Where a live <see cref="JwtKeySet"/> takes its keys from when they can change (a remote JWK Set that is refreshed):
/// each lookup reads <see cref="Current"/> once, an immutable snapshot, so a refresh never changes a set under a reader.
/// </summary>
internal interface IJwtKeySetSource
{
    /// <summary>The last good set, or <see langword="null"/> when there is none yet.</summary>
    JwtKeySet? Current { get; }

    /// <summary>Told when a lookup found no key for a <c>kid</c>; a source may refresh (within its own limits), never on this thread.</summary>
    void OnKeyNotFound(string? keyId, JwtAlgorithm algorithm);
}
