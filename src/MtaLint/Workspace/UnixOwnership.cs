using System.Runtime.InteropServices;

namespace MtaLint.Workspace;

/// <summary>
/// The POSIX calls .NET does not expose: a file's owner and group (so a fix run as root does not
/// hand <c>/etc/postfix/main.cf</c> to root) and a folder fsync (so the rename survives a crash).
/// Best effort: where a call is not possible (not Linux, an unknown <c>struct stat</c> layout, no
/// permission) the file is still written, as it would be without them.
/// </summary>
internal static class UnixOwnership
{
    /// <summary>The owner and group of a file, or null where they cannot be read.</summary>
    public static (uint Uid, uint Gid)? Get(string path)
    {
        // glibc's struct stat: uid/gid at 28/32 on x86-64, at 24/28 on arm64 (generic layout).
        var offset = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => 28,
            Architecture.Arm64 => 24,
            _ => -1,
        };
        if (!OperatingSystem.IsLinux() || offset < 0)
        {
            return null;
        }

        try
        {
            var buffer = new byte[256];
            if (Stat(path, buffer) != 0)
            {
                return null;
            }

            return (BitConverter.ToUInt32(buffer, offset), BitConverter.ToUInt32(buffer, offset + 4));
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Gives <paramref name="path"/> the owner and group; false where not permitted (not root).</summary>
    public static bool Set(string path, (uint Uid, uint Gid) owner)
    {
        try
        {
            return Chown(path, owner.Uid, owner.Gid) == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    /// <summary>Flushes a folder's entries, so a rename into it is on disk before mtalint reports success.</summary>
    public static void SyncFolder(string folder)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        try
        {
            var fd = Open(folder, 0); // O_RDONLY
            if (fd >= 0)
            {
                _ = Fsync(fd);
                _ = Close(fd);
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // no libc: the rename stands, only its durability on power loss is not forced
        }
    }

    [DllImport("libc", EntryPoint = "stat", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false)]
    private static extern int Stat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, [Out] byte[] buffer);

    [DllImport("libc", EntryPoint = "chown", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false)]
    private static extern int Chown([MarshalAs(UnmanagedType.LPUTF8Str)] string path, uint uid, uint gid);

    [DllImport("libc", EntryPoint = "open", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static extern int Fsync(int fd);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    private static extern int Close(int fd);
}
