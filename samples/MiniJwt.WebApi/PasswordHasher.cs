using System;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace MiniJwt.WebApi;

/// <summary>PBKDF2-HMAC-SHA256 password hashes from the base library, stored as <c>pbkdf2-sha256$iterations$salt$hash</c>.</summary>
public sealed class PasswordHasher(int iterations)
{
    private const int SaltSize = 16;
    private const int HashSize = 32;

    public string Hash(string password)
    {
        byte[] salt = RandomNumberGenerator.GetBytes(SaltSize);
        byte[] hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, HashSize);
        return "pbkdf2-sha256$" + iterations.ToString(CultureInfo.InvariantCulture) + "$" + Convert.ToBase64String(salt) + "$" + Convert.ToBase64String(hash);
    }

    public bool Verify(string password, string stored)
    {
        string[] parts = stored.Split('$');
        if (parts.Length != 4 || parts[0] != "pbkdf2-sha256" || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int count))
        {
            return false;
        }

        byte[] expected = Convert.FromBase64String(parts[3]);
        byte[] actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), Convert.FromBase64String(parts[2]), count, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary>Spends the time of a verification when there is no user, so that the answer does not tell.</summary>
    public void Waste(string password) => Hash(password);
}
