using System;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using MiniJwt.Strategy;

namespace MiniJwt.Tests.Strategy;

public sealed record TestUser(Guid Id, string Email) : IUser<Guid>;
