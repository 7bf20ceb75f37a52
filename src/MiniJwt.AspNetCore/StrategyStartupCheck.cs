using System;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace MiniJwt.AspNetCore;

/// <summary>
/// Builds every backend's strategy once while the server builds its pipeline, before it listens: a misconfigured
/// strategy (a short secret, a PEM that does not parse, a missing setting) stops the start with the strategy's
/// message instead of failing every login with a 500.
/// </summary>
internal sealed class StrategyStartupCheck(IServiceProvider services, BackendRegistry registry) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next)
    {
        using (IServiceScope scope = services.CreateScope())
        {
            foreach (BackendRegistration registration in registry.Strategies)
            {
                try
                {
                    registration.BuildStrategy(scope.ServiceProvider);
                }
                catch (Exception e)
                {
                    throw new InvalidOperationException(
                        "The strategy of '" + registration.Name + "' cannot be made, so the application does not start: " + e.Message,
                        e);
                }
            }
        }

        return next;
    }
}
