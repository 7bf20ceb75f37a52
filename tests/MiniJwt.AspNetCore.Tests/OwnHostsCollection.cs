using Xunit;

namespace MiniJwt.AspNetCore.Tests;

/// <summary>
/// Tests that build a host of their own run alone: WebApplicationFactory finds the sample's host by listening for
/// any host being built in the process, so a host built by another test at the same moment could be taken for it.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class OwnHostsCollection
{
    public const string Name = "Tests that build their own host";
}
