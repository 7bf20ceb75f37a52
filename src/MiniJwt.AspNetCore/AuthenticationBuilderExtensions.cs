using System;
using System.Linq;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MiniJwt.Strategy;

namespace MiniJwt.AspNetCore;

/// <summary>Adds fastapi-users authentication backends as ASP.NET Core authentication schemes.</summary>
public static class AuthenticationBuilderExtensions
{
    /// <summary>
    /// Adds an authentication backend: a scheme named <paramref name="name"/> that reads the token through
    /// <paramref name="transport"/> and the user through the strategy and the <see cref="IAuthUserManager{TUser, TId}"/>,
    /// both resolved for each request. Backends are tried in the order they are added by the
    /// <see cref="AuthDefaults.AuthenticationScheme"/> scheme, which becomes the default scheme unless one is set.
    /// The strategy is built once when the application starts, so a misconfigured one stops the start.
    /// </summary>
    /// <typeparam name="TUser">The user type.</typeparam>
    /// <typeparam name="TId">The identifier type.</typeparam>
    /// <param name="builder">The authentication builder.</param>
    /// <param name="name">The backend's name, unique; also the scheme's name (such as <c>jwt</c> or <c>cookie</c>).</param>
    /// <param name="transport">How the token travels.</param>
    /// <param name="getStrategy">
    /// Gets the strategy from the request's services (fastapi-users' <c>get_strategy</c>); <see langword="null"/>
    /// resolves <see cref="IStrategy{TUser, TId}"/>, as <see cref="ServiceCollectionExtensions.AddJwtStrategy"/> registers it.
    /// </param>
    /// <param name="configure">Configures the scheme's other options.</param>
    /// <returns><paramref name="builder"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/>, <paramref name="name"/> or <paramref name="transport"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty or already names a backend.</exception>
    public static AuthenticationBuilder AddMiniJwtBackend<TUser, TId>(
        this AuthenticationBuilder builder,
        string name,
        AuthTransport transport,
        Func<IServiceProvider, IStrategy<TUser, TId>>? getStrategy = null,
        Action<AuthBackendOptions<TUser, TId>>? configure = null)
        where TUser : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(transport);
        if (name == AuthDefaults.AuthenticationScheme)
        {
            throw new ArgumentException("The backend name \"" + name + "\" is the name of the scheme that tries every backend; choose another.", nameof(name));
        }

        BackendRegistry registry = AddCore(builder);
        if (registry.Backends.Any(b => b.Name == name))
        {
            throw new ArgumentException("An authentication backend named \"" + name + "\" was already added; backend names must be unique.", nameof(name));
        }

        var registration = new BackendRegistration(name, services => AuthBackendHandler<TUser, TId>.ResolveStrategy(
            services.GetRequiredService<IOptionsMonitor<AuthBackendOptions<TUser, TId>>>().Get(name), services));
        registry.Backends.Add(registration);
        registry.Strategies.Add(registration);
        return builder.AddScheme<AuthBackendOptions<TUser, TId>, AuthBackendHandler<TUser, TId>>(name, name, options =>
        {
            options.Transport = transport;
            options.GetStrategy = getStrategy;
            configure?.Invoke(options);
        });
    }

    private static BackendRegistry AddCore(AuthenticationBuilder builder)
    {
        IServiceCollection services = builder.Services;
        BackendRegistry registry = ServiceCollectionExtensions.GetRegistry(services);
        if (registry.SchemesAdded)
        {
            return registry;
        }

        registry.SchemesAdded = true;
        builder.AddScheme<AuthenticationSchemeOptions, CompositeAuthHandler>(AuthDefaults.AuthenticationScheme, AuthDefaults.AuthenticationScheme, null);
        services.PostConfigure<AuthenticationOptions>(options => options.DefaultScheme ??= AuthDefaults.AuthenticationScheme);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAuthorizationHandler, CurrentUserRequirementHandler>());
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, CurrentUserResultHandler>();
        return registry;
    }
}
