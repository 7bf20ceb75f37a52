using System;

namespace MiniJwt.Strategy;

/// <summary>What the revocation store said of a token: no error, or why it is refused, with the store's exception when it failed.</summary>
internal readonly record struct RevocationVerdict(JwtError Error, Exception? Exception);
