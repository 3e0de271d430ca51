using System.Runtime.CompilerServices;

namespace MtaLint.Tests.Infrastructure;

/// <summary>
/// Snapshot assertions with Verify's file conventions, so Verify.Xunit can replace this when it
/// can be restored: <c>{Class}.{Method}_{name}.verified.txt</c> beside the test source,
/// <c>.received.txt</c> written on a mismatch, and <c>VERIFY_ACCEPT=1</c> to accept received output.
/// Line endings are normalised to LF in both files; everything else must match exactly.
/// </summary>
public static class Snapshot
{
    public static void Verify(string actual, string? name = null, [CallerFilePath] string sourceFile = "", [CallerMemberName] string method = "")
    {
        var directory = Path.GetDirectoryName(sourceFile)!;
        var typeName = Path.GetFileNameWithoutExtension(sourceFile);
        var stem = Path.Combine(directory, name is null ? $"{typeName}.{method}" : $"{typeName}.{method}_{Sanitize(name)}");
        var verified = stem + ".verified.txt";
        var received = stem + ".received.txt";
        actual = actual.Replace("\r\n", "\n");

        var expected = File.Exists(verified) ? File.ReadAllText(verified).Replace("\r\n", "\n") : null;
        if (expected == actual)
        {
            File.Delete(received);
            return;
        }

        if (Environment.GetEnvironmentVariable("VERIFY_ACCEPT") == "1")
        {
            File.WriteAllText(verified, actual);
            File.Delete(received);
            return;
        }

        File.WriteAllText(received, actual);
        var message = expected is null
            ? $"No snapshot yet: review {received} and rename it to {Path.GetFileName(verified)} (or run with VERIFY_ACCEPT=1)."
            : $"Snapshot mismatch: compare {received} with {verified}.";
        Assert.Fail(message + "\n--- received ---\n" + actual);
    }

    private static string Sanitize(string name)
    {
        var chars = name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '.' or '_' ? c : '_').ToArray();
        return new string(chars);
    }
}
