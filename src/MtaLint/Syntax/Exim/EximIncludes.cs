using MtaLint.Text;

namespace MtaLint.Syntax.Exim;

/// <summary>
/// The files being read, innermost first: the root and the <c>.include</c>s open in it. Follows
/// includes within the bounds of <see cref="EximReader"/>, and tells a file included a second
/// time, which makes Exim read its settings again and stop.
/// </summary>
internal sealed class EximIncludes
{
    private readonly EximIncludeLoader _load;
    private readonly List<SyntaxError> _errors;
    private readonly Stack<Frame> _frames = new();
    private readonly List<SourceFile> _files = [];
    private readonly List<EximMissingInclude> _missing = [];

    // What has been followed, and whether reading has stopped following.
    private readonly Dictionary<SourceFile, EximDocument> _documents = new(ReferenceEqualityComparer.Instance);
    private int _inclusions;
    private long _includedChars;
    private bool _stopped;

    private readonly Dictionary<SourceFile, SourceSpan> _firstIncludedAt = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<SourceSpan> _reportedAgain = [];

    public EximIncludes(EximIncludeLoader load, List<SyntaxError> errors)
    {
        _load = load;
        _errors = errors;
    }

    /// <summary>A file being read: its next line, and the <c>.include</c> that opened it (null for a root or inserted text).</summary>
    private readonly record struct Frame(EximDocument Doc, int Next, IncludeSite? Site);

    /// <summary>The <c>.include</c> line a frame was opened by, and whether that file had been read before.</summary>
    private sealed record IncludeSite(SourceSpan At, bool Again);

    /// <summary>Every file read, roots and includes, in the order first read.</summary>
    public IReadOnlyList<SourceFile> Files => _files;

    /// <summary>Includes that could not be read, in reading order.</summary>
    public IReadOnlyList<EximMissingInclude> Missing => _missing;

    /// <summary>The line read last is the root's own, not an included or inserted file's.</summary>
    public bool InRoot => _frames.Count == 1;

    /// <summary>Starts reading <paramref name="root"/>, a file of the config's own.</summary>
    public void OpenRoot(SourceFile root)
    {
        _files.Add(root);
        _frames.Push(new Frame(EximDocument.Parse(root), 0, null));
    }

    /// <summary>Reads <paramref name="text"/> next, as if it stood after the line read last.</summary>
    public void Insert(SourceFile text) => _frames.Push(new Frame(EximDocument.Parse(text), 0, null));

    /// <summary>The next physical line, from the innermost file not read to its end; false when every file is.</summary>
    public bool TryNextLine(out EximDocument document, out EximPhysicalLine line)
    {
        while (_frames.Count > 0)
        {
            var (doc, next, site) = _frames.Pop();
            if (next >= doc.Lines.Count)
            {
                continue; // end of an include: back to the including file
            }

            _frames.Push(new Frame(doc, next + 1, site));
            document = doc;
            line = doc.Lines[next];
            return true;
        }

        document = null!;
        line = default;
        return false;
    }

    /// <summary>Whether <paramref name="text"/> (a line trimmed) is <c>.include</c> or <c>.include_if_exists</c>.</summary>
    public static bool IsInclude(string text, out bool ifExists)
    {
        ifExists = false;
        if (!text.StartsWith(".include", StringComparison.Ordinal))
        {
            return false;
        }

        if (text.Length > 8 && MappedText.IsSpace(text[8]))
        {
            return true;
        }

        ifExists = text.Length > 18 && text.AsSpan(8, 10).SequenceEqual("_if_exists") && MappedText.IsSpace(text[18]);
        return ifExists;
    }

    /// <summary>Follows the <c>.include</c> <paramref name="line"/> of <paramref name="from"/>: its file is read next.</summary>
    public void Include(MappedText line, bool ifExists, SourceFile from, EximPhysicalLine physical)
    {
        var span = from.Span(physical.Start, physical.ContentLength);
        var path = line.Text[(ifExists ? 19 : 9)..].Trim();
        if (path.Length >= 2 && path[0] == '"' && path[^1] == '"')
        {
            path = path[1..^1];
        }

        if (!path.StartsWith('/') && ifExists)
        {
            _errors.Add(new SyntaxError(span, $".include_if_exists needs an absolute path, not \"{path}\""));
            return;
        }

        if (_stopped)
        {
            return; // a bound was crossed and reported: the config is refused, the rest is not followed
        }

        if (_frames.Count > EximReader.MaxIncludeDepth)
        {
            var full = Path.GetFullPath(path.StartsWith('/') ? path : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(from.Path)) ?? "/", path));
            var cycle = _frames.Any(f => f.Doc.File.Path == path || Path.GetFullPath(f.Doc.File.Path) == full);
            _errors.Add(new SyntaxError(span, cycle
                ? $".include of {path}, which is being read already: an include cycle, which Exim follows until it runs out of open files and stops (\"failed to open included configuration file\")"
                : $".include nested more than {EximReader.MaxIncludeDepth} deep; a configuration needs a few levels at most"));
            _stopped = true;
            return;
        }

        var included = _load(path, from, out var unreadable);
        if (included is null)
        {
            // Exim's .include_if_exists skips only a file that is not there; one it cannot open is fatal.
            // Either way Exim would not start; the rest of the config is still read, and the model says what is missing.
            if (unreadable is not null || !ifExists)
            {
                _missing.Add(new EximMissingInclude(span, path, unreadable, line));
            }

            return;
        }

        if (ExceedsBounds(included, span))
        {
            return;
        }

        var again = _files.Contains(included);
        if (!again)
        {
            _files.Add(included);
        }

        _firstIncludedAt.TryAdd(included, span);

        if (!_documents.TryGetValue(included, out var document))
        {
            _documents[included] = document = EximDocument.Parse(included);
        }

        _frames.Push(new Frame(document, 0, new IncludeSite(span, again)));
    }

    /// <summary>
    /// When the line at <paramref name="nameSpan"/> is read again because an open <c>.include</c>
    /// reads its file a second time, reports that (once per <c>.include</c>) and returns true.
    /// </summary>
    /// <param name="eximSays">What Exim stops with.</param>
    public bool ReportReadAgain(SourceSpan nameSpan, string eximSays)
    {
        if (RepeatedInclude() is not { } repeat)
        {
            return false;
        }

        if (!_reportedAgain.Add(repeat.At))
        {
            return true;
        }

        var file = IncludedBy(repeat);
        var first = _firstIncludedAt.TryGetValue(file, out var f) && f != repeat.At
            ? f.File == repeat.At.File ? $"first on line {f.Start.Line}" : $"first at {f.File.Path}:{f.Start.Line}"
            : "it is also read as a configuration file of its own";
        _errors.Add(new SyntaxError(repeat.At,
            $"{file.Path} is included again ({first}): Exim reads {nameSpan.File.Path}:{nameSpan.Start.Line} a second time and stops with {eximSays}; include the file once"));
        // Exim stops at the first; the others would be this one again, once per level of a fan-out.
        _stopped = true;
        return true;
    }

    /// <summary>Counts an inclusion; past <see cref="EximReader.MaxInclusions"/> or <see cref="EximReader.MaxIncludedChars"/>, reports it at the <c>.include</c> and stops following includes.</summary>
    private bool ExceedsBounds(SourceFile included, SourceSpan span)
    {
        _inclusions++;
        _includedChars += included.Text.Length;
        string? why = null;
        if (_inclusions > EximReader.MaxInclusions)
        {
            why = $"this is the configuration's inclusion number {_inclusions:N0}, and mtalint follows at most {EximReader.MaxInclusions:N0}";
        }
        else if (_includedChars > EximReader.MaxIncludedChars)
        {
            why = $"the files included so far add up to more than {EximReader.MaxIncludedChars >> 20} MiB of text, each inclusion counted, and mtalint reads no more";
        }

        if (why is null)
        {
            return false;
        }

        _errors.Add(new SyntaxError(span,
            $"{why}: files that include the same files more than once multiply (20 files that each include the next twice make Exim read the last one 1,048,576 times); include each file once"));
        _stopped = true;
        return true;
    }

    /// <summary>The outermost open <c>.include</c> of a file read before: the one to remove (frames enumerate innermost first).</summary>
    private IncludeSite? RepeatedInclude()
    {
        IncludeSite? repeat = null;
        foreach (var frame in _frames)
        {
            if (frame.Site is { Again: true } site)
            {
                repeat = site;
            }
        }

        return repeat;
    }

    /// <summary>The file an include site opened: the frame's document above it.</summary>
    private SourceFile IncludedBy(IncludeSite site)
    {
        foreach (var frame in _frames)
        {
            if (ReferenceEquals(frame.Site, site))
            {
                return frame.Doc.File;
            }
        }

        return site.At.File;
    }
}
