using System;
using System.IO;
using System.Text;

namespace MiniJwt.Cli;

/// <summary>Writes the files of <c>keygen --out</c>: never over an existing file, private ones readable by the owner only.</summary>
internal static class KeyFileWriter
{
    public const string OutOption = "--out";

    /// <summary>Refuses (as a usage mistake) when any of <paramref name="paths"/> exists, before anything is written.</summary>
    public static void CheckFree(params string[] paths)
    {
        foreach (string path in paths)
        {
            if (File.Exists(path) || Directory.Exists(path))
            {
                throw new UsageException(OutOption, path + " exists; not overwritten (choose another prefix or remove it).");
            }
        }
    }

    public static void Write(string path, string text, bool isPrivate)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = isPrivate
                ? UnixFileMode.UserRead | UnixFileMode.UserWrite
                : UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        }

        try
        {
            using var stream = new FileStream(path, options);
            byte[] bytes = Encoding.UTF8.GetBytes(text.EndsWith('\n') ? text : text + "\n");
            stream.Write(bytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException(OutOption, "cannot write " + path + ": " + e.Message, e);
        }
    }
}
