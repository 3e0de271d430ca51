using MtaLint.Text;

namespace MtaLint.Workspace;

/// <summary>Why a fixed file was not written; the file on disk is unchanged.</summary>
public sealed class FileWriteException(string path, string message) : Exception(message)
{
    public string Path { get; } = path;
}

/// <summary>
/// Replaces a file's content without ever leaving it half-written: the new bytes go to a
/// temporary file in the same folder (same file system, so the rename is atomic), which gets
/// the original's mode, is flushed to disk, and is renamed over the original.
/// </summary>
public static class AtomicFileWriter
{
    private const UnixFileMode AnyWrite = UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;

    /// <summary>
    /// Writes <paramref name="bytes"/> to <paramref name="path"/> if it is still the file that was
    /// read (<paramref name="original"/>: the same file, not one put or linked in its place, with the
    /// same content). A file or folder without any write permission bit is refused even where the
    /// process could override it (root): a read-only mode is the owner's intent.
    /// </summary>
    public static void Replace(string path, byte[] bytes, InputFile original)
    {
        var expected = original.Bytes;
        // Write through a symlink to its target: renaming over the link would replace it with a copy.
        path = ResolveLinks(path);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        UnixFileMode mode = default;
        try
        {
            if (!OperatingSystem.IsWindows())
            {
                mode = File.GetUnixFileMode(path);
                if ((mode & AnyWrite) == 0)
                {
                    throw new FileWriteException(path, "the file is read-only; it was not changed");
                }

                if ((File.GetUnixFileMode(folder) & AnyWrite) == 0)
                {
                    throw new FileWriteException(path, "its folder is read-only; the file was not changed");
                }
            }

            // Read back without blocking (a FIFO put in its place) and from the file the path names now:
            // a file replaced by a symlink to a copy elsewhere has the same content but is not the same file.
            using var current = SafeOpen.ForRead(path);
            if (original.Identity is { } identity && UnixFileType.IdentityOf(current.SafeFileHandle) is { } now && now != identity)
            {
                throw new FileWriteException(path, "the file was replaced on disk since mtalint read it (by another file or a symlink); it was not changed (run mtalint again)");
            }

            if (!current.CanSeek || current.Length != expected.Length || !ReadAll(current).AsSpan().SequenceEqual(expected))
            {
                throw new FileWriteException(path, "the file changed on disk since mtalint read it; it was not changed (run mtalint again)");
            }
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new FileWriteException(path, "cannot check the file before writing: " + InputFile.Describe(e));
        }

        var temp = Path.Combine(folder, $".{Path.GetFileName(path)}.mtalint-{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.None))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temp, mode);
                if (UnixOwnership.Get(path) is { } owner && UnixOwnership.Get(temp) != owner)
                {
                    // Only root may give a file away; others keep their own ownership, as an editor would.
                    UnixOwnership.Set(temp, owner);
                    File.SetUnixFileMode(temp, mode); // chown clears set-id bits
                }
            }

            File.Move(temp, path, overwrite: true);
            UnixOwnership.SyncFolder(folder);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            TryDelete(temp);
            throw new FileWriteException(path, "cannot write the file: " + InputFile.Describe(e) + "; it was not changed");
        }
    }

    private static byte[] ReadAll(FileStream stream)
    {
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }

    private static string ResolveLinks(string path)
    {
        try
        {
            return File.ResolveLinkTarget(path, returnFinalTarget: true)?.FullName ?? path;
        }
        catch (IOException e)
        {
            throw new FileWriteException(path, "cannot follow the symlink: " + e.Message);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            // Nothing was created or it is already gone; the original is untouched either way.
        }
    }
}
