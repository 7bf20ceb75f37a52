namespace MiniJwt.Cli;

/// <summary>The examples each command's help ends with.</summary>
internal static class Examples
{
    public static System.Collections.Generic.IReadOnlyDictionary<string, string> ByCommand { get; } = new System.Collections.Generic.Dictionary<string, string>
    {
        ["encode"] = """
            minijwt encode --alg HS256 --secret-file secret.txt --sub 42 --exp-in 1h
            minijwt encode --alg ES256 --key ec.pem --aud my-api --claim admin=true --exp-in 15m --iat
            echo '{"sub":"42","exp":1900000000}' | minijwt encode --alg RS256 --key rsa.pem --claims -
            """,
        ["decode"] = """
            minijwt decode eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI0MiJ9.c2lnbmF0dXJl
            pbpaste | minijwt decode -
            """,
        ["verify"] = """
            minijwt verify "$TOKEN" --secret-env JWT_SECRET --aud my-api
            minijwt verify - --key public.pem --alg RS256 --iss https://issuer.example < token.txt
            minijwt verify "$TOKEN" --key public.pem --now 1900000000 --leeway 30s
            minijwt verify "$TOKEN" --jwks jwks.json --aud my-api
            minijwt verify "$TOKEN" --jwks https://login.example.com/.well-known/jwks.json --iss https://login.example.com/
            """,
        ["keygen"] = """
            minijwt keygen --alg HS256 --out api            (writes api.secret)
            minijwt keygen --alg ES256 --out signing        (writes signing.pem and signing.pub.pem)
            minijwt keygen --alg RS256 --bits 3072 --json
            minijwt keygen --alg ES256 --kid-thumbprint --out signing   (also signing.jwk and signing.pub.jwk)
            """,
        ["jwk"] = """
            minijwt jwk from-pem signing.pub.pem --kid 2026-11 > signing.pub.jwk
            minijwt jwk to-pem signing.jwk --private > signing.pem
            minijwt jwk thumbprint signing.pub.jwk
            minijwt jwk set current.pub.jwk next.pub.pem > jwks.json
            """,
        ["from-pem"] = """
            minijwt jwk from-pem signing.pub.pem --kid 2026-11
            minijwt jwk from-pem rsa.pem --alg PS256 --kid-thumbprint --private
            """,
        ["to-pem"] = """
            minijwt jwk to-pem signing.pub.jwk
            minijwt jwk to-pem signing.jwk --private > signing.pem
            """,
        ["thumbprint"] = """
            minijwt jwk thumbprint signing.pub.jwk
            minijwt jwk thumbprint jwks.json --json
            """,
        ["set"] = """
            minijwt jwk set current.pub.jwk next.pub.jwk > jwks.json
            minijwt jwk set rsa.pub.pem ec.pub.pem --alg RS256
            """,
        ["minijwt"] = """
            minijwt keygen --alg ES256 --out signing
            minijwt encode --alg ES256 --key signing.pem --sub 42 --exp-in 1h > token.txt
            minijwt verify - --key signing.pub.pem < token.txt
            minijwt decode "$(cat token.txt)"
            """,
    };
}
