using System;
using System.Net.Http;
using MiniJwt.Remote;
using Xunit;

namespace MiniJwt.Tests.Keys;

/// <summary>The report of a failed refresh: its message and its cause.</summary>
public class RemoteJwtKeySetExceptionTests
{
    [Fact]
    public void Constructors_keep_the_message_and_the_cause()
    {
        Assert.Equal("A refresh of the remote JWK Set failed.", new RemoteJwtKeySetException().Message);
        Assert.Equal("m", new RemoteJwtKeySetException("m").Message);
        var cause = new HttpRequestException("down");
        var e = new RemoteJwtKeySetException("m", cause);
        Assert.Same(cause, e.InnerException);
        Assert.Equal("m", e.Message);
    }
}
