using MtaLint.Text;

namespace MtaLint.Syntax.Exim;

/// <summary>Where one char of a logical Exim line came from: a file offset, and the macro it was substituted through.</summary>
/// <param name="MacroUse">The outermost macro name whose use produced this char (null when written literally).</param>
public readonly record struct CharOrigin(SourceFile File, int Offset, MacroUse? MacroUse);

/// <summary>A use of a macro in a line: its name, where the name is written, and the definition in force then (null for built-in and <c>-D</c> macros).</summary>
public sealed record MacroUse(string Name, SourceSpan Span, EximMacroDefinition? Definition = null);

/// <summary>
/// Text assembled from source lines (continuations joined, macros substituted) that remembers, for
/// every char, where it was written. Exim rewrites lines before it parses them; findings and edits
/// still have to point at the bytes a user typed.
/// </summary>
/// <remarks>
/// Origins are kept as runs, not per char: a line is nearly always one stretch of one file, and a
/// per-char array (24 bytes a char, copied by every slice) would be most of what reading a config
/// allocates. Runs are merged when they continue each other, but two runs may still be told apart
/// only by equal-valued (not identical) macro uses, so every query compares across run boundaries
/// exactly as it would compare chars.
/// </remarks>
public sealed class MappedText
{
    // Most texts are one run: it is held inline, and an array only when there are more (or none).
    private readonly Run _single;
    private readonly Run[]? _many;

    public MappedText(string text, CharOrigin[] origins)
    {
        if (text.Length != origins.Length)
        {
            throw new ArgumentException("one origin per char", nameof(origins));
        }

        var runs = default(RunBuilder);
        foreach (var o in origins)
        {
            runs.Add(o.File, o.Offset, o.MacroUse, repeats: false, length: 1);
        }

        Text = text;
        (_single, _many) = runs.Build();
    }

    private MappedText(string text, Run single)
    {
        Text = text;
        _single = single;
    }

    private MappedText(string text, Run[] runs)
    {
        Text = text;
        if (runs.Length == 1)
        {
            _single = runs[0];
        }
        else
        {
            _many = runs;
        }
    }

    private MappedText(string text, (Run Single, Run[]? Many) runs)
    {
        Text = text;
        (_single, _many) = runs;
    }

    public static MappedText Empty { get; } = new(string.Empty, Array.Empty<Run>());

    public string Text { get; }

    public int Length => Text.Length;

    public static MappedText FromSource(SourceFile file, int start, int length)
    {
        var text = file.Text.Substring(start, length);
        return length == 0 ? new MappedText(text, Array.Empty<Run>()) : new MappedText(text, new Run(0, file, start, null, Repeats: false));
    }

    /// <summary>Text whose every char reports the same origin (a value that was never written in a file, such as a built-in macro or a default).</summary>
    public static MappedText AllFrom(string text, CharOrigin origin) =>
        text.Length == 0 ? new(text, Array.Empty<Run>()) : new(text, new Run(0, origin.File, origin.Offset, origin.MacroUse, Repeats: text.Length > 1));

    public CharOrigin OriginAt(int index)
    {
        if ((uint)index >= (uint)Length)
        {
            throw new ArgumentOutOfRangeException(nameof(index));
        }

        var run = RunSpan[RunAt(index)];
        return new CharOrigin(run.File, run.OffsetAt(index), run.Use);
    }

    public MappedText Slice(int start, int length)
    {
        var text = Text.Substring(start, length);
        if (length == 0)
        {
            return new MappedText(text, Array.Empty<Run>());
        }

        var first = RunAt(start);
        var last = RunAt(start + length - 1);
        if (first == last)
        {
            var run = RunSpan[first];
            return new MappedText(text, new Run(0, run.File, run.OffsetAt(start), run.Use, run.Repeats));
        }

        var runs = new Run[last - first + 1];
        for (var r = first; r <= last; r++)
        {
            var run = RunSpan[r];
            runs[r - first] = r == first
                ? new Run(0, run.File, run.OffsetAt(start), run.Use, run.Repeats)
                : run with { Start = run.Start - start };
        }

        return new MappedText(text, runs);
    }

    public MappedText Slice(int start) => Slice(start, Length - start);

    /// <summary>The pieces joined in one copy (a logical line of many continuations stays linear).</summary>
    public static MappedText Concat(IReadOnlyList<MappedText> pieces)
    {
        if (pieces.Count == 1)
        {
            return pieces[0];
        }

        var length = 0;
        foreach (var piece in pieces)
        {
            length += piece.Length;
        }

        if (length == 0)
        {
            return Empty;
        }

        var runs = default(RunBuilder);
        foreach (var piece in pieces)
        {
            piece.CopyRunsTo(ref runs, 0, piece.Length, replacementUse: null);
        }

        var text = string.Create(length, pieces, static (chars, pieces) =>
        {
            foreach (var piece in pieces)
            {
                piece.Text.CopyTo(chars);
                chars = chars[piece.Length..];
            }
        });
        return new MappedText(text, runs.Build());
    }

    public MappedText Append(MappedText other) =>
        other.Length == 0 ? this : Length == 0 ? other : Concat([this, other]);

    /// <summary>
    /// Replaces the <paramref name="length"/> chars at each start (ascending, not overlapping) with
    /// <paramref name="replacement"/>, whose chars are marked as coming through that occurrence's
    /// use: one copy of the line however many occurrences there are.
    /// </summary>
    public MappedText ReplaceAll(int length, IReadOnlyList<(int Start, MacroUse Use)> occurrences, MappedText replacement)
    {
        var size = Length + occurrences.Count * (replacement.Length - length);
        var text = new System.Text.StringBuilder(size);
        var runs = default(RunBuilder);
        var from = 0;
        for (var i = 0; i < occurrences.Count; i++)
        {
            var (start, use) = occurrences[i];
            text.Append(Text, from, start - from).Append(replacement.Text);
            CopyRunsTo(ref runs, from, start - from, replacementUse: null);
            replacement.CopyRunsTo(ref runs, 0, replacement.Length, use);
            from = start + length;
        }

        text.Append(Text, from, Length - from);
        CopyRunsTo(ref runs, from, Length - from, replacementUse: null);
        return new MappedText(text.ToString(), runs.Build());
    }

    public MappedText TrimStart()
    {
        var i = 0;
        while (i < Length && IsSpace(Text[i]))
        {
            i++;
        }

        return i == 0 ? this : Slice(i);
    }

    public MappedText TrimEnd()
    {
        var end = Length;
        while (end > 0 && IsSpace(Text[end - 1]))
        {
            end--;
        }

        return end == Length ? this : Slice(0, end);
    }

    public MappedText Trim() => TrimStart().TrimEnd();

    /// <summary>C's isspace, which Exim uses everywhere in its config reader.</summary>
    public static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\r' or '\f' or '\v';

    /// <summary>
    /// The source span of chars [start, start+length) when they are written contiguously in one file
    /// (no macro in between); else null.
    /// </summary>
    public SourceSpan? ContiguousSpan(int start, int length)
    {
        if (length == 0)
        {
            if (start < Length)
            {
                var o = OriginAt(start);
                return o.MacroUse is null ? o.File.Span(o.Offset, 0) : null;
            }

            if (start > 0)
            {
                var o = OriginAt(start - 1);
                return o.MacroUse is null ? o.File.Span(o.Offset + 1, 0) : null;
            }

            return null;
        }

        var first = OriginAt(start);
        if (!Continues(first, start, length, compareUse: true))
        {
            return null;
        }

        return first.MacroUse is null ? first.File.Span(first.Offset, length) : null;
    }

    /// <summary>Where chars [start, start+length) were originally written, when that is one contiguous run in one file (through macros too); else null.</summary>
    public SourceSpan? OriginSpan(int start, int length)
    {
        if (length == 0 || start + length > Length)
        {
            return null;
        }

        var first = OriginAt(start);
        return Continues(first, start, length, compareUse: false) ? first.File.Span(first.Offset, length) : null;
    }

    /// <summary>
    /// The best span to show for chars [start, start+length): the contiguous text itself, else the
    /// written range in the file of the first char (a macro use counts as where its name is written).
    /// </summary>
    public SourceSpan? DisplaySpan(int start, int length)
    {
        if (ContiguousSpan(start, length) is { } exact)
        {
            return exact;
        }

        if (Length == 0)
        {
            return null;
        }

        start = Math.Clamp(start, 0, Length - 1);
        var end = Math.Clamp(start + Math.Max(length, 1), start + 1, Length);
        SourceFile? file = null;
        int min = int.MaxValue, max = int.MinValue;
        for (var r = RunAt(start); r < RunSpan.Length && RunSpan[r].Start < end; r++)
        {
            // The chars of a run in [start, end) contribute one range: the macro name's span, or
            // the run's offsets (one offset when the run repeats it).
            var run = RunSpan[r];
            var from = Math.Max(start, run.Start);
            var to = Math.Min(end, RunEnd(r));
            var (f, s, e) = run.Use is { } use
                ? (use.Span.File, use.Span.Span.Start, use.Span.Span.End)
                : (run.File, run.OffsetAt(from), run.OffsetAt(to - 1) + 1);
            file ??= f;
            if (f != file)
            {
                continue;
            }

            min = Math.Min(min, s);
            max = Math.Max(max, e);
        }

        return file is null ? null : file.Span(min, max - min);
    }

    /// <summary>Where the text's chars were written, span per span: literal runs and macro replacement runs.</summary>
    public IEnumerable<(int Start, int Length, MacroUse? Use)> Runs()
    {
        var r = 0;
        while (r < RunSpan.Length)
        {
            var use = RunSpan[r].Use;
            var next = r + 1;
            while (next < RunSpan.Length && RunSpan[next].Use == use)
            {
                next++;
            }

            var start = RunSpan[r].Start;
            yield return (start, RunEnd(next - 1) - start, use);
            r = next;
        }
    }

    public override string ToString() => Text;

    /// <summary>
    /// Whether chars [start, start+length) continue <paramref name="first"/> (the origin of the char
    /// at start) char by char: same file, consecutive offsets and, when asked, an equal macro use.
    /// Throws, as indexing past the end would, when the range runs past the text before a mismatch.
    /// </summary>
    private bool Continues(CharOrigin first, int start, int length, bool compareUse)
    {
        var end = start + length;
        var r = RunAt(start);
        for (var at = start; at < end; r++)
        {
            if (r >= RunSpan.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(length));
            }

            var run = RunSpan[r];
            var runEnd = RunEnd(r);
            if (run.File != first.File || run.OffsetAt(at) != first.Offset + (at - start) || (compareUse && run.Use != first.MacroUse))
            {
                return false;
            }

            // Within a run the file and the use stay; the offsets go on by one unless the run repeats one.
            if (run.Repeats && Math.Min(end, runEnd) - at > 1)
            {
                return false;
            }

            at = runEnd;
        }

        return true;
    }

    /// <summary>The index of the run holding char <paramref name="index"/> (which is in range).</summary>
    private int RunAt(int index)
    {
        if (_many is not { } runs)
        {
            return 0;
        }

        int lo = 0, hi = runs.Length - 1;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) >> 1;
            if (runs[mid].Start <= index)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return lo;
    }

    private ReadOnlySpan<Run> RunSpan => _many ?? new ReadOnlySpan<Run>(in _single);

    private int RunEnd(int r) => _many is { } runs && r + 1 < runs.Length ? runs[r + 1].Start : Length;

    /// <summary>Adds the runs of chars [start, start+length), their macro use replaced when one is given.</summary>
    private void CopyRunsTo(ref RunBuilder runs, int start, int length, MacroUse? replacementUse)
    {
        if (length == 0)
        {
            return;
        }

        var end = start + length;
        for (var r = RunAt(start); r < RunSpan.Length && RunSpan[r].Start < end; r++)
        {
            var run = RunSpan[r];
            var from = Math.Max(start, run.Start);
            var to = Math.Min(end, RunEnd(r));
            runs.Add(run.File, run.OffsetAt(from), replacementUse ?? run.Use, run.Repeats, to - from);
        }
    }

    /// <summary>
    /// Chars from <see cref="Start"/> to the next run's start, all in one file through one macro
    /// use (compared by reference), at consecutive offsets from <see cref="Offset"/> or, when
    /// <see cref="Repeats"/>, all at that one offset.
    /// </summary>
    private readonly record struct Run(int Start, SourceFile File, int Offset, MacroUse? Use, bool Repeats)
    {
        public int OffsetAt(int index) => Repeats ? Offset : Offset + (index - Start);
    }

    /// <summary>Collects runs in text order, merging a run into the previous one when it continues it.</summary>
    private struct RunBuilder
    {
        // The last run stays out of the array while it may still grow; most texts never need one.
        private Run _last;
        private Run[]? _done;
        private int _doneCount;
        private int _count;
        private int _length;
        private int _lastLength;

        public void Add(SourceFile file, int offset, MacroUse? use, bool repeats, int length)
        {
            if (length == 0)
            {
                return;
            }

            // A single char continues in either way; only a longer run has a direction.
            repeats &= length > 1;
            if (_count > 0 && ReferenceEquals(_last.File, file) && ReferenceEquals(_last.Use, use))
            {
                var lastOneChar = _lastLength == 1;
                if (offset == _last.Offset + _lastLength && (lastOneChar || !_last.Repeats) && (length == 1 || !repeats))
                {
                    _last = _last with { Repeats = false };
                    Grow(length);
                    return;
                }

                if (offset == _last.Offset && (lastOneChar || _last.Repeats) && (length == 1 || repeats))
                {
                    _last = _last with { Repeats = true };
                    Grow(length);
                    return;
                }
            }

            if (_count > 0)
            {
                Push(_last);
            }

            _last = new Run(_length, file, offset, use, repeats);
            _count++;
            _length += length;
            _lastLength = length;
        }

        /// <summary>The runs: one held inline, or the array (empty when there are none).</summary>
        public (Run Single, Run[]? Many) Build()
        {
            if (_count == 1)
            {
                return (_last, null);
            }

            if (_count == 0)
            {
                return (default, []);
            }

            Push(_last);
            return (default, _doneCount == _done!.Length ? _done : _done.AsSpan(0, _doneCount).ToArray());
        }

        private void Push(Run run)
        {
            _done ??= new Run[4];
            if (_doneCount == _done.Length)
            {
                Array.Resize(ref _done, _doneCount * 2);
            }

            _done[_doneCount++] = run;
        }

        private void Grow(int length)
        {
            _length += length;
            _lastLength += length;
        }
    }
}

/// <summary>
/// A logical line being joined from physical lines: appending, trimming the end and dropping the
/// continuation backslash touch only the last piece, so joining n lines costs O(total length)
/// instead of copying the whole line at each continuation.
/// </summary>
internal sealed class MappedTextBuilder
{
    private readonly List<MappedText> _pieces = [];

    public int Length { get; private set; }

    public char LastChar => _pieces[^1].Text[^1];

    public void Append(MappedText piece)
    {
        if (piece.Length > 0)
        {
            _pieces.Add(piece);
            Length += piece.Length;
        }
    }

    public void TrimEnd()
    {
        while (_pieces.Count > 0)
        {
            var last = _pieces[^1];
            var trimmed = last.TrimEnd();
            Length -= last.Length - trimmed.Length;
            if (trimmed.Length > 0)
            {
                _pieces[^1] = trimmed;
                return;
            }

            _pieces.RemoveAt(_pieces.Count - 1);
        }
    }

    public void RemoveLastChar()
    {
        var last = _pieces[^1];
        Length--;
        if (last.Length == 1)
        {
            _pieces.RemoveAt(_pieces.Count - 1);
        }
        else
        {
            _pieces[^1] = last.Slice(0, last.Length - 1);
        }
    }

    public MappedText ToMappedText() => _pieces.Count == 0 ? MappedText.Empty : MappedText.Concat(_pieces);
}
