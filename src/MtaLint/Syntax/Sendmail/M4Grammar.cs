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

    private static readonly Parser<Unit> QuotedBody = Runs.SkipAtLeastOnce(c => c is not ('`' or '\''), "quoted text").Return(Unit.Value);

    /// <summary><c>`</c> (quoted string or any other char but a quote)* <c>'</c>: m4's nested quoting.</summary>
    private static readonly Parser<Unit> QuotedGrammar =
        from open in Parse.Char('`')
        from body in Recursive.Ref(() => QuotedGrammar!).Or(QuotedBody).Many()
        from close in Parse.Char('\'')
        select Unit.Value;

    /// <summary>End offset of the name at <paramref name="start"/> (<paramref name="start"/> when none starts there).</summary>
    /// <remarks>A flat scan: a combinator adds nothing to <c>[A-Za-z_][A-Za-z0-9_]*</c> but Sprache's result objects for every name.</remarks>
    public static int Word(string text, int start, int end)
    {
        if (start >= end || !IsWordStart(text[start]))
        {
            return start;
        }

        var i = start + 1;
        while (i < end && IsWordPart(text[i]))
        {
            i++;
        }

        return i;
    }

    /// <summary>End offset of the comment at <paramref name="start"/> (before its line break).</summary>
    public static int Comment(string text, int start, int end)
    {
        if (start >= end || text[start] != '#')
        {
            return start;
        }

        var newline = text.IndexOf('\n', start, end - start);
        return newline < 0 ? end : newline;
    }

    /// <summary>
    /// End offset of the quoted string opening at <paramref name="start"/>, or why it cannot be read
    /// (m4: "end of file in string"), an error at <paramref name="start"/>.
    /// </summary>
    public static (int End, string? Error) Quoted(string text, int start, int end)
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
            return (end, "quoted string opened here is never closed: m4 stops with \"end of file in string\" (a ` needs a matching ')");
        }

        if (maxDepth > MaxQuoteDepth)
        {
            return (end, $"quotes nested more than {MaxQuoteDepth} deep");
        }

        if (maxDepth == 1)
        {
            // No quote inside: the string is what the scan found (the grammar would allocate its
            // result objects to say the same); nested quotes are read by the grammar.
            return (i + 1, null);
        }

        var matched = Run(QuotedGrammar, text, start, i + 1);
        return matched == i + 1
            ? (matched, null)
            : (end, "quoted string opened here does not parse");
    }

    private static int Run(Parser<Unit> parser, string text, int start, int end)
    {
        var result = parser(new SliceInput(text, start, end));
        return result.WasSuccessful ? result.Remainder.Position : start;
    }

    /// <summary>Sprache needs a value; m4 tokens are measured by offsets, so there is none.</summary>
    public readonly record struct Unit
    {
        public static Unit Value => default;
    }
}
