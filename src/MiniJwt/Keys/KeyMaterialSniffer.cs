using System;

namespace MiniJwt;

/// <summary>Recognises asymmetric key text that must never serve as an HMAC secret (the key-confusion attack).</summary>
internal static class KeyMaterialSniffer
{
    public static bool LooksLikeAsymmetricKey(ReadOnlySpan<byte> secret)
    {
        ReadOnlySpan<byte> trimmed = secret.Trim(" \t\r\n"u8);
        return secret.IndexOf("-----BEGIN"u8) >= 0
            || trimmed.StartsWith("ssh-rsa"u8)
            || trimmed.StartsWith("ssh-ed25519"u8)
            || trimmed.StartsWith("ssh-dss"u8)
            || trimmed.StartsWith("ecdsa-sha2-"u8)
            || (trimmed.StartsWith("{"u8) && trimmed.IndexOf("\"kty\""u8) >= 0)
            || LooksLikeDerKey(secret);
    }

    // Binary DER is looked at untrimmed: its last bytes may well be 0x20, 0x09, 0x0A or 0x0D.
    // A DER SEQUENCE that spans the whole secret and holds the OID of rsaEncryption (1.2.840.113549.1.1.1)
    // or id-ecPublicKey (1.2.840.10045.2.1), an SPKI or PKCS#8 key in DER; or that holds nothing but INTEGERs,
    // a PKCS#1 RSAPublicKey (n, e) or RSAPrivateKey in DER. The bytes are taken as given, never trimmed: a DER
    // key may well end with a byte that looks like whitespace.
    private static bool LooksLikeDerKey(ReadOnlySpan<byte> secret)
    {
        if (secret.Length < 16 || secret[0] != 0x30
            || !TryReadLength(secret.Slice(1), out int length, out int lengthSize)
            || 1 + lengthSize + length != secret.Length)
        {
            return false;
        }

        ReadOnlySpan<byte> rsaOid = [0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x01];
        ReadOnlySpan<byte> ecOid = [0x06, 0x07, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x01];
        return secret.IndexOf(rsaOid) >= 0 || secret.IndexOf(ecOid) >= 0 || IsIntegerSequence(secret.Slice(1 + lengthSize));
    }

    private static bool IsIntegerSequence(ReadOnlySpan<byte> content)
    {
        int count = 0;
        while (!content.IsEmpty)
        {
            if (content[0] != 0x02 || !TryReadLength(content.Slice(1), out int length, out int lengthSize)
                || length == 0 || 1 + lengthSize + length > content.Length)
            {
                return false;
            }

            content = content.Slice(1 + lengthSize + length);
            count++;
        }

        return count >= 2;
    }

    // A DER length of up to 65535: short form, or long form of one or two bytes.
    private static bool TryReadLength(ReadOnlySpan<byte> source, out int length, out int size)
    {
        length = 0;
        size = 0;
        if (source.IsEmpty)
        {
            return false;
        }

        if (source[0] < 0x80)
        {
            (length, size) = (source[0], 1);
        }
        else if (source[0] == 0x81 && source.Length >= 2)
        {
            (length, size) = (source[1], 2);
        }
        else if (source[0] == 0x82 && source.Length >= 3)
        {
            (length, size) = ((source[1] << 8) | source[2], 3);
        }
        else
        {
            return false;
        }

        return true;
    }
}
