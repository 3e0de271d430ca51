namespace MtaLint.Tests.FixEffect;

/// <summary>Copies of the test data that the fix-effect tests fix and hand to the real MTAs.</summary>
internal static class WritableCopy
{
    /// <summary>
    /// Copies the folder <paramref name="from"/> to <paramref name="to"/>, each file readable and writable by its
    /// owner: a checkout may hold the data read-only, and --fix rightly refuses a read-only file.
    /// </summary>
    public static void Tree(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
            File.SetUnixFileMode(target, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }
    }
}
