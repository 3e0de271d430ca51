using System.Text;
using MtaLint.Text;

namespace MtaLint.Workspace;

/// <summary>Why a fixed file was not written; the file on disk is unchanged.</summary>
public sealed class FileWriteException(string path, string message) : Exception(message)
{
    public string Path { get; } = path;
}

/// <summary>The points of a write a test may pause at, to act as another user would in between.</summary>
internal enum WriteStep
{
    /// <summary>The temporary file exists, empty, readable and writable by this process's user only.</summary>
    TempCreated,

    /// <summary>The new content is in the temporary file and on disk; its owner, attributes and mode are not set yet.</summary>
    TempWritten,

    /// <summary>The temporary file is complete; next come the last checks and the rename.</summary>
    ReadyToRename,
}

/// <summary>
/// Replaces a file's content without ever leaving it half-written, and without a path that another
/// user can redirect: the folder is opened once by descriptor (no symlink followed on the way), the
/// new bytes go to a temporary file created in it with mode 0600, which gets the original's owner,
/// extended attributes (ACLs, SELinux label) and mode through its own descriptor, is flushed to
/// disk, and is renamed over the original after checking, last, that the original is still the
/// file that was read. Linux only: elsewhere nothing is written.
/// </summary>
internal static class AtomicFileWriter
{
    /// <summary>
    /// Writes <paramref name="bytes"/> over the file that <paramref name="original"/> was read from
    /// (through a symlink: its target, where it was when read) if it is still that file, unchanged.
    /// A file or folder without any write permission bit is refused even where the process could
    /// override it (root): a read-only mode is the owner's intent. So is a file with more than one
    /// hard link (replacing it would cut the others off), and one whose owner this process cannot
    /// give the new file (it would change hands).
    /// </summary>
    public static void Replace(string path, byte[] bytes, InputFile original) => Replace(path, bytes, original, pause: null);

    /// <inheritdoc cref="Replace(string, byte[], InputFile)"/>
    /// <param name="pause">Called at each <see cref="WriteStep"/>: tests act there as a concurrent user would.</param>
    internal static void Replace(string path, byte[] bytes, InputFile original, Action<WriteStep>? pause)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new FileWriteException(path, "mtalint writes fixes only on Linux, where it can do so through descriptors; the file was not changed");
        }

        if (original.Location is not { } location || original.Status is not { } read)
        {
            throw new FileWriteException(path, "cannot tell where the file that was read is on disk (is /proc mounted?); it was not changed");
        }

        var slash = location.AsSpan().LastIndexOf((byte)'/');
        var name = location[(slash + 1)..];
        using var folder = OpenFolder(path, location.AsSpan(0, Math.Max(slash, 1)));
        var (target, checkedStatus) = OpenTarget(path, folder, name, read, original.Bytes);
        using (target)
        {
            new Replacement(path, folder, name, target, checkedStatus, pause).Write(bytes);
        }
    }

    private static FolderHandle OpenFolder(string path, ReadOnlySpan<byte> location)
    {
        try
        {
            return FolderHandle.Open(location);
        }
        catch (SystemCallException e) when (e.Errno is Libc.ELoop or Libc.ENotDir)
        {
            throw new FileWriteException(path, $"the folder {e.Subject} was replaced (by a symlink or a file) since mtalint read the file; it was not changed (run mtalint again)");
        }
        catch (SystemCallException e) when (e.Errno == Libc.ENoEnt)
        {
            throw new FileWriteException(path, $"the folder {e.Subject} was moved or removed since mtalint read the file; it was not changed (run mtalint again)");
        }
        catch (SystemCallException e)
        {
            throw new FileWriteException(path, $"cannot open the folder {e.Subject}: {e.Reason}; the file was not changed");
        }
    }

    /// <summary>
    /// The file to replace, opened without following a symlink or blocking on a FIFO, after checking
    /// it is the file that was read, unchanged since: same inode, size, modification time and bytes.
    /// Its status then is what the new file must match (owner, mode) and what the last check compares.
    /// </summary>
    private static (FileDescriptor Fd, FileStatus Status) OpenTarget(string path, FolderHandle folder, byte[] name, FileStatus read, byte[] expected)
    {
        FileStatus now;
        try
        {
            now = folder.Status(name);
        }
        catch (SystemCallException e) when (e.Errno == Libc.ENoEnt)
        {
            throw new FileWriteException(path, "the file was moved or removed since mtalint read it; it was not changed (run mtalint again)");
        }
        catch (SystemCallException e)
        {
            throw new FileWriteException(path, $"cannot check the file before writing: {e.Reason}; it was not changed");
        }

        CheckUnchanged(path, now, read);
        if (!now.AnyWriteBit)
        {
            throw new FileWriteException(path, "the file is read-only; it was not changed");
        }

        if (!FileStatus.Of(folder.Descriptor).AnyWriteBit)
        {
            throw new FileWriteException(path, "its folder is read-only; the file was not changed");
        }

        if (now.Links > 1)
        {
            throw new FileWriteException(path, $"the file has {now.Links} hard links (other names for the same file); replacing it would leave the others with the old text, so it was not changed (fix the file under a name that is its only link)");
        }

        FileDescriptor? fd = null;
        try
        {
            fd = folder.OpenForRead(name);
            var status = FileStatus.Of(fd);
            CheckUnchanged(path, status, read);
            if (!DescriptorIo.ReadAll(fd, expected.Length).AsSpan().SequenceEqual(expected))
            {
                throw new FileWriteException(path, "the file changed on disk since mtalint read it; it was not changed (run mtalint again)");
            }

            return (fd, status);
        }
        catch (Exception e) when (e is SystemCallException or IOException)
        {
            fd?.Dispose();
            var reason = e is SystemCallException { Errno: Libc.ELoop } ? "it was replaced by a symlink" : e is SystemCallException s ? s.Reason : e.Message;
            throw new FileWriteException(path, $"cannot check the file before writing: {reason}; it was not changed");
        }
        catch
        {
            fd?.Dispose();
            throw;
        }
    }

    /// <summary>Refuses a file that is not the one that was read, or that changed since.</summary>
    private static void CheckUnchanged(string path, FileStatus now, FileStatus read)
    {
        if (now.Type != FileType.Regular || now.Identity != read.Identity)
        {
            var what = now.Type switch
            {
                FileType.Symlink => "by a symlink",
                FileType.Fifo or FileType.Socket or FileType.Device => $"by {UnixFileType.Describe(now.Type)}",
                FileType.Directory => "by a folder",
                _ => "by another file",
            };
            throw new FileWriteException(path, $"the file was replaced on disk since mtalint read it ({what}); it was not changed (run mtalint again)");
        }

        if (now.Size != read.Size || now.Modified != read.Modified)
        {
            throw new FileWriteException(path, "the file changed on disk since mtalint read it; it was not changed (run mtalint again)");
        }
    }

    /// <summary>One replacement in progress: the temporary file, from creation to rename or removal.</summary>
    private sealed class Replacement(string path, FolderHandle folder, byte[] name, FileDescriptor target, FileStatus wanted, Action<WriteStep>? pause)
    {
        /// <summary>Names longer than this are shortened in the temporary file's name, which must stay within NAME_MAX (255 bytes).</summary>
        private const int NameBytesInTemp = 180;

        private readonly byte[] _tempName = TempName(name);

        public void Write(byte[] bytes)
        {
            FileDescriptor temp;
            try
            {
                temp = folder.CreateNew(_tempName);
            }
            catch (SystemCallException e)
            {
                throw new FileWriteException(path, $"the fixed file could not be written: cannot create a temporary file in {folder.Path}: {Why(e)}; the file was not changed");
            }

            using (temp)
            {
                FileIdentity? tempIdentity = null;
                try
                {
                    tempIdentity = FileStatus.Of(temp).Identity;
                    pause?.Invoke(WriteStep.TempCreated);
                    DescriptorIo.WriteAll(temp, bytes);
                    DescriptorIo.Sync(temp);
                    pause?.Invoke(WriteStep.TempWritten);
                    GiveOwner(temp, wanted);
                    CopyAttributes(temp);
                    SetMode(temp, wanted);
                    DescriptorIo.Sync(temp);
                    pause?.Invoke(WriteStep.ReadyToRename);

                    // Last: the original is still the file checked (not edited, replaced or linked
                    // since), and the temporary name still ours (not swapped for a symlink).
                    var last = Status(name, "the file was moved or removed while mtalint wrote it; it was not changed (run mtalint again)");
                    if (last.Identity != wanted.Identity || last.Size != wanted.Size || last.Modified != wanted.Modified
                        || last.Changed != wanted.Changed || last.Links != 1 || last.Type != FileType.Regular)
                    {
                        throw new FileWriteException(path, "the file changed on disk while mtalint wrote it; it was not changed (run mtalint again)");
                    }

                    if (Status(_tempName, TempGone).Identity != tempIdentity)
                    {
                        throw new FileWriteException(path, TempGone);
                    }

                    folder.Rename(_tempName, name);
                }
                catch (SystemCallException e)
                {
                    RemoveTemp(tempIdentity);
                    throw new FileWriteException(path, $"the fixed file could not be written: {Why(e)}; the file was not changed");
                }
                catch
                {
                    RemoveTemp(tempIdentity);
                    throw;
                }

                try
                {
                    folder.Sync();
                    if (folder.Status(name).Identity != tempIdentity)
                    {
                        throw new FileWriteException(path, Replaced);
                    }
                }
                catch (SystemCallException e)
                {
                    throw new FileWriteException(path, $"the fixed file was renamed into place, but making that durable failed: {Why(e)}; check the file");
                }
            }
        }

        private const string TempGone = "the temporary file mtalint wrote was moved or replaced by someone else (the folder is writable by others); the file was not changed";

        private const string Replaced = "another file was put in place of the file as mtalint renamed the fixed copy over it (the folder is writable by others); check what it holds now";

        /// <summary>The entry's status, or the write refused with <paramref name="gone"/> where it is not there.</summary>
        private FileStatus Status(byte[] entry, string gone)
        {
            try
            {
                return folder.Status(entry);
            }
            catch (SystemCallException e) when (e.Errno == Libc.ENoEnt)
            {
                throw new FileWriteException(path, gone);
            }
        }

        /// <summary>
        /// The original's owner and group, or the write refused: a file that would change hands
        /// (a shared file given to whoever ran the fix) is not written. Only root may give a file
        /// away; others may only set a group they belong to on a file they own.
        /// </summary>
        private void GiveOwner(FileDescriptor temp, FileStatus wanted)
        {
            var now = FileStatus.Of(temp);
            if (now.Uid == wanted.Uid && now.Gid == wanted.Gid)
            {
                return;
            }

            if (Libc.Fchown(temp, wanted.Uid, wanted.Gid) != 0)
            {
                var e = Libc.Failed("fchown");
                if (e.Errno != Libc.EPerm)
                {
                    throw e;
                }

                throw new FileWriteException(path, $"the file belongs to user {wanted.Uid}, group {wanted.Gid}; mtalint runs as user {Libc.GetEuid()} and cannot give the new file the same owner, so it was not changed (run it as the file's owner, or as root)");
            }
        }

        /// <summary>The original's extended attributes (ACLs, SELinux label...), exactly: the write is refused where one cannot be copied.</summary>
        private void CopyAttributes(FileDescriptor temp)
        {
            try
            {
                ExtendedAttributes.Apply(ExtendedAttributes.Read(target), temp);
            }
            catch (SystemCallException e) when (e.Call is "fsetxattr" or "fremovexattr")
            {
                throw new FileWriteException(path, $"cannot give the new file the extended attribute {e.Subject} the file has ({e.Reason}); it was not changed");
            }
        }

        /// <summary>The original's permission bits, set-id and sticky included (after <c>fchown</c>, which clears set-id), then checked.</summary>
        private void SetMode(FileDescriptor temp, FileStatus wanted)
        {
            if (Libc.Fchmod(temp, wanted.Permissions) != 0)
            {
                throw Libc.Failed("fchmod");
            }

            var now = FileStatus.Of(temp);
            if (now.Permissions != wanted.Permissions || now.Uid != wanted.Uid || now.Gid != wanted.Gid)
            {
                throw new FileWriteException(path, $"cannot give the new file the mode {Convert.ToString(wanted.Permissions, 8)} and owner {wanted.Uid}:{wanted.Gid} the file has; it was not changed");
            }
        }

        /// <summary>Removes the temporary file, if the name still holds it (never someone else's file put there).</summary>
        private void RemoveTemp(FileIdentity? tempIdentity)
        {
            try
            {
                if (tempIdentity is not null && folder.Status(_tempName).Identity == tempIdentity)
                {
                    folder.Remove(_tempName);
                }
            }
            catch (SystemCallException)
            {
                // Gone or not ours: nothing of ours to remove; the original is untouched either way.
            }
        }

        private static byte[] TempName(byte[] name)
        {
            var kept = name.Length <= NameBytesInTemp ? name : name[..NameBytesInTemp];
            return [.. "."u8, .. kept, .. Encoding.ASCII.GetBytes($".mtalint-{Guid.NewGuid():N}.tmp")];
        }
    }

    /// <summary>Why a write failed, in a user's words (a full disk, a quota, a read-only file system...).</summary>
    internal static string Why(SystemCallException e) => e.Errno switch
    {
        Libc.ENoSpc => "the file system is full (no space left on device)",
        Libc.EDQuot => "the disk quota is exhausted",
        Libc.ERofs => "the file system is read-only",
        Libc.EAcces => "permission denied",
        Libc.EPerm when e.Call == "renameat" => "the file may not be replaced (operation not permitted: is it immutable or append-only, chattr +i or +a?)",
        Libc.EIo => "an input/output error (the disk may be failing)",
        _ => e.Reason,
    };
}
