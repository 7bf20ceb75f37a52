using System;
using MiniJwt.Strategy;

namespace MiniJwt.WebApi;

/// <summary>A user of the in-memory store, with fastapi-users' fields.</summary>
public sealed record User(Guid Id, string Email, string HashedPassword, bool IsActive = true, bool IsSuperuser = false, bool IsVerified = false) : IUser<Guid>;
