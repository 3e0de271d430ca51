using System.Text;
using MtaLint.Text;

namespace MtaLint.Syntax.Postfix;

/// <summary>
/// One <c>name = value</c> of main.cf. <see cref="Value"/> is what Postfix stores: the logical
/// line after the <c>=</c> with leading and trailing whitespace removed; continuation lines are
/// joined with nothing in between (their leading whitespace stays).
/// </summary>
public sealed class MainCfAssignment
{
    internal MainCfAssignment(PostfixLogicalLine line, string name, TextSpan nameSpan, MappedText value, TextSpan valueSpan, TextSpan equalsSpan)
    {
        Line = line;
        Name = name;
        NameSpan = nameSpan;
        ValueText = value;
        ValueSpan = valueSpan;
        EqualsSpan = equalsSpan;
    }

    public PostfixLogicalLine Line { get; }

    public string Name { get; }

    public TextSpan NameSpan { get; }

    public TextSpan EqualsSpan { get; }

    public string Value => ValueText.Text;

    /// <summary>The value with the file offset of each of its chars (for spans of references inside it).</summary>
    public MappedText ValueText { get; }

    /// <summary>From the first to the last char of the value in the file; empty (just after <c>=</c> and its blanks) for an empty value.</summary>
    public TextSpan ValueSpan { get; }

    /// <summary>The assignment with its continuation lines and its last line break.</summary>
    public TextSpan WholeSpan => Line.WholeSpan;

    /// <summary>The same assignment holding <paramref name="value"/> (a template's value with a known tag's text spliced in); its spans stay.</summary>
    internal MainCfAssignment WithValue(MappedText value) => new(Line, Name, NameSpan, value, ValueSpan, EqualsSpan);
}

/// <summary>A parsed main.cf: every physical line (for printing) and the assignments in order.</summary>
public sealed class MainCfDocument
{
    internal MainCfDocument(SourceFile file, IReadOnlyList<PostfixLine> lines, IReadOnlyList<MainCfAssignment> assignments,
        IReadOnlyList<PostfixLogicalLine> orphans, IReadOnlyList<SyntaxError> errors)
    {
        File = file;
        Lines = lines;
        Assignments = assignments;
        Orphans = orphans;
        Errors = errors;
    }

    public SourceFile File { get; }

    public IReadOnlyList<PostfixLine> Lines { get; }

    public IReadOnlyList<MainCfAssignment> Assignments { get; }

    /// <summary>Indented text before the first assignment: Postfix warns "logical line must not start with whitespace" and ignores it.</summary>
    public IReadOnlyList<PostfixLogicalLine> Orphans { get; }

    public IReadOnlyList<SyntaxError> Errors { get; }

    /// <summary>The effective assignment of each name: the last one wins, as in Postfix.</summary>
    public IReadOnlyDictionary<string, MainCfAssignment> Effective
    {
        get
        {
            var map = new Dictionary<string, MainCfAssignment>(StringComparer.Ordinal);
            foreach (var a in Assignments)
            {
                map[a.Name] = a;
            }

            return map;
        }
    }

    /// <summary>The same document with <paramref name="assignments"/> in place of its own (as many, in the same order).</summary>
    internal MainCfDocument WithAssignments(IReadOnlyList<MainCfAssignment> assignments) => new(File, Lines, assignments, Orphans, Errors);

    /// <summary>The text again, line by line: equal to the input byte for byte.</summary>
    public string Print()
    {
        var builder = new StringBuilder(File.Text.Length);
        foreach (var line in Lines)
        {
            builder.Append(File.Text, line.Span.Start, line.Span.Length);
        }

        return builder.ToString();
    }
}

/// <summary>Parses main.cf like Postfix's readlline + split_nameval.</summary>
public static class MainCfParser
{
    public static MainCfDocument Parse(SourceFile file)
    {
        var text = file.Text;
        var lines = PostfixLineReader.SplitLines(text);
        var assignments = new List<MainCfAssignment>();
        var orphans = new List<PostfixLogicalLine>();
        var errors = new List<SyntaxError>();
        foreach (var logical in PostfixLineReader.Group(text, lines))
        {
            if (logical.IsOrphan)
            {
                orphans.Add(logical);
                continue;
            }

            var assignment = SplitNameValue(file, logical, out var error);
            if (assignment is not null)
            {
                assignments.Add(assignment);
            }
            else
            {
                errors.Add(error!);
            }
        }

        return new MainCfDocument(file, lines, assignments, orphans, errors);
    }

    /// <summary>split_nameval: <c>name</c> up to whitespace or <c>=</c>, blanks, <c>=</c>, blanks, value with trailing blanks trimmed.</summary>
    /// <param name="error">Why the line is no assignment, as Postfix reports it (fatal).</param>
    internal static MainCfAssignment? SplitNameValue(SourceFile file, PostfixLogicalLine logical, out SyntaxError? error)
    {
        error = null;
        var text = new LogicalText(logical);
        var t = text.Chars;
        var i = 0;
        while (i < t.Length && (PostfixLineReader.IsSpace(t[i]) || PostfixLineReader.IsDropped(t[i])))
        {
            i++;
        }

        var nameStart = i;
        if (i == t.Length || t[i] == '=')
        {
            error = new SyntaxError(file.Span(text.ToFile(nameStart), 1), $"missing attribute name: \"{Shorten(t)}\"");
            return null;
        }

        while (i < t.Length && !PostfixLineReader.IsSpace(t[i]) && t[i] != '=')
        {
            i++;
        }

        var nameEnd = i;
        while (i < t.Length && PostfixLineReader.IsSpace(t[i]))
        {
            i++;
        }

        if (i == t.Length || t[i] != '=')
        {
            error = new SyntaxError(file.Span(text.ToFile(Math.Min(i, t.Length)), i < t.Length ? 1 : 0),
                $"missing '=' after attribute name: \"{Shorten(t)}\"");
            return null;
        }

        var equals = i;
        i++;
        while (i < t.Length && PostfixLineReader.IsSpace(t[i]))
        {
            i++;
        }

        var valueStart = i;
        var valueEnd = t.Length;
        while (valueEnd > valueStart && PostfixLineReader.IsSpace(t[valueEnd - 1]))
        {
            valueEnd--;
        }

        var value = text.Slice(valueStart, valueEnd);
        var valueSpan = valueEnd > valueStart
            ? text.FileSpan(valueStart, valueEnd)
            : new TextSpan(EmptyValuePoint(text, equals), 0);

        return new MainCfAssignment(logical, t[nameStart..nameEnd].ToString(), text.FileSpan(nameStart, nameEnd), value,
            valueSpan, new TextSpan(text.ToFile(equals), 1));
    }

    private static int EmptyValuePoint(LogicalText text, int equals)
    {
        // Blanks after "=" on the same physical line are kept; a value is written after them.
        var t = text.Chars;
        var i = equals + 1;
        var eqFile = text.ToFile(equals);
        while (i < t.Length && t[i] is ' ' or '\t' && text.ToFile(i) == eqFile + (i - equals))
        {
            i++;
        }

        return eqFile + (i - equals);
    }

    /// <summary>
    /// The text of a logical line being split: for a line of one physical line (most of them) the
    /// file's own chars, not a copy (only the name and the value are kept); else the joined text.
    /// </summary>
    private readonly ref struct LogicalText
    {
        private readonly string _file;
        private readonly int _start; // file offset of char 0 when the line is one piece
        private readonly MappedText? _joined;

        public LogicalText(PostfixLogicalLine logical)
        {
            _file = logical.FileText;
            var lines = logical.Lines;
            if (lines.Length == 1)
            {
                _start = lines[0].Start;
                Chars = _file.AsSpan(_start, lines[0].ContentEnd - _start);
            }
            else
            {
                _joined = logical.JoinText();
                Chars = _joined.Text;
            }
        }

        public ReadOnlySpan<char> Chars { get; }

        /// <summary>As <see cref="MappedText.ToFile"/>: <c>Chars.Length</c> maps just past the last char.</summary>
        public int ToFile(int index) => _joined?.ToFile(index) ?? _start + index;

        public TextSpan FileSpan(int start, int end) =>
            _joined?.FileSpan(start, end)
            ?? (end <= start ? new TextSpan(ToFile(start), 0) : TextSpan.FromBounds(ToFile(start), ToFile(end - 1) + 1));

        public MappedText Slice(int start, int end) =>
            _joined?.Slice(start, end)
            ?? (start < Chars.Length && end > 0
                ? MappedText.FromFile(_file, TextSpan.FromBounds(_start + start, _start + end))
                : MappedText.Empty(ToFile(start)));
    }

    private static string Shorten(ReadOnlySpan<char> s) => s.Length > 60 ? string.Concat(s[..60], "...") : s.ToString();
}
