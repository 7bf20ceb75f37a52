using System;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace MiniJwt.AspNetCore;

/// <summary>The bodies fastapi-users sends on errors, <c>{"detail":…}</c>, and the 401 challenge.</summary>
internal static class AuthResponses
{
    public static async Task WriteDetailAsync(HttpResponse response, int statusCode, string detail)
    {
        response.StatusCode = statusCode;
        response.ContentType = "application/json";
        using var writer = new Utf8JsonWriter(response.BodyWriter);
        writer.WriteStartObject();
        writer.WriteString("detail"u8, detail);
        writer.WriteEndObject();
        await writer.FlushAsync(response.HttpContext.RequestAborted).ConfigureAwait(false);
    }

    public static IResult Detail(int statusCode, string detail) => new DetailResult(statusCode, detail);

    /// <summary>
    /// 401 <c>{"detail":"Unauthorized"}</c> with <c>WWW-Authenticate: Bearer</c>, plus <c>error="invalid_token"</c> and
    /// the description when a token was refused (RFC 6750 §3).
    /// </summary>
    public static Task ChallengeAsync(HttpResponse response, string? refusal)
    {
        if (response.HasStarted)
        {
            return Task.CompletedTask;
        }

        response.Headers[HeaderNames.WWWAuthenticate] = refusal is null
            ? "Bearer"
            : "Bearer error=\"invalid_token\", error_description=\"" + Quote(refusal) + "\"";
        return WriteDetailAsync(response, StatusCodes.Status401Unauthorized, "Unauthorized");
    }

    public static Task ForbidAsync(HttpResponse response) =>
        response.HasStarted ? Task.CompletedTask : WriteDetailAsync(response, StatusCodes.Status403Forbidden, "Forbidden");

    // The descriptions are fixed English texts; keep to the characters RFC 6750 allows in error_description anyway.
    private static string Quote(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            builder.Append(c is >= ' ' and <= '~' and not '"' and not '\\' ? c : '\'');
        }

        return builder.ToString();
    }

    private sealed class DetailResult(int statusCode, string detail) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            ArgumentNullException.ThrowIfNull(httpContext);
            return WriteDetailAsync(httpContext.Response, statusCode, detail);
        }
    }
}
