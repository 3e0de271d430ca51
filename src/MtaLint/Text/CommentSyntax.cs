namespace MtaLint.Text;

/// <summary>
/// How a dialect writes a comment line: after optional blanks, one of its <see cref="Leaders"/>
/// (<c>#</c>; Sendmail's m4 also <c>dnl</c>). A leader that is a word must end there: be followed by
/// a blank or end the line, so that <c>dnlx</c> is no comment. Suppression comments are written in
/// this syntax, and they skip over such lines to reach the setting they suppress.
/// </summary>
public sealed class CommentSyntax
{
    public CommentSyntax(params string[] leaders)
    {
        if (leaders.Length == 0 || leaders.Any(l => l.Length == 0))
        {
            throw new ArgumentException("a comment syntax needs at least one non-empty leader", nameof(leaders));
        }

        Leaders = leaders;
    }

    /// <summary>A comment is <c>#</c> to the end of the line, when <c>#</c> is the line's first non-blank char (Postfix, Exim).</summary>
    public static CommentSyntax Hash { get; } = new("#");

    public IReadOnlyList<string> Leaders { get; }

    /// <summary>True when <paramref name="line"/> (without its line break) is a comment line.</summary>
    public bool IsCommentLine(ReadOnlySpan<char> line) => LeaderLength(line.TrimStart(" \t")) > 0;

    /// <summary>
    /// The length of the leader that <paramref name="text"/> starts with (text after the line's leading
    /// blanks), or 0 when it starts no comment.
    /// </summary>
    public int LeaderLength(ReadOnlySpan<char> text)
    {
        foreach (var leader in Leaders)
        {
            if (!text.StartsWith(leader, StringComparison.Ordinal))
            {
                continue;
            }

            var isWord = char.IsAsciiLetter(leader[^1]);
            if (!isWord || text.Length == leader.Length || text[leader.Length] is ' ' or '\t')
            {
                return leader.Length;
            }
        }

        return 0;
    }
}
