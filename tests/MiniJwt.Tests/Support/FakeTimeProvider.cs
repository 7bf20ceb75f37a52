using System;

namespace MiniJwt.Tests.Support;

/// <summary>A clock that reads exactly what the test sets, for the time-claim tests.</summary>
internal sealed class FakeTimeProvider : TimeProvider
{
    private DateTimeOffset _now;

    public FakeTimeProvider(DateTimeOffset now) => _now = now;

    /// <summary>A clock at <paramref name="seconds"/> since the Unix epoch (may be fractional, millisecond precision).</summary>
    public static FakeTimeProvider AtUnixSeconds(double seconds) =>
        new(DateTimeOffset.FromUnixTimeMilliseconds(checked((long)Math.Round(seconds * 1000))));

    public override DateTimeOffset GetUtcNow() => _now;

    public void SetUtcNow(DateTimeOffset now) => _now = now;
}
