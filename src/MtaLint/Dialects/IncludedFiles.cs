using MtaLint.Model;
using MtaLint.Text;

namespace MtaLint.Dialects;

/// <summary>
/// Finds and reads the files a config includes (Exim <c>.include</c>, Sendmail <c>include()</c>). A path
/// is taken as written: relative to the including file's folder, or absolute, and then under
/// <c>--root</c> (<see cref="AnalysisOptions.Locate"/>). The unit's own files (as read, or as fixed) are
/// taken before the disk. A file read from disk is named the way the including file is (relative to the
/// working folder when that one is relative), so that the report names it alike whichever file of the
/// unit was given.
/// </summary>
internal sealed class IncludedFiles
{
    private readonly AnalysisOptions _options;
    private readonly Dictionary<string, SourceFile> _known = new(StringComparer.Ordinal);

    public IncludedFiles(IEnumerable<SourceFile> unitFiles, AnalysisOptions options)
    {
        _options = options;
        foreach (var file in unitFiles.Concat(options.Included))
        {
            _known.TryAdd(Path.GetFullPath(file.Path), file);
        }
    }

    /// <summary>The file the path names, as a full path on this machine (under the root when it is absolute); null for a name no file can have (a NUL in it).</summary>
    public string? Where(string written, SourceFile from) =>
        written.Contains('\0', StringComparison.Ordinal) ? null
        : written.StartsWith('/') ? Path.GetFullPath(_options.Locate(written))
        : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(from.Path)) ?? "/", written));

    /// <summary>For a message about a missing include: where it was looked for, when that is not the path as written.</summary>
    public string LookedFor(string written, SourceFile from) =>
        Where(written, from) is { } where && where != written ? $" (looked for {NameLike(where, from)})" : string.Empty;

    /// <summary>
    /// The included file; null when there is none, with <paramref name="unreadable"/> saying why when it
    /// exists but cannot be read (a folder, a FIFO, permission denied, too large).
    /// </summary>
    public SourceFile? Load(string written, SourceFile from, out string? unreadable)
    {
        unreadable = null;
        // A stray NUL in an include's name (found by the fuzzer) names no file an MTA could open.
        if (Where(written, from) is not { } full)
        {
            unreadable = "the name holds a NUL byte";
            return null;
        }

        if (_known.TryGetValue(full, out var known))
        {
            return known;
        }

        if (!File.Exists(full) && !Directory.Exists(full))
        {
            return null;
        }

        // The workspace's read: a FIFO is refused instead of blocking, a folder or a huge file is reported.
        // Read through the name the report uses (it names the same file).
        var input = InputFile.Read(NameLike(full, from), out var error);
        if (error is not null)
        {
            unreadable = error;
            return null;
        }

        _known[full] = input.Source;
        return input.Source;
    }

    /// <summary>
    /// Where a config that includes <paramref name="path"/> is looked for when it is named alone: its own
    /// folder and the one above (<c>m4/x.m4</c> beside <c>sendmail.mc</c>'s folder), spelt like the path
    /// (relative stays relative), so their files are named as a walk names them.
    /// </summary>
    public static IEnumerable<string> IncluderFolders(string path)
    {
        var folder = Path.GetDirectoryName(path) ?? string.Empty;
        string? parent = folder.Length == 0 ? ".."
            : Path.GetFileName(folder) == ".." ? folder + "/.."
            : Path.GetDirectoryName(folder);
        return parent is null ? [folder] : [folder, parent];
    }

    /// <summary>How the report names a file: absolute when the including file is named so, else relative to the working folder.</summary>
    public static string NameLike(string full, SourceFile from) =>
        Path.IsPathRooted(from.Path) ? full : Path.GetRelativePath(Directory.GetCurrentDirectory(), full).Replace('\\', '/');
}
