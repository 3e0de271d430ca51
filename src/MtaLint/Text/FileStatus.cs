using System.Runtime.InteropServices;

namespace MtaLint.Text;

/// <summary>
/// What <c>statx</c> says of a file: which file it is, its type, permission bits (set-id and
/// sticky included), owner, link count, size and change times. <c>statx</c> has one layout on
/// every Linux architecture, unlike <c>struct stat</c>; its fields are in the machine's byte order.
/// </summary>
internal readonly record struct FileStatus(
    FileIdentity Identity,
    FileType Type,
    uint Permissions,
    uint Uid,
    uint Gid,
    uint Links,
    long Size,
    StatxTime Modified,
    StatxTime Changed)
{
    private const uint BasicStats = 0x7ff; // STATX_BASIC_STATS: type, mode, nlink, uid, gid, times, ino, size, blocks
    private static readonly byte[] EmptyPath = [0];

    /// <summary>True when any write permission bit is set: a file or folder without one is read-only by its owner's intent.</summary>
    public bool AnyWriteBit => (Permissions & 0x92) != 0;

    /// <summary>The open file <paramref name="fd"/> is.</summary>
    public static FileStatus Of(SafeHandle fd) => Query(fd, EmptyPath, Libc.AtEmptyPath);

    /// <summary>The entry <paramref name="name"/> of the folder <paramref name="folder"/>, a symlink itself rather than what it points to.</summary>
    public static FileStatus At(SafeHandle folder, byte[] name) => Query(folder, name, Libc.AtSymlinkNoFollow);

    private static FileStatus Query(SafeHandle dirfd, byte[] path, int flags)
    {
        var b = new byte[256];
        if (Libc.Statx(dirfd, path, flags, BasicStats, b) != 0)
        {
            throw Libc.Failed("statx");
        }

        var mode = BitConverter.ToUInt16(b, 28);
        return new FileStatus(
            new FileIdentity(U32(b, 136), U32(b, 140), BitConverter.ToUInt64(b, 32)),
            TypeOf(mode),
            mode & 0xFFFu,
            U32(b, 20),
            U32(b, 24),
            U32(b, 16),
            BitConverter.ToInt64(b, 40),
            Time(b, 112),
            Time(b, 96));
    }

    private static uint U32(byte[] b, int offset) => BitConverter.ToUInt32(b, offset);

    private static StatxTime Time(byte[] b, int offset) => new(BitConverter.ToInt64(b, offset), U32(b, offset + 8));

    private static FileType TypeOf(ushort mode) => (mode & 0xF000) switch
    {
        0x8000 => FileType.Regular,
        0x4000 => FileType.Directory,
        0xA000 => FileType.Symlink,
        0x1000 => FileType.Fifo,
        0xC000 => FileType.Socket,
        0x2000 or 0x6000 => FileType.Device,
        _ => FileType.Unknown,
    };
}

/// <summary>A <c>statx</c> timestamp: seconds and nanoseconds.</summary>
internal readonly record struct StatxTime(long Seconds, uint Nanoseconds);
