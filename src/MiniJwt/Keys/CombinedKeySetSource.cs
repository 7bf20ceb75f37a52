using System.Threading;
using System.Threading.Tasks;

namespace MiniJwt;

/// <summary>
/// One fixed key in front of a live set: each snapshot is the fixed key followed by the live set's current keys,
/// combined again only when the live set has a new snapshot. A key the live set lacks is reported to its source.
/// </summary>
internal sealed class CombinedKeySetSource : IJwtKeySetSource
{
    private readonly JwtKey _first;
    private readonly JwtKeySet _live;
    private Combination? _last;

    public CombinedKeySetSource(JwtKey first, JwtKeySet live)
    {
        _first = first;
        _live = live;
    }

    /// <inheritdoc/>
    public JwtKeySet Current
    {
        get
        {
            JwtKeySet snapshot = _live.Snapshot;
            Combination? last = Volatile.Read(ref _last);
            if (last is not null && ReferenceEquals(last.Snapshot, snapshot))
            {
                return last.Combined;
            }

            // A benign race: two readers may both combine the same snapshot; either result is the same set.
            var combination = new Combination(snapshot, JwtKeySet.CombineSnapshot(_first, snapshot));
            Volatile.Write(ref _last, combination);
            return combination.Combined;
        }
    }

    /// <inheritdoc/>
    public void OnKeyNotFound(string? keyId, JwtAlgorithm algorithm) => _live.OnKeyNotFound(keyId, algorithm);

    /// <inheritdoc/>
    public Task WaitForKeyAsync(string? keyId, JwtAlgorithm algorithm, CancellationToken cancellationToken) =>
        _live.WaitForKeyAsync(keyId, algorithm, cancellationToken);

    private sealed record Combination(JwtKeySet Snapshot, JwtKeySet Combined);
}
