using Sprache;

namespace MtaLint.Syntax;

/// <summary>
/// Sprache's input over a slice of a string, without what makes Sprache's own input slow on long
/// text: it allocates a memo dictionary at every char advanced, and it cannot be moved on by more
/// than one char, so a run of plain text costs a parse step per char. This one can
/// (<see cref="AdvanceBy"/>), with the same position, line and column as stepping char by char,
/// and it ends where the slice ends. Both the Postfix <c>$</c> grammar and the m4 grammar read through it.
/// </summary>
internal sealed class SliceInput : IInput
{
    private IDictionary<object, object>? _memos;

    /// <summary>All of <paramref name="source"/>.</summary>
    public SliceInput(string source)
        : this(source, 0, source.Length, 1, 1)
    {
    }

    /// <summary><paramref name="source"/> from <paramref name="position"/> up to <paramref name="end"/> (exclusive).</summary>
    public SliceInput(string source, int position, int end)
        : this(source, position, end, 1, 1)
    {
    }

    private SliceInput(string source, int position, int end, int line, int column)
    {
        Source = source;
        Position = position;
        End = end;
        Line = line;
        Column = column;
    }

    public string Source { get; }

    public char Current => Source[Position];

    public bool AtEnd => Position >= End;

    public int Position { get; }

    /// <summary>Where the slice ends (exclusive).</summary>
    public int End { get; }

    public int Line { get; }

    public int Column { get; }

    /// <summary>Only <c>Memoize()</c> uses memos, which these grammars do not: made when asked for.</summary>
    public IDictionary<object, object> Memos => _memos ??= new Dictionary<object, object>();

    public IInput Advance() => AtEnd
        ? throw new InvalidOperationException("The input is already at the end of the source.")
        : Current == '\n' ? new SliceInput(Source, Position + 1, End, Line + 1, 1) : new SliceInput(Source, Position + 1, End, Line, Column + 1);

    /// <summary>The input <paramref name="count"/> chars on, as that many <see cref="Advance"/> calls would leave it.</summary>
    public static IInput AdvanceBy(IInput input, int count)
    {
        if (input is not SliceInput slice)
        {
            for (var i = 0; i < count; i++)
            {
                input = input.Advance();
            }

            return input;
        }

        var skipped = slice.Source.AsSpan(slice.Position, count);
        var lastBreak = skipped.LastIndexOf('\n');
        return lastBreak < 0
            ? new SliceInput(slice.Source, slice.Position + count, slice.End, slice.Line, slice.Column + count)
            : new SliceInput(slice.Source, slice.Position + count, slice.End, slice.Line + skipped.Count('\n'), count - lastBreak);
    }

    public bool Equals(IInput? other) =>
        other is not null && (ReferenceEquals(this, other) || (string.Equals(Source, other.Source, StringComparison.Ordinal) && Position == other.Position));

    public override bool Equals(object? obj) => obj is IInput other && Equals(other);

    public override int GetHashCode() => Position; // equal inputs have equal positions; hashing the source would read all of it

    public override string ToString() => $"Line {Line}, Column {Column}";
}

/// <summary>A parser that skips a run of chars in one step (Sprache's <c>Char(...).Many()</c> takes a step and a result per char).</summary>
internal static class Runs
{
    /// <summary>The longest run of at least one char that <paramref name="accept"/> takes, skipped; its value is the run's length.</summary>
    public static Parser<int> SkipAtLeastOnce(Func<char, bool> accept, string description) => input =>
    {
        var length = Measure(input, accept);
        return length == 0
            ? Result.Failure<int>(input, $"{description} expected", [description])
            : Result.Success(length, SliceInput.AdvanceBy(input, length));
    };

    private static int Measure(IInput input, Func<char, bool> accept)
    {
        if (input is SliceInput slice)
        {
            var i = slice.Position;
            while (i < slice.End && accept(slice.Source[i]))
            {
                i++;
            }

            return i - slice.Position;
        }

        // Any other input: one char at a time, same result.
        var length = 0;
        for (var rest = input; !rest.AtEnd && accept(rest.Current); rest = rest.Advance())
        {
            length++;
        }

        return length;
    }
}
