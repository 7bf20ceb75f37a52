using System;
using System.Diagnostics.CodeAnalysis;

namespace MiniJwt;

internal static class ThrowHelper
{
    [DoesNotReturn]
    public static void ThrowDestinationTooSmall(string paramName) =>
        throw new ArgumentException("The destination is too small; size it with the matching Get...Length method.", paramName);

    [DoesNotReturn]
    public static void ThrowInvalidBase64Url() =>
        throw new FormatException("The input is not strict, canonical Base64Url (no padding, no '+' or '/', no whitespace).");

    [DoesNotReturn]
    public static void ThrowUndefinedAlgorithm(JwtAlgorithm algorithm) =>
        throw new ArgumentOutOfRangeException(nameof(algorithm), (int)algorithm, "Not a JWS algorithm MiniJwt implements.");

    [DoesNotReturn]
    public static void ThrowJwtException(JwtError error) => throw new JwtException(error);

    [DoesNotReturn]
    public static void ThrowArgument(string message, string paramName) => throw new ArgumentException(message, paramName);

    [DoesNotReturn]
    public static void ThrowCannotSign() =>
        throw new InvalidOperationException("This key holds only a public key and cannot sign; give the private key to sign.");
}
