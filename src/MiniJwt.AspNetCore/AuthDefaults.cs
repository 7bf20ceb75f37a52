namespace MiniJwt.AspNetCore;

/// <summary>Names the MiniJwt web backend uses.</summary>
public static class AuthDefaults
{
    /// <summary>
    /// The authentication scheme that tries every backend in the order they were added and takes the first user found,
    /// as fastapi-users' <c>current_user</c> does. It becomes the default scheme unless the application set one.
    /// </summary>
    public const string AuthenticationScheme = "MiniJwt";

    /// <summary>400 on login: unknown user, wrong password or inactive user.</summary>
    public const string LoginBadCredentials = "LOGIN_BAD_CREDENTIALS";

    /// <summary>400 on login: the user is not verified and the route requires verification.</summary>
    public const string LoginUserNotVerified = "LOGIN_USER_NOT_VERIFIED";

    /// <summary>
    /// 400 on login or logout: the application requires an antiforgery token on the auth routes and the request's is
    /// missing or invalid (MiniJwt's own code; fastapi-users has no antiforgery).
    /// </summary>
    public const string AntiforgeryTokenInvalid = "ANTIFORGERY_TOKEN_INVALID";

    /// <summary>400 on registration: a user with this e-mail address exists (for applications that register users).</summary>
    public const string RegisterUserAlreadyExists = "REGISTER_USER_ALREADY_EXISTS";
}
