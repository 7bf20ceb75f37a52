namespace MiniJwt.Tests.Support;

/// <summary>What the test server does with the next requests for the JWK Set (and the discovery document).</summary>
public enum JwksServerMode
{
    /// <summary>Answers 200 with the document.</summary>
    Normal,

    /// <summary>Answers 500.</summary>
    Error500,

    /// <summary>Sends nothing until the server stops (or <see cref="JwksTestServer.HangLimit"/> passes).</summary>
    Hang,

    /// <summary>Answers 200 with JSON that is not well-formed.</summary>
    Malformed,

    /// <summary>Answers 200 with 10 MB, Content-Length declared.</summary>
    Huge,

    /// <summary>Answers 200 with 10 MB, chunked (no Content-Length).</summary>
    HugeChunked,

    /// <summary>Answers 302 to another path that serves the document.</summary>
    Redirect,

    /// <summary>Drops the connection in the middle of the answer.</summary>
    Drop,
}
