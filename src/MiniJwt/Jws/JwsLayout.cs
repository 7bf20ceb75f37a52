namespace MiniJwt;

/// <summary>Where the three segments of a compact JWS lie: header [0, HeaderEnd), payload (HeaderEnd, PayloadEnd), signature after PayloadEnd.</summary>
internal readonly struct JwsLayout
{
    public JwsLayout(int headerEnd, int payloadEnd)
    {
        HeaderEnd = headerEnd;
        PayloadEnd = payloadEnd;
    }

    public int HeaderEnd { get; }

    public int PayloadEnd { get; }

    public int PayloadStart => HeaderEnd + 1;

    public int PayloadLength => PayloadEnd - HeaderEnd - 1;

    public int SignatureStart => PayloadEnd + 1;
}
