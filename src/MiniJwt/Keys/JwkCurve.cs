using System;
using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;

namespace MiniJwt;

/// <summary>
/// The three NIST curves of RFC 7518 §6.2.1.1 with the constants a JWK import checks against: the field prime
/// <c>p</c>, the coefficient <c>b</c> (a = −3 on all three) and the group order <c>n</c> (SEC 2 / FIPS 186-4).
/// </summary>
internal sealed class JwkCurve
{
    public static readonly JwkCurve P256 = new(
        "P-256",
        JwtAlgorithm.ES256,
        32,
        ECCurve.NamedCurves.nistP256,
        "FFFFFFFF00000001000000000000000000000000FFFFFFFFFFFFFFFFFFFFFFFF",
        "5AC635D8AA3A93E7B3EBBD55769886BC651D06B0CC53B0F63BCE3C3E27D2604B",
        "FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551");

    public static readonly JwkCurve P384 = new(
        "P-384",
        JwtAlgorithm.ES384,
        48,
        ECCurve.NamedCurves.nistP384,
        "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFFFF0000000000000000FFFFFFFF",
        "B3312FA7E23EE7E4988E056BE3F82D19181D9C6EFE8141120314088F5013875AC656398D8A2ED19D2A85C8EDD3EC2AEF",
        "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFC7634D81F4372DDF581A0DB248B0A77AECEC196ACCC52973");

    public static readonly JwkCurve P521 = new(
        "P-521",
        JwtAlgorithm.ES512,
        66,
        ECCurve.NamedCurves.nistP521,
        "01FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF",
        "0051953EB9618E1C9A1F929A21A0B68540EEA2DA725B99B315F3B8B489918EF109E156193951EC7E937B1652C0BD3BB1BF073573DF883D2C34F1EF451FD46B503F00",
        "01FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFA51868783BF2F966B7FCC0148F709A5D03BB5C9B8899C47AEBB6FB71E91386409");

    private readonly BigInteger _p;
    private readonly BigInteger _b;
    private readonly BigInteger _n;

    private JwkCurve(string name, JwtAlgorithm algorithm, int size, ECCurve curve, string p, string b, string n)
    {
        Name = name;
        Algorithm = algorithm;
        Size = size;
        Curve = curve;
        _p = Parse(p);
        _b = Parse(b);
        _n = Parse(n);
    }

    /// <summary>The JWK <c>crv</c> name.</summary>
    public string Name { get; }

    /// <summary>The one JWS algorithm that uses this curve.</summary>
    public JwtAlgorithm Algorithm { get; }

    /// <summary>The size in bytes of a coordinate and of the private scalar (RFC 7518 §6.2.1.2, §6.2.2.1).</summary>
    public int Size { get; }

    public ECCurve Curve { get; }

    public static JwkCurve? FromName(string? name) => name switch
    {
        "P-256" => P256,
        "P-384" => P384,
        "P-521" => P521,
        _ => null,
    };

    public static JwkCurve FromAlgorithm(JwtAlgorithm algorithm) => algorithm switch
    {
        JwtAlgorithm.ES256 => P256,
        JwtAlgorithm.ES384 => P384,
        _ => P521,
    };

    /// <summary>Tells whether (x, y) are field elements (below p) and satisfy y² = x³ − 3x + b (mod p).</summary>
    public bool IsOnCurve(ReadOnlySpan<byte> x, ReadOnlySpan<byte> y)
    {
        var bx = new BigInteger(x, isUnsigned: true, isBigEndian: true);
        var by = new BigInteger(y, isUnsigned: true, isBigEndian: true);
        if (bx >= _p || by >= _p)
        {
            return false;
        }

        BigInteger left = by * by % _p;
        BigInteger right = ((bx * bx % _p * bx) - (3 * bx) + _b) % _p;
        if (right.Sign < 0)
        {
            right += _p;
        }

        return left == right;
    }

    /// <summary>Tells whether a private scalar lies in [1, n − 1].</summary>
    public bool IsValidScalar(ReadOnlySpan<byte> d)
    {
        var value = new BigInteger(d, isUnsigned: true, isBigEndian: true);
        return value.Sign > 0 && value < _n;
    }

    private static BigInteger Parse(string hex) => BigInteger.Parse("0" + hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
}
