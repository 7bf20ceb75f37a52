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

/// <summary>A string that is not canonical Base64Url; <see cref="LenientBytes"/> is what a lenient decoder makes of it.</summary>
public sealed record NonCanonicalBase64(NonCanonicalKind Kind, string Text, byte[]? LenientBytes)
{
    public override string ToString() => Kind + " " + PropertyTests.Show(Text);
}
