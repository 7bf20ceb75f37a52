using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace MiniJwt.Tests.Support;

/// <summary>A typed payload for the source-generated (reflection-free) serialization tests.</summary>
public sealed class TestPayload
{
    [JsonPropertyName("sub")]
    public string? Subject { get; set; }

    [JsonPropertyName("exp")]
    public long Expires { get; set; }

    [JsonPropertyName("roles")]
    public IReadOnlyList<string>? Roles { get; set; }
}
