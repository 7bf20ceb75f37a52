using System;
using System.Collections.Generic;

namespace MiniJwt.AspNetCore;

/// <summary>The backends in the order they were added, and the strategies to build once at start-up.</summary>
internal sealed class BackendRegistry
{
    public List<BackendRegistration> Backends { get; } = [];

    public List<BackendRegistration> Strategies { get; } = [];

    public bool SchemesAdded { get; set; }
}

/// <summary>A backend (or a registered strategy) by name, with a way to build its strategy from a service provider.</summary>
internal sealed record BackendRegistration(string Name, Func<IServiceProvider, object> BuildStrategy);
