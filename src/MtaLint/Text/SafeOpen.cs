using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace MtaLint.Text;

/// <summary>
/// Opens a file for reading without ever blocking: a FIFO given as a path (or found in a walked
/// folder) would make a plain open wait for a writer forever. On Linux the file is opened with
/// <c>O_NONBLOCK</c>, which changes nothing for regular files; the caller then refuses anything
/// that is not seekable.
/// </summary>
internal static class SafeOpen
{
    private const int ORdOnly = 0;
    private const int ONonBlock = 0x800;
    private const int OCloExec = 0x80000;

    public static FileStream ForRead(string path, FileOptions options = FileOptions.None)
    {
        if (!OperatingSystem.IsLinux())
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, options);
        }

        var fd = Open(path, ORdOnly | ONonBlock | OCloExec);
        if (fd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw errno switch
            {
                2 or 20 => new FileNotFoundException("no such file or directory", path), // ENOENT, ENOTDIR
                13 or 1 => new UnauthorizedAccessException("permission denied"), // EACCES, EPERM
                6 when UnixFileType.Of(path) == FileType.Socket => new IOException(UnixFileType.NotRegular(path)), // ENXIO: a socket cannot be opened
                40 => new IOException("a symlink loop"), // ELOOP
                _ => new IOException(Marshal.GetPInvokeErrorMessage(errno)),
            };
        }

        var handle = new SafeFileHandle(fd, ownsHandle: true);
        try
        {
            if (Directory.Exists(path))
            {
                throw new IOException("is a folder");
            }

            return new FileStream(handle, FileAccess.Read, 1);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);
}
