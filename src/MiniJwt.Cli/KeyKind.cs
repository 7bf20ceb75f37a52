namespace MiniJwt.Cli;

/// <summary>What a key file holds, which decides the algorithms it can serve.</summary>
internal enum KeyKind
{
    /// <summary>An HMAC secret (HS*).</summary>
    Secret,

    /// <summary>An RSA key (RS*, PS*).</summary>
    Rsa,

    /// <summary>An EC key (ES*, its curve naming the one algorithm).</summary>
    Ec,
}
