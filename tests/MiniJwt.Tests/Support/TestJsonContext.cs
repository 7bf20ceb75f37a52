using System.Text.Json.Serialization;

namespace MiniJwt.Tests.Support;

/// <summary>Source-generated metadata for <see cref="TestPayload"/>.</summary>
[JsonSerializable(typeof(TestPayload))]
[JsonSerializable(typeof(string[]))]
internal sealed partial class TestJsonContext : JsonSerializerContext
{
}
