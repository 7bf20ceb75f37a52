using System;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using MiniJwt.Strategy;

namespace MiniJwt.Tests.Strategy;

/// <summary>A clock the test sets by hand.</summary>
public sealed class TestClock : TimeProvider
{
    private long _ticks;

    public TestClock(long unixSeconds) => UnixSeconds = unixSeconds;

    public long UnixSeconds
    {
        get => (Interlocked.Read(ref _ticks) - DateTimeOffset.UnixEpoch.Ticks) / TimeSpan.TicksPerSecond;
        set => Interlocked.Exchange(ref _ticks, DateTimeOffset.UnixEpoch.Ticks + value * TimeSpan.TicksPerSecond);
    }

    public void SetUtcNow(DateTimeOffset now) => Interlocked.Exchange(ref _ticks, now.UtcTicks);

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);
}
