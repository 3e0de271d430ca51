using MtaLint.Dialects;

namespace MtaLint.Workspace;

/// <summary>A path that could not be used as input, and why (missing, unreadable folder, not a config).</summary>
public sealed record InputProblem(string Path, string Message);

/// <summary>The config units found under the paths a user gave, in a deterministic order, and what could not be used.</summary>
public sealed record Discovery(IReadOnlyList<ConfigUnit> Units, IReadOnlyList<InputProblem> Problems, int FileCount)
{
    /// <summary>Template files (Jinja, ERB, <c>.in</c>) left out of the run; reported as a note, not an error.</summary>
    public IReadOnlyList<string> SkippedTemplates { get; init; } = [];

    /// <summary>Symlinks met in a walk that lead out of the folder walked; not linted, so a fix never writes outside the tree.</summary>
    public IReadOnlyList<string> SkippedSymlinks { get; init; } = [];
}

/// <summary>
/// Turns command-line paths into config units: files are taken as given, folders are walked
/// (sorted, hidden folders such as <c>.git</c> skipped, directory symlinks not followed so a loop
/// cannot trap the walk), each file is offered to the dialects in registry order, and each
/// dialect groups its files into units. Only path strings are held here; file contents are
/// read later, one unit at a time.
/// </summary>
public sealed class InputDiscovery(IReadOnlyList<IDialect> dialects, IDialect? forcedDialect = null, bool includeTemplates = false, bool followSymlinks = false)
{
    private readonly List<string> _skippedTemplates = [];
    private readonly List<string> _skippedSymlinks = [];

    /// <summary>How much of a file <see cref="IDialect.Recognizes"/> may look at when the name is ambiguous.</summary>
    public const int HeadBytes = 4096;

    public Discovery Discover(IReadOnlyList<string> paths)
    {
        _skippedTemplates.Clear();
        _skippedSymlinks.Clear();
        var problems = new List<InputProblem>();
        var found = new List<(string Path, IDialect Dialect)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);

        foreach (var given in paths)
        {
            if (File.Exists(given))
            {
                AddExplicitFile(given, found, seen, problems);
            }
            else if (Directory.Exists(given))
            {
                Walk(given, found, seen, problems, Path.GetFullPath(given));
            }
            else
            {
                problems.Add(new InputProblem(given, "no such file or directory"));
            }
        }

        var units = new List<(int Order, ConfigUnit Unit)>();
        var order = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < found.Count; i++)
        {
            order[found[i].Path] = i;
        }

        foreach (var group in found.GroupBy(f => f.Dialect))
        {
            foreach (var unit in group.Key.Group(group.Select(f => f.Path).ToArray()))
            {
                var first = unit.Paths.Min(p => order.TryGetValue(p, out var o) ? o : int.MaxValue);
                units.Add((first, unit));
            }
        }

        return new Discovery(units.OrderBy(u => u.Order).Select(u => u.Unit).ToArray(), problems, found.Count)
        {
            SkippedTemplates = _skippedTemplates.ToArray(),
            SkippedSymlinks = _skippedSymlinks.ToArray(),
        };
    }

    private void AddExplicitFile(string path, List<(string, IDialect)> found, HashSet<string> seen, List<InputProblem> problems)
    {
        var display = Normalize(path);
        if (!seen.Add(Path.GetFullPath(path)))
        {
            return;
        }

        if (IsSkippedTemplate(path))
        {
            _skippedTemplates.Add(display);
            return;
        }

        if (forcedDialect is not null)
        {
            found.Add((display, forcedDialect));
            return;
        }

        if (Recognize(path) is { } dialect)
        {
            found.Add((display, dialect));
            return;
        }

        var names = string.Join("|", dialects.Select(d => d.Name));
        problems.Add(new InputProblem(display, $"not a mail server config mtalint recognises by its name or content (use --dialect {names})"));
    }

    private void Walk(string folder, List<(string, IDialect)> found, HashSet<string> seen, List<InputProblem> problems, string root)
    {
        string[] entries;
        try
        {
            entries = Directory.GetFileSystemEntries(folder);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            problems.Add(new InputProblem(Normalize(folder), "cannot read the folder: " + InputFile.Describe(e)));
            return;
        }

        // Entries in ordinal order, folders visited where they sort: the output order is the sorted path order.
        Array.Sort(entries, StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            FileSystemInfo info;
            try
            {
                info = Directory.Exists(entry) ? new DirectoryInfo(entry) : new FileInfo(entry);
            }
            catch (Exception e) when (e is UnauthorizedAccessException or IOException)
            {
                continue;
            }

            if (info is DirectoryInfo directory)
            {
                // Symlinked folders are not followed: they could loop or lead out of the tree.
                // Hidden folders (.git, tool caches) are skipped in a walk; name one to lint it.
                if (!directory.Name.StartsWith('.') && directory.LinkTarget is null)
                {
                    Walk(entry, found, seen, problems, root);
                }

                continue;
            }

            if (!info.Exists)
            {
                continue; // a broken symlink
            }

            if (!followSymlinks && info.LinkTarget is not null && !InsideRoot(entry, root))
            {
                _skippedSymlinks.Add(Normalize(entry));
                continue;
            }

            var dialect = forcedDialect is not null
                ? forcedDialect.Recognizes(entry, () => ReadHead(entry)) ? forcedDialect : null
                : Recognize(entry);
            // Only templates of mail configs are worth a note, not every Makefile.in in the tree.
            if (dialect is not null && seen.Add(Path.GetFullPath(entry)))
            {
                if (IsSkippedTemplate(entry))
                {
                    _skippedTemplates.Add(Normalize(entry));
                }
                else
                {
                    found.Add((Normalize(entry), dialect));
                }
            }
        }
    }

    private bool IsSkippedTemplate(string path) =>
        !includeTemplates && TemplateDetector.IsTemplate(path, TemplateDetector.HasTemplateName(path) ? string.Empty : ReadHead(path));

    private static bool InsideRoot(string link, string root)
    {
        try
        {
            var target = File.ResolveLinkTarget(link, returnFinalTarget: true)?.FullName;
            var prefix = Path.TrimEndingDirectorySeparator(root) + Path.DirectorySeparatorChar;
            return target is not null && target.StartsWith(prefix, StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false; // a loop or an unreadable link: not followed
        }
    }

    private IDialect? Recognize(string path)
    {
        string? head = null;
        string Head() => head ??= ReadHead(path);
        return dialects.FirstOrDefault(d => d.Recognizes(path, Head));
    }

    private static string ReadHead(string path)
    {
        try
        {
            using var stream = SafeOpen.ForRead(path);
            if (!stream.CanSeek)
            {
                return string.Empty; // a pipe: reading could block
            }

            var buffer = new byte[HeadBytes];
            var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            return System.Text.Encoding.Latin1.GetString(buffer, 0, read);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            return string.Empty;
        }
    }

    /// <summary>Paths in output use '/' and keep the form the user gave (relative stays relative).</summary>
    public static string Normalize(string path)
    {
        var p = path.Replace('\\', '/');
        while (p.StartsWith("./", StringComparison.Ordinal) && p.Length > 2)
        {
            p = p[2..];
        }

        return p;
    }
}
