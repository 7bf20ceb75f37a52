using System;
using System.Collections.Generic;
using System.Text;

namespace MiniJwt.Tests.Support;

/// <summary>
/// Makes member names that collide under 32-bit FNV-1a, the hash MiniJwt's duplicate-name check sorts by, the way an
/// attacker would: a meet in the middle. FNV-1a's step <c>h = (h ^ b) * p</c> can be run backwards (p is odd, so it has an
/// inverse modulo 2^32); states reached forwards from the offset basis by a prefix are matched against states that
/// lead backwards to the target hash through a suffix.
/// </summary>
internal static class NameHashCollisions
{
    private const uint OffsetBasis = 2166136261;
    private const uint Prime = 16777619;
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public static uint Fnv1a(string name)
    {
        uint h = OffsetBasis;
        foreach (byte b in Encoding.UTF8.GetBytes(name))
        {
            h = unchecked((h ^ b) * Prime);
        }

        return h;
    }

    /// <summary>Returns <paramref name="count"/> distinct ASCII names (7 letters or digits) whose hash equals that of <paramref name="target"/>.</summary>
    public static string[] For(string target, int count)
    {
        uint goal = Fnv1a(target);
        uint inverse = Inverse(Prime);

        // Backwards: the state before a 3-character suffix that ends on the goal.
        var before = new Dictionary<uint, int>(Alphabet.Length * Alphabet.Length * Alphabet.Length);
        for (int s = 0; s < Alphabet.Length * Alphabet.Length * Alphabet.Length; s++)
        {
            uint h = goal;
            for (int i = 2; i >= 0; i--)
            {
                h = unchecked(h * inverse) ^ Alphabet[Digit(s, i)];
            }

            before.TryAdd(h, s);
        }

        // Forwards: 4-character prefixes until enough states meet.
        var found = new List<string>(count);
        int prefixes = Alphabet.Length * Alphabet.Length * Alphabet.Length * Alphabet.Length;
        for (int p = 0; p < prefixes && found.Count < count; p++)
        {
            uint h = OffsetBasis;
            for (int i = 0; i < 4; i++)
            {
                h = unchecked((h ^ Alphabet[Digit(p, i)]) * Prime);
            }

            if (before.TryGetValue(h, out int suffix))
            {
                var name = new StringBuilder(7);
                for (int i = 0; i < 4; i++)
                {
                    name.Append(Alphabet[Digit(p, i)]);
                }

                for (int i = 0; i < 3; i++)
                {
                    name.Append(Alphabet[Digit(suffix, i)]);
                }

                found.Add(name.ToString());
            }
        }

        if (found.Count < count)
        {
            throw new InvalidOperationException("Only " + found.Count + " collisions found.");
        }

        return found.ToArray();
    }

    /// <summary>
    /// Returns 2^<paramref name="doublings"/> distinct names (4 × doublings letters or digits) that all share one hash:
    /// a birthday search finds two 4-character blocks that take the state to the same next state, and chaining
    /// <paramref name="doublings"/> such pairs lets every combination collide.
    /// </summary>
    public static string[] SameHash(int doublings)
    {
        var pairs = new (string A, string B)[doublings];
        uint state = OffsetBasis;
        for (int d = 0; d < doublings; d++)
        {
            var seen = new Dictionary<uint, int>();
            for (int block = 0; ; block++)
            {
                uint h = state;
                for (int i = 0; i < 4; i++)
                {
                    h = unchecked((h ^ Alphabet[Digit(block, i)]) * Prime);
                }

                if (seen.TryGetValue(h, out int other))
                {
                    pairs[d] = (Block(other), Block(block));
                    state = h;
                    break;
                }

                seen.Add(h, block);
            }
        }

        string[] names = new string[1 << doublings];
        var name = new StringBuilder(4 * doublings);
        for (int n = 0; n < names.Length; n++)
        {
            name.Clear();
            for (int d = 0; d < doublings; d++)
            {
                name.Append(((n >> d) & 1) == 0 ? pairs[d].A : pairs[d].B);
            }

            names[n] = name.ToString();
        }

        return names;
    }

    private static string Block(int value) =>
        new([Alphabet[Digit(value, 0)], Alphabet[Digit(value, 1)], Alphabet[Digit(value, 2)], Alphabet[Digit(value, 3)]]);

    // The i-th character (from the left) of a number written in base 62.
    private static int Digit(int value, int i)
    {
        for (int k = 0; k < i; k++)
        {
            value /= Alphabet.Length;
        }

        return value % Alphabet.Length;
    }

    private static uint Inverse(uint odd)
    {
        uint x = odd; // Newton's iteration doubles the correct low bits each step: 3, 6, 12, 24, 48.
        for (int i = 0; i < 5; i++)
        {
            x = unchecked(x * (2 - (odd * x)));
        }

        return x;
    }
}
