using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit;
using BclBase64Url = System.Buffers.Text.Base64Url;

namespace MiniJwt.Tests.Properties;

public enum MutationKind
{
    Substitute,
    Insert,
    Delete,
}
