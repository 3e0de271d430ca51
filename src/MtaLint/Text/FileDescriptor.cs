using Microsoft.Win32.SafeHandles;

namespace MtaLint.Text;

/// <summary>
/// An open Linux file descriptor, closed once when disposed. 0 is a valid descriptor, so only -1 is
/// invalid (unlike <c>SafeHandleZeroOrMinusOneIsInvalid</c>).
/// </summary>
internal sealed class FileDescriptor : SafeHandleMinusOneIsInvalid
{
    public FileDescriptor()
        : base(ownsHandle: true)
    {
    }

    private FileDescriptor(int fd)
        : base(ownsHandle: true) => SetHandle(fd);

    /// <summary>Wraps what <c>openat</c> returned, or throws its errno when it failed.</summary>
    public static FileDescriptor FromResult(int fd, string call, string? subject = null) => fd >= 0 ? new FileDescriptor(fd) : throw Libc.Failed(call, subject);

    protected override bool ReleaseHandle() => Libc.Close((int)handle) == 0;
}
