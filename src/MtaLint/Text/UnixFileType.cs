using System.Runtime.InteropServices;

namespace MtaLint.Text;

/// <summary>What a path is, following symlinks, as far as discovery cares.</summary>
internal enum FileType
{
    /// <summary>Not known (not Linux, or the call failed for another reason): treated as a regular file.</summary>
    Unknown,
    Regular,
    Directory,
    Fifo,
    Socket,
    Device,

    /// <summary>Nothing there: a missing path or a symlink whose target is missing.</summary>
    Missing,

    /// <summary>Symlinks that lead back to themselves (ELOOP).</summary>
    SymlinkLoop,

    /// <summary>A folder on the way may not be searched (EACCES).</summary>
    Denied,

    /// <summary>The path is longer than the system opens (ENAMETOOLONG: over PATH_MAX, or a name over NAME_MAX).</summary>
    NameTooLong,

    /// <summary>A symlink itself, where it is looked at without following it.</summary>
    Symlink,
}

/// <summary>A file's device and inode: the same pair is the same file, whatever path leads to it.</summary>
internal readonly record struct FileIdentity(uint DeviceMajor, uint DeviceMinor, ulong Inode);

/// <summary>
/// The file type from <c>statx</c>, whose layout is the same on every Linux architecture (unlike
/// <c>struct stat</c>): .NET tells folders from files but not a FIFO, a socket or a device from a file.
/// </summary>
internal static class UnixFileType
{
    private const int AtFdCwd = -100;
    private const uint StatxType = 0x1;
    private const int ModeOffset = 28;

    public static FileType Of(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return FileType.Unknown;
        }

        var buffer = new byte[256];
        try
        {
            if (Statx(AtFdCwd, path, 0, StatxType, buffer) != 0)
            {
                return Marshal.GetLastPInvokeError() switch
                {
                    2 or 20 => FileType.Missing, // ENOENT, ENOTDIR
                    40 => FileType.SymlinkLoop, // ELOOP
                    13 => FileType.Denied, // EACCES
                    36 => FileType.NameTooLong, // ENAMETOOLONG
                    _ => FileType.Unknown,
                };
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return FileType.Unknown; // a libc without statx: discovery falls back to what .NET tells
        }

        if ((BitConverter.ToUInt32(buffer, 0) & StatxType) == 0)
        {
            return FileType.Unknown;
        }

        return (BitConverter.ToUInt16(buffer, ModeOffset) & 0xF000) switch
        {
            0x8000 => FileType.Regular,
            0x4000 => FileType.Directory,
            0x1000 => FileType.Fifo,
            0xC000 => FileType.Socket,
            0x2000 or 0x6000 => FileType.Device,
            _ => FileType.Unknown,
        };
    }

    /// <summary>How a non-regular file is named in messages.</summary>
    public static string Describe(FileType type) => type switch
    {
        FileType.Fifo => "a FIFO",
        FileType.Socket => "a socket",
        FileType.Device => "a device",
        _ => "a special file",
    };

    /// <summary>
    /// Whether an opened path is no file to read: a pipe would block, a socket or a device (<c>/dev/zero</c>,
    /// seekable but endless or empty) holds no config.
    /// </summary>
    public static bool IsSpecial(FileStream opened, string path) =>
        !opened.CanSeek || Of(path) is FileType.Fifo or FileType.Socket or FileType.Device;

    /// <summary>Why a path that opened but cannot be read like a file is refused: "not a regular file (a FIFO)".</summary>
    public static string NotRegular(string path)
    {
        var type = Of(path);
        return type is FileType.Fifo or FileType.Socket or FileType.Device ? $"not a regular file ({Describe(type)})" : "not a regular file";
    }

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int Statx(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, [Out] byte[] buffer);
}
