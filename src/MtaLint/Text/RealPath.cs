using System.Runtime.InteropServices;

namespace MtaLint.Text;

/// <summary>
/// A path with every symlink on the way resolved (<c>realpath(3)</c>): where a file really is.
/// .NET resolves only a link's last step (<c>ResolveLinkTarget</c>), and a folder on the way may be a
/// link too (<c>repo/etc -> /etc</c>); libc walks every step, with the kernel's loop limit.
/// </summary>
internal static class RealPath
{
    /// <summary>The resolved absolute path, or null when there is nothing there or it cannot be resolved.</summary>
    public static string? Of(string path)
    {
        // The name is passed to C as a NUL-terminated string: one with a NUL in it would name another file.
        if (path.Length == 0 || path.Contains('\0', StringComparison.Ordinal))
        {
            return null;
        }

        if (!OperatingSystem.IsLinux())
        {
            return File.Exists(path) || Directory.Exists(path) ? Path.GetFullPath(path) : null;
        }

        try
        {
            var resolved = Resolve(path, IntPtr.Zero);
            if (resolved == IntPtr.Zero)
            {
                return null;
            }

            try
            {
                return Marshal.PtrToStringUTF8(resolved);
            }
            finally
            {
                Free(resolved);
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return File.Exists(path) || Directory.Exists(path) ? Path.GetFullPath(path) : null;
        }
    }

    // With a null buffer, realpath allocates the result with malloc: it is freed with free.
    [DllImport("libc", EntryPoint = "realpath", SetLastError = true)]
    private static extern IntPtr Resolve([MarshalAs(UnmanagedType.LPUTF8Str)] string path, IntPtr resolved);

    [DllImport("libc", EntryPoint = "free")]
    private static extern void Free(IntPtr pointer);
}
