using System.Globalization;
using Microsoft.Win32.SafeHandles;

namespace MtaLint.Text;

/// <summary>
/// Where an open file is: the absolute path the kernel gives for the descriptor
/// (<c>/proc/self/fd/N</c>), with every symlink on the way already resolved and in the exact
/// bytes of the names. A write goes back to this path without following any symlink, so one
/// that appears after reading leads nowhere.
/// </summary>
internal static class FileLocation
{
    /// <summary>The path of the open file, or null where the system cannot tell (no <c>/proc</c>, a file already removed).</summary>
    public static byte[]? Of(SafeFileHandle handle)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            var link = Libc.CString(System.Text.Encoding.ASCII.GetBytes("/proc/self/fd/" + handle.DangerousGetHandle().ToString(CultureInfo.InvariantCulture)));
            var buffer = new byte[4096 + 1];
            var n = Libc.ReadLink(link, buffer, buffer.Length);
            if (n <= 0 || n >= buffer.Length || buffer[0] != (byte)'/' || buffer.AsSpan(0, (int)n).EndsWith(" (deleted)"u8))
            {
                return null;
            }

            return buffer[..(int)n];
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }
}
