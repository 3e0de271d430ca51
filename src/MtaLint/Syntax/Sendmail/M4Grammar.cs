using Sprache;

namespace MtaLint.Syntax.Sendmail;

/// <summary>
/// The token grammar of m4 as sendmail-cf uses it (GNU m4 defaults: quotes <c>`</c> and <c>'</c>,
/// names <c>[A-Za-z_][A-Za-z0-9_]*</c>). Each parser returns the offset just past what it matched.
/// </summary>
internal static class M4Grammar
{
    /// <summary>Deeper quote nesting than this is refused rather than risk the recursive grammar's stack.</summary>
    public const int MaxQuoteDepth = 256;

    public static bool IsWordStart(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or '_';

    public static bool IsWordPart(char c) => IsWordStart(c) || c is >= '0' and <= '9';

    /// <summary>The blanks m4 skips before an argument.</summary>
    public static bool IsArgumentBlank(char c) => c is ' ' or '\t' or '\n' or '\r' or '\v' or '\f';

    private static readonly Parser<Unit> QuotedBody = CharsWhile(c => c is not ('`' or '\''), atLeastOnce: true, "any character except quotes");

    /// <summary><c>`</c> (quoted string or any other char but a quote)* <c>'</c>: m4's nested quoting.</summary>
    private static readonly Parser<Unit> QuotedGrammar =
        from open in Parse.Char('`')
        from body in Parse.Ref(() => QuotedGrammar).Or(QuotedBody).Many()
        from close in Parse.Char('\'')
        select Unit.Value;

    private static readonly Parser<Unit> WordGrammar =
        from first in Parse.Char(IsWordStart, "name")
        from rest in CharsWhile(IsWordPart, atLeastOnce: false, "name")
        select Unit.Value;

    private static readonly Parser<Unit> CommentGrammar =
        from hash in Parse.Char('#')
        from rest in CharsWhile(c => c != '\n', atLeastOnce: false, "any character except a line break")
        select Unit.Value;

    /// <summary>
    /// <c>Parse.Char(predicate).Many()</c> (or <c>.AtLeastOnce()</c>) in one step: Sprache's step per
    /// char made a megabyte define or a long name cost a parse result and an input per char.
    /// </summary>
    private static Parser<Unit> CharsWhile(Func<char, bool> predicate, bool atLeastOnce, string expected) => input =>
    {
        var at = (OffsetInput)input;
        var count = 0;
        while (!at.AtEndAfter(count) && predicate(at.Source[at.Position + count]))
        {
            count++;
        }

        return count == 0 && atLeastOnce
            ? Result.Failure<Unit>(input, input.AtEnd ? "Unexpected end of input reached" : $"unexpected '{input.Current}'", [expected])
            : Result.Success(Unit.Value, at.Skip(count));
    };

    /// <summary>End offset of the name at <paramref name="start"/>.</summary>
    public static int Word(string text, int start, int end) => Run(WordGrammar, text, start, end);

    /// <summary>End offset of the comment at <paramref name="start"/> (before its line break).</summary>
    public static int Comment(string text, int start, int end) => Run(CommentGrammar, text, start, end);

    /// <summary>
    /// End offset of the quoted string opening at <paramref name="start"/>, or an error at
    /// <paramref name="start"/> when it never closes (m4: "end of file in string").
    /// </summary>
    public static (int End, M4Error? Error) Quoted(string text, int start, int end)
    {
        // A bounded scan first: it finds an unclosed quote without the grammar's backtracking
        // and keeps hostile nesting away from the recursive grammar.
        var depth = 0;
        var maxDepth = 0;
        var i = start;
        for (; i < end; i++)
        {
            var c = text[i];
            if (c == '`')
            {
                depth++;
                maxDepth = Math.Max(maxDepth, depth);
            }
            else if (c == '\'' && --depth == 0)
            {
                break;
            }
        }

        if (i == end)
        {
            return (end, new M4Error(start, "quoted string opened here is never closed: m4 stops with \"end of file in string\" (a ` needs a matching ')"));
        }

        if (maxDepth > MaxQuoteDepth)
        {
            return (end, new M4Error(start, $"quotes nested more than {MaxQuoteDepth} deep"));
        }

        var matched = Run(QuotedGrammar, text, start, i + 1);
        return matched == i + 1
            ? (matched, null)
            : (end, new M4Error(start, "quoted string opened here does not parse"));
    }

    private static int Run(Parser<Unit> parser, string text, int start, int end)
    {
        var result = parser(new OffsetInput(text, start, end));
        return result.WasSuccessful ? result.Remainder.Position : start;
    }

    /// <summary>Sprache input over a slice of a string without copying it.</summary>
    private sealed class OffsetInput(string source, int position, int end) : IInput
    {
        private IDictionary<object, object>? _memos;

        public string Source => source;

        public char Current => source[position];

        public bool AtEnd => position >= end;

        public int Position => position;

        // Lines and columns come from the SourceFile; Sprache only needs them for messages we do not use.
        public int Line => 0;

        public int Column => 0;

        public IDictionary<object, object> Memos => _memos ??= new Dictionary<object, object>();

        public IInput Advance() => AtEnd
            ? throw new InvalidOperationException("cannot advance past the end of the input")
            : new OffsetInput(source, position + 1, end);

        /// <summary>Whether the input ends <paramref name="ahead"/> chars on.</summary>
        public bool AtEndAfter(int ahead) => position + ahead >= end;

        /// <summary>The input <paramref name="count"/> chars on (not past its end).</summary>
        public OffsetInput Skip(int count) => count == 0 ? this : new OffsetInput(source, position + count, end);

        public bool Equals(IInput? other) => other is OffsetInput o && ReferenceEquals(o.Source, source) && o.Position == position;

        public override bool Equals(object? obj) => Equals(obj as IInput);

        public override int GetHashCode() => HashCode.Combine(source.Length, position);
    }

    /// <summary>Sprache needs a value; m4 tokens are measured by offsets, so there is none.</summary>
    public readonly record struct Unit
    {
        public static Unit Value => default;
    }
}
