using System.Text;
using MtaLint.Text;

namespace MtaLint.Workspace;

/// <summary>
/// The <c>--output-file</c> of a run, written whole or not at all: the report goes to a new
/// temporary file beside FILE and is renamed over it only when the run got to the end, so a run
/// that fails half-way (or a full disk) leaves FILE as it was, or absent, never half a report.
/// As <see cref="AtomicFileWriter"/> does for fixes, the folder is opened once by descriptor along
/// its real path and every later step names an entry in it: swapping the folder for a symlink
/// meanwhile cannot send the report elsewhere, and a symlink at FILE is replaced, not written
/// through. Linux only, like <c>--fix</c>.
/// </summary>
public sealed class ReportFile : IDisposable
{
    /// <summary>Names longer than this are shortened in the temporary file's name, which must stay within NAME_MAX (255 bytes).</summary>
    private const int NameBytesInTemp = 180;

    private readonly string _path;
    private readonly FolderHandle _folder;
    private readonly byte[] _name;
    private readonly byte[] _tempName;
    private readonly FileDescriptor _temp;
    private readonly FileIdentity _tempIdentity;
    private readonly DescriptorStream _stream;
    private bool _committed;

    private ReportFile(string path, FolderHandle folder, byte[] name, byte[] tempName, FileDescriptor temp)
    {
        _path = path;
        _folder = folder;
        _name = name;
        _tempName = tempName;
        _temp = temp;
        _tempIdentity = FileStatus.Of(temp).Identity;
        _stream = new DescriptorStream(temp);
        Writer = new StreamWriter(_stream, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
    }

    /// <summary>Where the report goes until <see cref="Commit"/>.</summary>
    public StreamWriter Writer { get; }

    /// <summary>Starts the report file; throws <see cref="FileWriteException"/> when its folder cannot take it.</summary>
    public static ReportFile Create(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new FileWriteException(path, "mtalint writes files only on Linux, where it can do so through descriptors; redirect standard output instead");
        }

        var full = Path.GetFullPath(path);
        if (Directory.Exists(path) || Path.GetFileName(full).Length == 0)
        {
            throw new FileWriteException(path, "it is a folder");
        }

        if (RealPath.Of(Path.GetDirectoryName(full)!) is not { } folderPath || !Directory.Exists(folderPath))
        {
            throw new FileWriteException(path, "cannot create it: its folder does not exist");
        }

        var name = Encoding.UTF8.GetBytes(Path.GetFileName(full));
        var tempName = TempName(name);
        FolderHandle? folder = null;
        try
        {
            folder = FolderHandle.Open(Encoding.UTF8.GetBytes(folderPath));
            return new ReportFile(path, folder, name, tempName, folder.CreateNew(tempName));
        }
        catch (SystemCallException e)
        {
            folder?.Dispose();
            throw new FileWriteException(path, "cannot create it: " + AtomicFileWriter.Why(e));
        }
    }

    /// <summary>Puts the finished report in place, with the mode a new file gets (or the permission bits of the file it replaces).</summary>
    public void Commit()
    {
        try
        {
            Writer.Flush();
            if (_stream.Failure is { } failure)
            {
                throw failure;
            }

            if (Libc.Fchmod(_temp, ModeFor()) != 0)
            {
                throw Libc.Failed("fchmod");
            }

            DescriptorIo.Sync(_temp);
            if (_folder.Status(_tempName).Identity != _tempIdentity)
            {
                throw new FileWriteException(_path, "the temporary file mtalint wrote was moved or replaced by someone else (the folder is writable by others); the report was not written");
            }

            _folder.Rename(_tempName, _name);
            _committed = true;
            _folder.Sync();
        }
        catch (SystemCallException e)
        {
            throw new FileWriteException(_path, "cannot write it: " + AtomicFileWriter.Why(e));
        }
    }

    /// <summary>
    /// The permission bits of the regular file the report replaces (a report kept private stays
    /// so), else those a shell's <c>&gt;</c> would give: 0666 less the umask.
    /// </summary>
    private uint ModeFor()
    {
        try
        {
            if (_folder.Status(_name) is { Type: FileType.Regular } existing)
            {
                return existing.Permissions & 0x1FF;
            }
        }
        catch (SystemCallException e) when (e.Errno == Libc.ENoEnt)
        {
            // A new file.
        }

        return 0x1B6 & ~Umask();
    }

    /// <summary>This process's umask, from <c>/proc/self/status</c> (the <c>umask</c> call cannot read it without changing it); 022 where it cannot be read.</summary>
    private static uint Umask()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith("Umask:", StringComparison.Ordinal))
                {
                    return Convert.ToUInt32(line["Umask:".Length..].Trim(), 8);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            // /proc is not mounted: the common default.
        }

        return 0x12;
    }

    private static byte[] TempName(byte[] name)
    {
        var kept = name.Length > NameBytesInTemp ? name[..NameBytesInTemp] : name;
        return [(byte)'.', .. kept, .. Encoding.ASCII.GetBytes($".mtalint-{Guid.NewGuid():N}.tmp")];
    }

    /// <summary>Without <see cref="Commit"/>: removes the temporary file (if its name still holds it), leaving FILE as it was.</summary>
    public void Dispose()
    {
        try
        {
            if (!_committed && _folder.Status(_tempName).Identity == _tempIdentity)
            {
                _folder.Remove(_tempName);
            }
        }
        catch (SystemCallException)
        {
            // The run is failing already; a stray temporary file is the lesser harm.
        }
        finally
        {
            Writer.Dispose();
            _temp.Dispose();
            _folder.Dispose();
        }
    }
}
