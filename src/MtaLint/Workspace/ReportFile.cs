using System.Text;
using MtaLint.Text;

namespace MtaLint.Workspace;

/// <summary>
/// The <c>--output-file</c> of a run: written to a new temporary file beside it and renamed over it
/// only when the run got to the end, so a run that fails half-way leaves the file as it was (or
/// absent), never half a report. The rename replaces a symlink at the path rather than writing
/// through it: a link planted in a shared folder cannot redirect the report.
/// </summary>
public sealed class ReportFile : IDisposable
{
    private readonly string _path;
    private readonly string _temp;
    private readonly FileStream _stream;
    private bool _committed;

    private ReportFile(string path, string temp, FileStream stream)
    {
        _path = path;
        _temp = temp;
        _stream = stream;
        Writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
    }

    /// <summary>Where the report goes until <see cref="Commit"/>.</summary>
    public StreamWriter Writer { get; }

    /// <summary>Starts the report file; throws <see cref="FileWriteException"/> when its folder cannot take it.</summary>
    public static ReportFile Create(string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (Directory.Exists(path))
        {
            throw new FileWriteException(path, "it is a folder");
        }

        var temp = Path.Combine(folder, $".{Path.GetFileName(path)}.mtalint-{Guid.NewGuid():N}.tmp");
        try
        {
            return new ReportFile(path, temp, new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.None));
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new FileWriteException(path, "cannot create it: " + (e is DirectoryNotFoundException ? "its folder does not exist" : InputFile.Describe(e)));
        }
    }

    /// <summary>Puts the finished report in place.</summary>
    public void Commit()
    {
        try
        {
            Writer.Flush();
            _stream.Flush(flushToDisk: true);
            _stream.Dispose();
            File.Move(_temp, _path, overwrite: true);
            _committed = true;
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new FileWriteException(_path, "cannot write it: " + InputFile.Describe(e));
        }
    }

    /// <summary>Without <see cref="Commit"/>: removes the temporary file, leaving the path as it was.</summary>
    public void Dispose()
    {
        if (_committed)
        {
            return;
        }

        try
        {
            _stream.Dispose();
            File.Delete(_temp);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            // The run is failing already; a stray temporary file is the lesser harm.
        }
    }
}
