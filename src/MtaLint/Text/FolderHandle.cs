using System.Text;

namespace MtaLint.Text;

/// <summary>
/// A folder opened once, by descriptor, and the operations on its entries: every later call names
/// an entry relative to this descriptor, so renaming the folder or putting a symlink in its place
/// cannot redirect them. Opening walks the path one component at a time from <c>/</c> with
/// <c>O_NOFOLLOW</c>: no symlink is followed anywhere on the way.
/// </summary>
internal sealed class FolderHandle : IDisposable
{
    private FolderHandle(FileDescriptor fd, string path, bool readable)
    {
        Descriptor = fd;
        Path = path;
        Readable = readable;
    }

    public FileDescriptor Descriptor { get; }

    /// <summary>The folder's path, for messages.</summary>
    public string Path { get; }

    /// <summary>False when the folder may be searched but not read (mode 0311): it cannot be flushed then.</summary>
    public bool Readable { get; }

    /// <summary>
    /// Opens the folder at the absolute, symlink-free <paramref name="path"/> (as the kernel names an
    /// open file). A component that is now a symlink, or not a folder, fails the walk with <c>ELOOP</c>
    /// or <c>ENOTDIR</c>; <see cref="SystemCallException.Subject"/> names the component's path.
    /// </summary>
    public static FolderHandle Open(ReadOnlySpan<byte> path)
    {
        if (path.IsEmpty || path[0] != (byte)'/')
        {
            throw new ArgumentException("an absolute path is needed", nameof(path));
        }

        var walked = new List<byte>(path.Length) { (byte)'/' };
        var current = FileDescriptor.FromResult(Libc.OpenAt(Libc.AtFdCwd, Libc.CString("/"u8), Libc.OPath | Libc.ODirectory | Libc.OCloExec, 0), "openat", "/");
        try
        {
            var components = Components(path);
            for (var i = 0; i < components.Count; i++)
            {
                var name = components[i];
                if (walked.Count > 1)
                {
                    walked.Add((byte)'/');
                }

                walked.AddRange(name);
                var last = i == components.Count - 1;
                var flags = (last ? Libc.ORdOnly : Libc.OPath) | Libc.ODirectory | Libc.ONoFollow | Libc.OCloExec;
                var fd = Libc.OpenAt(current, Libc.CString(name), flags, 0);
                if (fd < 0 && last && System.Runtime.InteropServices.Marshal.GetLastPInvokeError() == Libc.EAcces)
                {
                    // A folder that may be searched and written but not read: write into it, unflushed.
                    fd = Libc.OpenAt(current, Libc.CString(name), Libc.OPath | Libc.ODirectory | Libc.ONoFollow | Libc.OCloExec, 0);
                    var next = FileDescriptor.FromResult(fd, "openat", Display(walked));
                    current.Dispose();
                    return new FolderHandle(next, Display(walked), readable: false);
                }

                var opened = FileDescriptor.FromResult(fd, "openat", Display(walked));
                current.Dispose();
                current = opened;
            }

            if (components.Count == 0)
            {
                // "/" itself: reopen readable, so it can be flushed.
                var root = FileDescriptor.FromResult(Libc.OpenAt(Libc.AtFdCwd, Libc.CString("/"u8), Libc.ORdOnly | Libc.ODirectory | Libc.OCloExec, 0), "openat", "/");
                current.Dispose();
                current = root;
            }

            return new FolderHandle(current, Display(walked), readable: true);
        }
        catch
        {
            current.Dispose();
            throw;
        }
    }

    private static List<byte[]> Components(ReadOnlySpan<byte> path)
    {
        var parts = new List<byte[]>();
        foreach (var range in path.Split((byte)'/'))
        {
            var part = path[range];
            if (!part.IsEmpty)
            {
                parts.Add(part.ToArray());
            }
        }

        return parts;
    }

    /// <summary>A path of bytes as text for messages (bytes that are not UTF-8 shown as U+FFFD).</summary>
    public static string Display(IEnumerable<byte> path) => Encoding.UTF8.GetString(path.ToArray());

    /// <summary>What the entry <paramref name="name"/> is now, without following a symlink.</summary>
    public FileStatus Status(byte[] name) => FileStatus.At(Descriptor, Libc.CString(name));

    /// <summary>
    /// Opens the entry for reading without following a symlink (<c>ELOOP</c>) and without blocking
    /// on a FIFO (<c>O_NONBLOCK</c>) or taking a terminal (<c>O_NOCTTY</c>).
    /// </summary>
    public FileDescriptor OpenForRead(byte[] name) => FileDescriptor.FromResult(
        Libc.OpenAt(Descriptor, Libc.CString(name), Libc.ORdOnly | Libc.ONoFollow | Libc.ONonBlock | Libc.ONoCtty | Libc.OCloExec, 0), "openat");

    /// <summary>
    /// Creates the entry <paramref name="name"/>, which must not exist (<c>O_EXCL</c>: not even as a
    /// symlink), readable and writable by this process's user only.
    /// </summary>
    public FileDescriptor CreateNew(byte[] name) => FileDescriptor.FromResult(
        Libc.OpenAt(Descriptor, Libc.CString(name), Libc.OWrOnly | Libc.OCreat | Libc.OExcl | Libc.ONoFollow | Libc.OCloExec, 0x180 /* 0600 */), "openat");

    /// <summary>Renames the entry <paramref name="from"/> to <paramref name="to"/> within this folder, replacing what is there.</summary>
    public void Rename(byte[] from, byte[] to)
    {
        if (Libc.RenameAt(Descriptor, Libc.CString(from), Descriptor, Libc.CString(to)) != 0)
        {
            throw Libc.Failed("renameat");
        }
    }

    /// <summary>Removes the entry (a file, or a symlink itself).</summary>
    public void Remove(byte[] name)
    {
        if (Libc.UnlinkAt(Descriptor, Libc.CString(name), 0) != 0)
        {
            throw Libc.Failed("unlinkat");
        }
    }

    /// <summary>Flushes the folder's entries to disk, so a rename in it survives a crash; nothing where it cannot be read.</summary>
    public void Sync()
    {
        if (Readable && Libc.Fsync(Descriptor) != 0)
        {
            throw Libc.Failed("fsync", Path);
        }
    }

    public void Dispose() => Descriptor.Dispose();
}
