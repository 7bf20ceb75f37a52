namespace MiniJwt.Cli;

/// <summary>How a key file holds its key, recognised by content.</summary>
internal enum KeyFormat
{
    /// <summary>A raw HMAC secret (a file or an environment variable).</summary>
    Secret,

    /// <summary>PEM: PKCS#1, PKCS#8, SPKI or SEC1.</summary>
    Pem,

    /// <summary>One JSON Web Key (an object with <c>kty</c>).</summary>
    Jwk,

    /// <summary>A JSON Web Key Set (an object with <c>keys</c>).</summary>
    JwkSet,
}
