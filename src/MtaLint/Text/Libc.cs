using System.Runtime.InteropServices;

namespace MtaLint.Text;

/// <summary>
/// The Linux system calls the write path makes on descriptors, which .NET does not expose
/// (<c>openat</c>, <c>renameat</c>, <c>fchown</c>, <c>statx</c>, the <c>f*xattr</c> family).
/// Source-generated (<c>LibraryImport</c>), so the NativeAOT executable needs no runtime
/// marshalling. Paths and names are NUL-terminated bytes: a file name need not be UTF-8.
/// Hand-written rather than taken from a package: Tmds.LibC has not changed since 2020 and
/// marshals at run time, Mono.Unix ships a native shim per platform; these are fifteen calls.
/// </summary>
internal static partial class Libc
{
    public const int AtFdCwd = -100;
    public const int AtSymlinkNoFollow = 0x100;
    public const int AtEmptyPath = 0x1000;

    public const int ORdOnly = 0;
    public const int OWrOnly = 1;
    public const int OCreat = 0x40;
    public const int OExcl = 0x80;
    public const int ONoCtty = 0x100;
    public const int ONonBlock = 0x800;
    public const int OCloExec = 0x80000;
    public const int OPath = 0x200000;

    /// <summary>
    /// <c>O_DIRECTORY</c> and <c>O_NOFOLLOW</c> are the two open flags whose values differ between
    /// the architectures .NET runs on: Arm, Arm64 and PowerPC use their own, the others the
    /// generic ones (x86, RISC-V, LoongArch, s390x).
    /// </summary>
    public static readonly int ODirectory = UsesArmOpenFlags ? 0x4000 : 0x10000;

    /// <inheritdoc cref="ODirectory"/>
    public static readonly int ONoFollow = UsesArmOpenFlags ? 0x8000 : 0x20000;

    private static bool UsesArmOpenFlags => RuntimeInformation.ProcessArchitecture is Architecture.Arm or Architecture.Arm64 or Architecture.Armv6 or Architecture.Ppc64le;

    public const int EPerm = 1;
    public const int ENoEnt = 2;
    public const int EIntr = 4;
    public const int EIo = 5;
    public const int EAcces = 13;
    public const int ENotDir = 20;
    public const int ENoSpc = 28;
    public const int ERofs = 30;
    public const int ERange = 34;
    public const int ENoData = 61;
    public const int EOpNotSupp = 95;
    public const int EDQuot = 122;
    public const int ELoop = 40;

    [LibraryImport("libc", EntryPoint = "openat", SetLastError = true)]
    public static partial int OpenAt(int dirfd, byte[] path, int flags, uint mode);

    [LibraryImport("libc", EntryPoint = "openat", SetLastError = true)]
    public static partial int OpenAt(SafeHandle dirfd, byte[] path, int flags, uint mode);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true)]
    public static partial int Statx(SafeHandle dirfd, byte[] path, int flags, uint mask, byte[] buffer);

    [LibraryImport("libc", EntryPoint = "readlink", SetLastError = true)]
    public static partial nint ReadLink(byte[] path, byte[] buffer, nint size);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    public static unsafe partial nint Read(SafeHandle fd, byte* buffer, nint count);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    public static unsafe partial nint Write(SafeHandle fd, byte* buffer, nint count);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    public static partial int Fsync(SafeHandle fd);

    [LibraryImport("libc", EntryPoint = "fchmod", SetLastError = true)]
    public static partial int Fchmod(SafeHandle fd, uint mode);

    [LibraryImport("libc", EntryPoint = "fchown", SetLastError = true)]
    public static partial int Fchown(SafeHandle fd, uint uid, uint gid);

    [LibraryImport("libc", EntryPoint = "renameat", SetLastError = true)]
    public static partial int RenameAt(SafeHandle olddirfd, byte[] oldpath, SafeHandle newdirfd, byte[] newpath);

    [LibraryImport("libc", EntryPoint = "unlinkat", SetLastError = true)]
    public static partial int UnlinkAt(SafeHandle dirfd, byte[] path, int flags);

    [LibraryImport("libc", EntryPoint = "flistxattr", SetLastError = true)]
    public static partial nint FListXattr(SafeHandle fd, byte[]? list, nint size);

    [LibraryImport("libc", EntryPoint = "fgetxattr", SetLastError = true)]
    public static partial nint FGetXattr(SafeHandle fd, byte[] name, byte[]? value, nint size);

    [LibraryImport("libc", EntryPoint = "fsetxattr", SetLastError = true)]
    public static partial int FSetXattr(SafeHandle fd, byte[] name, byte[] value, nint size, int flags);

    [LibraryImport("libc", EntryPoint = "fremovexattr", SetLastError = true)]
    public static partial int FRemoveXattr(SafeHandle fd, byte[] name);

    [LibraryImport("libc", EntryPoint = "geteuid")]
    public static partial uint GetEuid();

    /// <summary>A path or name as the NUL-terminated bytes the calls take.</summary>
    public static byte[] CString(ReadOnlySpan<byte> bytes)
    {
        var z = new byte[bytes.Length + 1];
        bytes.CopyTo(z);
        return z;
    }

    /// <summary>The errno of the last call, as an exception that names the call and keeps the number for the caller to explain.</summary>
    public static SystemCallException Failed(string call, string? subject = null) => new(call, Marshal.GetLastPInvokeError(), subject);
}

/// <summary>A system call failed; <see cref="Errno"/> says why, for a message the user can act on.</summary>
internal sealed class SystemCallException(string call, int errno, string? subject = null)
    : IOException($"{call}{(subject is null ? "" : " " + subject)}: {Marshal.GetPInvokeErrorMessage(errno)}")
{
    public string Call { get; } = call;

    /// <summary>What the call was about where it is not the file being written (a folder on the way, an attribute name), else null.</summary>
    public string? Subject { get; } = subject;

    public int Errno { get; } = errno;

    /// <summary>The system's own words for the error, lower-case as a clause ("no space left on device").</summary>
    public string Reason => Lower(Marshal.GetPInvokeErrorMessage(Errno));

    private static string Lower(string s) => s.Length > 0 && char.IsUpper(s[0]) && (s.Length == 1 || !char.IsUpper(s[1])) ? char.ToLowerInvariant(s[0]) + s[1..] : s;
}
