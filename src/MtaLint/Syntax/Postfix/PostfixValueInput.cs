using Sprache;

namespace MtaLint.Syntax.Postfix;

/// <summary>
/// Sprache's input over a value, without what makes Sprache's own input slow on long values: it
/// allocates a memo dictionary at every char advanced, and it cannot be moved on by more than one
/// char, so a run of plain text costs a parse step per char. This one can (<see cref="AdvanceBy"/>),
/// with the same position, line and column as stepping char by char.
/// </summary>
internal sealed class PostfixValueInput : IInput
{
    private IDictionary<object, object>? _memos;

    public PostfixValueInput(string source)
        : this(source, 0, 1, 1)
    {
    }

    private PostfixValueInput(string source, int position, int line, int column)
    {
        Source = source;
        Position = position;
        Line = line;
        Column = column;
    }

    public string Source { get; }

    public char Current => Source[Position];

    public bool AtEnd => Position == Source.Length;

    public int Position { get; }

    public int Line { get; }

    public int Column { get; }

    /// <summary>Only <c>Memoize()</c> uses memos, which the Postfix grammar does not: made when asked for.</summary>
    public IDictionary<object, object> Memos => _memos ??= new Dictionary<object, object>();

    public IInput Advance() => AtEnd
        ? throw new InvalidOperationException("The input is already at the end of the source.")
        : Current == '\n' ? new PostfixValueInput(Source, Position + 1, Line + 1, 1) : new PostfixValueInput(Source, Position + 1, Line, Column + 1);

    /// <summary>The input <paramref name="count"/> chars on, as that many <see cref="Advance"/> calls would leave it.</summary>
    public static IInput AdvanceBy(IInput input, int count)
    {
        if (input is not PostfixValueInput value)
        {
            for (var i = 0; i < count; i++)
            {
                input = input.Advance();
            }

            return input;
        }

        var skipped = value.Source.AsSpan(value.Position, count);
        var lastBreak = skipped.LastIndexOf('\n');
        return lastBreak < 0
            ? new PostfixValueInput(value.Source, value.Position + count, value.Line, value.Column + count)
            : new PostfixValueInput(value.Source, value.Position + count, value.Line + skipped.Count('\n'), count - lastBreak);
    }

    public bool Equals(IInput? other) =>
        other is not null && (ReferenceEquals(this, other) || (string.Equals(Source, other.Source, StringComparison.Ordinal) && Position == other.Position));

    public override bool Equals(object? obj) => obj is IInput other && Equals(other);

    public override int GetHashCode() => Position; // equal inputs have equal positions; hashing the source would read all of it

    public override string ToString() => $"Line {Line}, Column {Column}";
}
