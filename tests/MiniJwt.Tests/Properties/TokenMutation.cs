using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit;
using BclBase64Url = System.Buffers.Text.Base64Url;

namespace MiniJwt.Tests.Properties;

/// <summary>One change to a token: <see cref="Position"/> is taken modulo the token length.</summary>
public sealed record TokenMutation(JwtAlgorithm Algorithm, string Subject, MutationKind Kind, int Position, char Character)
{
    public string Apply(string token)
    {
        switch (Kind)
        {
            case MutationKind.Insert:
                return token.Insert(Position % (token.Length + 1), Character.ToString());
            case MutationKind.Delete:
                return token.Remove(Position % token.Length, 1);
            default:
                int at = Position % token.Length;
                char replacement = Character != token[at] ? Character : PropertyTests.Alphabet[(PropertyTests.Alphabet.IndexOf(token[at]) + 1) % 64];
                return string.Concat(token.AsSpan(0, at), replacement.ToString(), token.AsSpan(at + 1));
        }
    }

    public override string ToString() =>
        Algorithm + " " + Kind + " at " + Position + " with " + PropertyTests.Show(Character.ToString()) + ", sub " + PropertyTests.Show(Subject);
}
