using System;
using System.Threading;

namespace MiniJwt.Tests.Support;

/// <summary>A thread-safe clock the test moves by hand, so that time to live, cooldown and grace are crossed without sleeping.</summary>
internal sealed class ManualTimeProvider : TimeProvider
{
    private long _ticks = new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero).UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}
