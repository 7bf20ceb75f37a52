using System;
using System.Linq;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.AspNetCore.Hosting;
using MiniJwt.Strategy;

namespace MiniJwt.AspNetCore;

/// <summary>Registers a <see cref="JwtStrategy{TUser, TId}"/> so that it is made once, when the application starts.</summary>
public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Registers the strategy <paramref name="create"/> makes as a singleton, both as
    /// <see cref="JwtStrategy{TUser, TId}"/> and as <see cref="IStrategy{TUser, TId}"/>, and makes it when the
    /// application starts: a misconfigured strategy (a short secret, a PEM that does not parse, a missing setting)
    /// stops the start with its message, instead of failing every request.
    /// </summary>
    /// <typeparam name="TUser">The user type.</typeparam>
    /// <typeparam name="TId">The identifier type.</typeparam>
    /// <param name="services">The service collection.</param>
    /// <param name="create">Makes the strategy, typically from the configuration.</param>
    /// <returns><paramref name="services"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="create"/> is <see langword="null"/>.</exception>
    public static IServiceCollection AddJwtStrategy<TUser, TId>(this IServiceCollection services, Func<IServiceProvider, JwtStrategy<TUser, TId>> create)
        where TUser : class
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(create);
        services.AddSingleton(create);
        services.AddSingleton<IStrategy<TUser, TId>>(provider => provider.GetRequiredService<JwtStrategy<TUser, TId>>());
        GetRegistry(services).Strategies.Add(new BackendRegistration(
            "JwtStrategy<" + typeof(TUser).Name + ", " + typeof(TId).Name + ">",
            provider => provider.GetRequiredService<JwtStrategy<TUser, TId>>()));
        return services;
    }

    internal static BackendRegistry GetRegistry(IServiceCollection services)
    {
        if (services.FirstOrDefault(d => d.ServiceType == typeof(BackendRegistry))?.ImplementationInstance is BackendRegistry existing)
        {
            return existing;
        }

        var registry = new BackendRegistry();
        services.AddSingleton(registry);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStartupFilter, StrategyStartupCheck>());
        return registry;
    }
}
