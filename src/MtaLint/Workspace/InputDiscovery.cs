using MtaLint.Dialects;
using MtaLint.Model;
using MtaLint.Text;

namespace MtaLint.Workspace;

/// <summary>A path that could not be used as input, and why (missing, unreadable folder, not a config).</summary>
public sealed record InputProblem(string Path, string Message);

/// <summary>A path left out of the run and why: a note on stderr, not an error, so it does not change the exit code.</summary>
/// <param name="Why">Ends with what was done: "a template, skipped (--no-templates)".</param>
public sealed record SkippedInput(string Path, string Why)
{
    public string Note => $"{EscapedPath.Of(Path)}: {Why}";
}

/// <summary>The config units found under the paths a user gave, in a deterministic order, and what could not be used.</summary>
public sealed record Discovery(IReadOnlyList<ConfigUnit> Units, IReadOnlyList<InputProblem> Problems, int FileCount)
{
    /// <summary>
    /// The files the user asked for, named or met in a walk (full paths): a unit's other files were read
    /// because the MTA reads them with these, and the text report says so.
    /// </summary>
    public IReadOnlySet<string> Requested { get; init; } = new HashSet<string>();

    /// <summary>
    /// What was left out, in walk order: templates, symlinks out of the folder walked, and in a walk
    /// whatever could not be looked at (broken symlinks, symlink loops, FIFOs, sockets, devices,
    /// unreadable files and folders, symlinked folders).
    /// </summary>
    public IReadOnlyList<SkippedInput> Skipped { get; init; } = [];
}

/// <summary>
/// Turns command-line paths into config units: files are taken as given, folders are walked
/// (sorted, hidden folders such as <c>.git</c> skipped, directory symlinks not followed so a loop
/// cannot trap the walk), each file is offered to the dialects in registry order, and each
/// dialect groups its files into units. Only path strings and the first bytes of ambiguous files
/// are read here; file contents are read later, one unit at a time. A path named on the command
/// line that cannot be used is a problem (exit 2); an entry met in a walk is a note.
/// A file named on its own brings the files the MTA reads with it: the files of the folders its
/// dialect names (<see cref="IDialect.UnitFolders"/>), looked at as a walk would, are grouped with
/// it, and the unit that holds it is linted, the same unit a walk of its folder gives.
/// </summary>
/// <param name="options">How grouping reads files (<c>--root</c>, <c>-D</c>: which files an Exim config includes).</param>
public sealed class InputDiscovery(IReadOnlyList<IDialect> dialects, IDialect? forcedDialect = null, bool lintTemplates = true, bool followSymlinks = false, AnalysisOptions? options = null)
{
    private readonly List<SkippedInput> _skipped = [];

    /// <summary>
    /// A named file no dialect recognises, and no config beside it includes, is skipped with a note, as in a
    /// walk, instead of being a problem: pre-commit names files by a pattern that cannot look at their
    /// content (a <c>configure</c> script).
    /// </summary>
    public bool SkipUnrecognized { get; init; }

    /// <summary>How much of a file <see cref="IDialect.Recognizes"/> may look at when the name is ambiguous.</summary>
    public const int HeadBytes = 4096;

    public Discovery Discover(IReadOnlyList<string> paths)
    {
        _skipped.Clear();
        var problems = new List<InputProblem>();
        var found = new List<(string Path, IDialect Dialect)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var named = new List<(string Path, IDialect Dialect)>();
        var orphans = new List<(string Path, int Order, InputProblem Problem)>();

        foreach (var given in paths)
        {
            switch (TypeOf(given))
            {
                case FileType.Directory:
                    Walk(given, found, seen, problems, Path.GetFullPath(given), named: true);
                    break;
                case FileType.Missing or FileType.SymlinkLoop or FileType.Denied or FileType.NameTooLong:
                    problems.Add(new InputProblem(Normalize(given), WhyMissing(given)));
                    break;
                default:
                    var count = found.Count;
                    switch (AddExplicitFile(given, found, seen))
                    {
                        case (var problem, true):
                            orphans.Add((Normalize(given), found.Count, problem!));
                            break;
                        case ({ } problem, false):
                            problems.Add(problem);
                            break;
                    }

                    if (found.Count > count)
                    {
                        named.Add(found[^1]);
                    }

                    break;
            }
        }

        // Full paths: a unit's files are compared with what was asked for however each was spelt.
        var order = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < found.Count; i++)
        {
            order.TryAdd(Path.GetFullPath(found[i].Path), i);
        }

        var candidates = Beside(named, seen);
        var units = new List<(int Order, ConfigUnit Unit)>();
        foreach (var group in found.Concat(candidates).GroupBy(f => f.Dialect))
        {
            foreach (var unit in group.Key.Group(group.Select(f => f.Path).ToArray(), options ?? AnalysisOptions.Default))
            {
                // A unit of files that were only looked at beside a named one was not asked for.
                var first = unit.Files.Min(p => order.TryGetValue(Path.GetFullPath(p), out var o) ? o : int.MaxValue);
                if (first != int.MaxValue)
                {
                    units.Add((first, unit));
                }
            }
        }

        // A named file no dialect recognises may still be part of a config: a file an Exim config beside it includes.
        var adopted = 0;
        foreach (var (orphan, at, problem) in orphans)
        {
            var holding = Holding(orphan);
            if (holding.Count == 0 && SkipUnrecognized)
            {
                _skipped.Add(new SkippedInput(orphan, "not a mail server config by its name or content, skipped"));
                continue;
            }

            if (holding.Count == 0)
            {
                problems.Add(problem);
                continue;
            }

            adopted++;
            order.TryAdd(Path.GetFullPath(orphan), at);
            // The config may be here already, named itself: grouped without this file, it did not list it as included.
            static string Key(ConfigUnit u) => string.Join('\n', u.Paths.Select(Path.GetFullPath));
            foreach (var unit in holding)
            {
                var same = units.FindIndex(u => Key(u.Unit) == Key(unit));
                if (same < 0)
                {
                    units.Add((at, unit));
                }
                else if (!units[same].Unit.Files.SequenceEqual(unit.Files))
                {
                    units[same] = (units[same].Order, units[same].Unit with { Included = unit.Included.Union(units[same].Unit.Included).ToArray() });
                }
            }
        }

        // Units that share their first named file (an update-exim4.conf.conf brings its conf.d and its
        // template) come in the order a walk of their folder gives them, so the report is the same.
        units.Sort((a, b) => a.Order != b.Order ? a.Order.CompareTo(b.Order) : WalkOrder(FirstInWalk(a.Unit), FirstInWalk(b.Unit)));
        return new Discovery(units.Select(u => u.Unit).ToArray(), problems, found.Count + adopted)
        {
            Skipped = _skipped.ToArray(),
            Requested = order.Keys.ToHashSet(StringComparer.Ordinal),
        };
    }

    /// <summary>
    /// Standard input read as if it were the file <paramref name="path"/> (<c>--stdin-filename</c>; <c>-</c>
    /// without one): the name picks the dialect (or the content, or <c>--dialect</c>), and the unit is
    /// what naming that file would give, its other files read from disk.
    /// </summary>
    public Discovery DiscoverStandardInput(string path, byte[] bytes)
    {
        _skipped.Clear();
        var display = Normalize(path);
        var problems = new List<InputProblem>();
        using var head = FileHead.Of(bytes);
        var (dialect, template) = Classify(path, head, named: true);
        if (template is not null)
        {
            _skipped.Add(new SkippedInput(display, template));
        }
        else if (dialect is null && SkipUnrecognized)
        {
            _skipped.Add(new SkippedInput(display, "not a mail server config by its name or content, skipped"));
        }
        else if (dialect is null)
        {
            var names = string.Join("|", dialects.Select(d => d.Name));
            problems.Add(new InputProblem(display, path == "-"
                ? $"standard input is not a config mtalint recognises by its content: name the file it stands for with --stdin-filename PATH (or use --dialect {names})"
                : $"not a mail server config mtalint recognises by its name or content (use --dialect {names})"));
        }

        if (dialect is null || template is not null)
        {
            return new Discovery([], problems, 0) { Skipped = _skipped.ToArray() };
        }

        // Named as a file, it brings the files beside it as naming that file would; plain "-" names no folder.
        var full = Path.GetFullPath(display);
        var beside = path == "-" ? [] : Beside([(display, dialect)], new HashSet<string>([full], StringComparer.Ordinal));
        var units = dialect.Group([display, .. beside.Select(b => b.Path)], options ?? AnalysisOptions.Default)
            .Where(u => u.Files.Any(f => Path.GetFullPath(f) == full))
            .ToArray();
        return new Discovery(units, problems, units.Length)
        {
            Skipped = _skipped.ToArray(),
            Requested = new HashSet<string>([full], StringComparer.Ordinal),
        };
    }

    /// <summary>The unit's file a walk meets first.</summary>
    private static string FirstInWalk(ConfigUnit unit) =>
        unit.Files.Select(Path.GetFullPath).Aggregate((a, b) => WalkOrder(a, b) <= 0 ? a : b);

    /// <summary>The order of a walk: folder by folder, names sorted bytewise within each (so <c>conf.d/x</c> before <c>conf.d-old</c>).</summary>
    private static int WalkOrder(string a, string b)
    {
        var x = a.Split('/');
        var y = b.Split('/');
        for (var i = 0; i < Math.Min(x.Length, y.Length); i++)
        {
            var c = string.CompareOrdinal(x[i], y[i]);
            if (c != 0)
            {
                return c;
            }
        }

        return x.Length.CompareTo(y.Length);
    }

    /// <summary>
    /// The files that may form a unit with files named on their own: those in the folders their dialect
    /// names, looked at as a walk of each folder would (templates, symlinks out of it and unreadable
    /// entries are left out, silently: nobody asked for them). Each folder is looked at once.
    /// </summary>
    private List<(string Path, IDialect Dialect)> Beside(List<(string Path, IDialect Dialect)> named, HashSet<string> seen)
    {
        var result = new List<(string, IDialect)>();
        var looked = new Dictionary<string, EntryLook[]>(StringComparer.Ordinal);
        foreach (var (path, dialect) in named)
        {
            foreach (var folder in dialect.UnitFolders(path))
            {
                if (!looked.TryGetValue(folder, out var looks))
                {
                    looks = LookInto(folder);
                    looked[folder] = looks;
                }

                foreach (var look in looks)
                {
                    if (look.Dialect == dialect && look.Template is null && look.Skipped is null && seen.Add(Path.GetFullPath(look.Entry)))
                    {
                        result.Add((Normalize(look.Entry), dialect));
                    }
                }
            }
        }

        return result;
    }

    /// <summary>The units that hold <paramref name="path"/>, a file no dialect recognises by itself, formed with the files of the folders each dialect names for it.</summary>
    private List<ConfigUnit> Holding(string path)
    {
        var full = Path.GetFullPath(path);
        var result = new List<ConfigUnit>();
        foreach (var dialect in forcedDialect is null ? dialects : [forcedDialect])
        {
            // Every file beside it is a candidate, named ones too: the includer may have been named with it.
            var beside = Beside([(path, dialect)], new HashSet<string>([full], StringComparer.Ordinal));
            if (beside.Count == 0)
            {
                continue;
            }

            result.AddRange(dialect.Group([.. beside.Select(b => b.Path), Normalize(path)], options ?? AnalysisOptions.Default)
                .Where(u => u.Included.Any(f => Path.GetFullPath(f) == full)));
        }

        return result;
    }

    /// <summary>The files directly in <paramref name="folder"/>, looked at as a walk would; nothing when it cannot be read.</summary>
    private EntryLook[] LookInto(string folder)
    {
        string[] entries;
        try
        {
            entries = Directory.GetFiles(folder.Length == 0 ? "." : folder);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            return [];
        }

        Array.Sort(entries, StringComparer.Ordinal);
        var root = Path.GetFullPath(folder.Length == 0 ? "." : folder);
        return entries.Select(e => Look(folder.Length == 0 ? Path.GetFileName(e) : e, root)).ToArray();
    }

    /// <summary>
    /// Takes a named file; returns a problem with it, and whether it is only that no dialect recognises
    /// it (then it may yet be part of a config beside it).
    /// </summary>
    private (InputProblem? Problem, bool Unrecognised) AddExplicitFile(string path, List<(string, IDialect)> found, HashSet<string> seen)
    {
        var display = Normalize(path);
        if (!seen.Add(Path.GetFullPath(path)))
        {
            return (null, false);
        }

        using var head = FileHead.Open(path);
        var (dialect, template) = Classify(path, head, named: true);
        if (template is not null)
        {
            _skipped.Add(new SkippedInput(display, template));
        }
        else if (dialect is not null)
        {
            found.Add((display, dialect)); // unreadable after all: reading the unit reports it (MTA000)
        }
        else if (head.Error is { } error)
        {
            return (new InputProblem(display, "cannot read the file: " + error), false);
        }
        else
        {
            var names = string.Join("|", dialects.Select(d => d.Name));
            return (new InputProblem(display, $"not a mail server config mtalint recognises by its name or content (use --dialect {names})"), true);
        }

        return (null, false);
    }

    private void Walk(string folder, List<(string, IDialect)> found, HashSet<string> seen, List<InputProblem> problems, string root, bool named)
    {
        string[] entries;
        try
        {
            entries = Directory.GetFileSystemEntries(folder);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            // A folder too deep to open may hold configs: the run cannot say they pass.
            if (named || e is PathTooLongException)
            {
                problems.Add(new InputProblem(Normalize(folder), "cannot read the folder: " + InputFile.Describe(e)));
            }
            else
            {
                _skipped.Add(new SkippedInput(Normalize(folder), $"cannot read the folder ({InputFile.Describe(e)}), skipped"));
            }

            return;
        }

        // Entries in ordinal order, folders visited where they sort: the output order is the sorted path order.
        // Looking at an entry (stat, readlink, the head of an ambiguous file) is most of a walk and
        // independent of the others: done on every core, then taken in order.
        Array.Sort(entries, StringComparer.Ordinal);
        var looks = new EntryLook[entries.Length];
        if (entries.Length >= ParallelLookMinimum)
        {
            Parallel.For(0, entries.Length, i => looks[i] = Look(entries[i], root));
        }
        else
        {
            for (var i = 0; i < entries.Length; i++)
            {
                looks[i] = Look(entries[i], root);
            }
        }

        foreach (var look in looks)
        {
            if (look.Problem is { } problem)
            {
                problems.Add(new InputProblem(Normalize(look.Entry), problem));
            }
            else if (look.Skipped is { } skipped)
            {
                _skipped.Add(skipped);
            }
            else if (look.IsFolder)
            {
                Walk(look.Entry, found, seen, problems, root, named: false);
            }
            else if (look.Dialect is { } dialect && seen.Add(Path.GetFullPath(look.Entry)))
            {
                if (look.Template is { } why)
                {
                    _skipped.Add(new SkippedInput(Normalize(look.Entry), why));
                }
                else
                {
                    found.Add((Normalize(look.Entry), dialect));
                }
            }
        }
    }

    /// <summary>Below this many entries a folder is looked at on one thread: starting the others costs more.</summary>
    private const int ParallelLookMinimum = 8;

    /// <summary>What one entry of a walked folder is: a folder to walk, a file a dialect reads (maybe a template), a note, a problem, or nothing.</summary>
    /// <param name="Template">Why it is skipped as a template; null when it is none, or one that is linted.</param>
    private readonly record struct EntryLook(string Entry, bool IsFolder, IDialect? Dialect, string? Template, SkippedInput? Skipped, string? Problem = null);

    private EntryLook Look(string entry, string root)
    {
        var link = LinkTarget(entry);
        var type = TypeOf(entry);
        EntryLook Skip(string why) => new(entry, false, null, null, new SkippedInput(Normalize(entry), why));
        switch (type)
        {
            case FileType.Directory:
                // Hidden folders (.git, tool caches) are skipped in a walk; name one to lint it.
                // Symlinked folders are not followed: they could loop or lead out of the tree.
                if (Path.GetFileName(entry).StartsWith('.'))
                {
                    return new EntryLook(entry, false, null, null, null);
                }

                return link is not null ? Skip("a symlink to a folder, not followed") : new EntryLook(entry, true, null, null, null);
            case FileType.Missing:
                return Skip(link is not null ? $"a broken symlink ({link} does not exist), skipped"
                    : entry.Contains('\uFFFD', StringComparison.Ordinal) ? "a name that is not valid UTF-8 (mtalint cannot open it), skipped"
                    : "gone while the folder was read, skipped");
            case FileType.SymlinkLoop:
                return Skip("a symlink loop, skipped");
            case FileType.NameTooLong:
                // Unlike a FIFO or a broken link, this may be a config or a folder of them: not a note.
                return new EntryLook(entry, false, null, null, null, InputFile.TooLong);
            case FileType.Denied:
                return Skip("cannot read the file (permission denied), skipped");
            case FileType.Fifo or FileType.Socket or FileType.Device:
                return Skip($"{UnixFileType.Describe(type)}, not a regular file, skipped");
        }

        if (!followSymlinks && link is not null && !InsideRoot(entry, root))
        {
            return Skip("a symlink out of the folder, skipped (--follow-symlinks lints it)");
        }

        using var head = FileHead.Open(entry);
        if (head.Error is { } error)
        {
            return Skip($"cannot read the file ({error}), skipped");
        }

        // Only templates of mail configs are worth a note, not every Makefile.in in the tree.
        var (dialect, template) = Classify(entry, head, named: false);
        return new EntryLook(entry, false, dialect, template, null);
    }

    /// <summary>
    /// The dialect that reads <paramref name="path"/>, and why it is skipped when it is a template that is not
    /// linted. A template is judged as the config it renders (<c>main.cf.j2</c> as <c>main.cf</c>), and named or
    /// walked alike; the head is read once for the dialects and the marker check. A template is linted when its
    /// engine is one mtalint reads (Jinja2, ERB, EPP), unless <c>--no-templates</c>.
    /// </summary>
    private (IDialect? Dialect, string? Template) Classify(string path, FileHead head, bool named)
    {
        var rendered = TemplateDetector.WithoutTemplateSuffix(path);
        bool Reads(IDialect d) => d.Recognizes(path, head.Text) || rendered is not null && d.Recognizes(rendered, head.Text);
        var dialect = forcedDialect is not null
            ? named || Reads(forcedDialect) ? forcedDialect : null
            : dialects.FirstOrDefault(Reads);
        // A config-named file is a template by its markers anywhere in it, as the dialect that reads it decides
        // (a Salt main.cf whose first tag is past the head too).
        var marked = (named || dialect is not null) && rendered is null ? head.FirstLinesWhere(TemplateDetector.HasTemplateMarkers) : null;
        var template = (named || dialect is not null) && (rendered is not null || marked is not null);
        if (!template)
        {
            return (dialect, null);
        }

        if (!lintTemplates)
        {
            return (dialect, "a template, skipped (--no-templates)");
        }

        if (dialect is null)
        {
            return (null, "a template, skipped");
        }

        if (TemplateDetector.Recognize(path, marked is null || marked == head.Text() ? head.Text() : head.Text() + "\n" + marked) is null)
        {
            return (dialect, "a template of an engine mtalint does not read, skipped");
        }

        return (dialect, null);
    }

    /// <summary>What a path that is neither a file nor a folder is: a broken link, a loop, a folder that may not be searched.</summary>
    private static string WhyMissing(string path) => TypeOf(path) switch
    {
        FileType.SymlinkLoop => "a symlink loop",
        FileType.Denied => "permission denied",
        FileType.NameTooLong => InputFile.TooLong,
        _ when LinkTarget(path) is { } target => $"a broken symlink ({target} does not exist)",
        _ when NamedNotUtf8(path) => "its name is not valid UTF-8, and mtalint cannot open a file by such a name;"
            + " rename it, or lint it from standard input: mtalint - --stdin-filename NAME < FILE",
        _ => "no such file or directory",
    };

    /// <summary>
    /// True when <paramref name="path"/> names an entry whose name (or a folder's on the way) is not
    /// UTF-8: .NET reads such a name, from the command line or a folder, with U+FFFD for the bytes it
    /// cannot decode, so the path as given opens nothing, yet the folder lists an entry that reads the same.
    /// </summary>
    private static bool NamedNotUtf8(string path)
    {
        var at = path.IndexOf('\uFFFD', StringComparison.Ordinal);
        if (at < 0)
        {
            return false;
        }

        // The first name with an undecodable byte, and the folder that holds it.
        var end = path.IndexOf('/', at);
        var entry = end < 0 ? path : path[..end];
        var folder = Path.GetDirectoryName(entry);
        try
        {
            var name = Path.GetFileName(entry);
            return Directory.EnumerateFileSystemEntries(string.IsNullOrEmpty(folder) ? "." : folder).Any(e => Path.GetFileName(e) == name);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            return false;
        }
    }

    /// <summary>The type following symlinks; where the system cannot tell, what .NET can.</summary>
    private static FileType TypeOf(string path)
    {
        var type = UnixFileType.Of(path);
        if (type != FileType.Unknown)
        {
            return type;
        }

        return Directory.Exists(path) ? FileType.Directory : File.Exists(path) ? FileType.Regular : FileType.Missing;
    }

    private static string? LinkTarget(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            return null;
        }
    }

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
