using System;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;

namespace MiniJwt.Strategy;

/// <summary>
/// A secret string that never shows itself: <see cref="ToString"/> returns <c>**********</c>, so a secret that
/// reaches a log, an exception message or the debugger stays hidden. The counterpart of pydantic's
/// <c>SecretStr</c>; read the value with <see cref="GetSecretValue"/>.
/// </summary>
/// <remarks>
/// A plain <see cref="string"/> converts to a <see cref="Secret"/> implicitly, so every parameter of type
/// <see cref="Secret"/> takes either form, as fastapi-users' <c>secret</c> takes <c>str</c> or <c>SecretStr</c>.
/// </remarks>
[DebuggerDisplay("{ToString(),nq}")]
public sealed class Secret
{
    private const string Mask = "**********";

    private readonly string _value;

    /// <summary>Wraps <paramref name="value"/>.</summary>
    /// <param name="value">The secret text, such as a passphrase or a PEM key.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public Secret(string value)
    {
        if (value is null)
        {
            throw new ArgumentNullException(nameof(value), "The secret is null: give the secret text (a passphrase for HS*, a PEM key for RS*, PS* and ES*).");
        }

        _value = value;
    }

    /// <summary>The length of the secret in UTF-16 characters.</summary>
    public int Length => _value.Length;

    /// <summary><see langword="true"/> when the secret is the empty string.</summary>
    public bool IsEmpty => _value.Length == 0;

    /// <summary>Wraps a string; <see langword="null"/> gives <see langword="null"/>.</summary>
    /// <param name="value">The secret text.</param>
    [return: NotNullIfNotNull(nameof(value))]
    public static implicit operator Secret?(string? value) => value is null ? null : new Secret(value);

    /// <summary>Wraps a string: the named form of the implicit conversion.</summary>
    /// <param name="value">The secret text.</param>
    /// <returns>The secret.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public static Secret FromString(string value) => new(value);

    /// <summary>Returns the secret text. Keep it out of logs.</summary>
    /// <returns>The wrapped string.</returns>
    [System.Diagnostics.CodeAnalysis.SuppressMessage(
        "Design",
        "CA1024:Use properties where appropriate",
        Justification = "A method, as pydantic's get_secret_value(): a property would show the secret in debuggers and serializers.")]
    public string GetSecretValue() => _value;

    /// <summary>Returns <c>**********</c>, or the empty string for an empty secret; never the value.</summary>
    /// <returns>A masked text that is safe to log.</returns>
    public override string ToString() => _value.Length == 0 ? string.Empty : Mask;
}
