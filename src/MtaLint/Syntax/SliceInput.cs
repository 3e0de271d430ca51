using Sprache;

namespace MtaLint.Syntax;

/// <summary>
/// Sprache input over a slice of a string, without copying it, that can also jump ahead: the
/// <see cref="Runs"/> primitives consume a run of chars in one step where Sprache's
/// <c>Char(...).Many()</c> allocates a result and a list entry per char.
/// </summary>
internal sealed class SliceInput(string source, int position, int end) : IInput
{
    private IDictionary<object, object>? _memos;

    public SliceInput(string source)
        : this(source, 0, source.Length)
    {
    }

    public string Source => source;

    public char Current => source[position];

    public bool AtEnd => position >= end;

    public int Position => position;

    /// <summary>The end of the slice (exclusive).</summary>
    public int End => end;

    // Lines and columns come from the SourceFile; Sprache needs them only for messages not used here.
    public int Line => 0;

    public int Column => 0;

    public IDictionary<object, object> Memos => _memos ??= new Dictionary<object, object>();

    public IInput Advance() => AtEnd
        ? throw new InvalidOperationException("cannot advance past the end of the input")
        : new SliceInput(source, position + 1, end);

    /// <summary>The input <paramref name="count"/> chars further on.</summary>
    public SliceInput Skip(int count) => count == 0 ? this : new SliceInput(source, position + count, end);

    public bool Equals(IInput? other) => other is SliceInput o && ReferenceEquals(o.Source, source) && o.Position == position;

    public override bool Equals(object? obj) => Equals(obj as IInput);

    public override int GetHashCode() => HashCode.Combine(source.Length, position);
}

/// <summary>Parsers for runs of chars, consumed in one step over a <see cref="SliceInput"/>.</summary>
internal static class Runs
{
    /// <summary>The longest run (at least one char) of chars <paramref name="accept"/> takes, as text.</summary>
    public static Parser<string> Text(Func<char, bool> accept, string description) => input =>
    {
        var (length, rest) = Measure(input, accept);
        return length == 0
            ? Result.Failure<string>(input, $"{description} expected", [description])
            : Result.Success(input.Source.Substring(input.Position, length), rest);
    };

    /// <summary>The longest run (possibly empty) of chars <paramref name="accept"/> takes, as text.</summary>
    public static Parser<string> TextMany(Func<char, bool> accept) => input =>
    {
        var (length, rest) = Measure(input, accept);
        return Result.Success(input.Source.Substring(input.Position, length), rest);
    };

    /// <summary>Runs <paramref name="parser"/> over all of <paramref name="text"/> (Sprache's <c>TryParse</c>, over a <see cref="SliceInput"/>).</summary>
    public static IResult<T> Run<T>(this Parser<T> parser, string text) => parser(new SliceInput(text));

    /// <summary>The longest run (possibly empty) of chars <paramref name="accept"/> takes, skipped.</summary>
    public static Parser<int> SkipMany(Func<char, bool> accept) => input =>
    {
        var (length, rest) = Measure(input, accept);
        return Result.Success(length, rest);
    };

    /// <summary>Like <see cref="SkipMany"/> but at least one char.</summary>
    public static Parser<int> SkipAtLeastOnce(Func<char, bool> accept, string description) => input =>
    {
        var (length, rest) = Measure(input, accept);
        return length == 0
            ? Result.Failure<int>(input, $"{description} expected", [description])
            : Result.Success(length, rest);
    };

    private static (int Length, IInput Remainder) Measure(IInput input, Func<char, bool> accept)
    {
        if (input is SliceInput slice)
        {
            var source = slice.Source;
            var i = slice.Position;
            while (i < slice.End && accept(source[i]))
            {
                i++;
            }

            return (i - slice.Position, slice.Skip(i - slice.Position));
        }

        // Any other input: one char at a time, same result.
        var rest = input;
        var length = 0;
        while (!rest.AtEnd && accept(rest.Current))
        {
            rest = rest.Advance();
            length++;
        }

        return (length, rest);
    }
}
