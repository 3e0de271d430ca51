using MtaLint.Text;

namespace MtaLint.Syntax.Sendmail;

/// <summary>
/// m4's reading of a text that differs from one already read only where m4 copies characters through whatever they
/// are: the read is reused instead of parsing again. An .mc template is read twice this way (its masked view with each
/// tag-only line a hole, then with those outside values comment lines), and parsing is most of what reading costs.
/// </summary>
internal static class M4Rereading
{
    /// <summary>
    /// <paramref name="file"/> as m4 reads it: <paramref name="earlier"/>'s nodes over <paramref name="file"/>'s text when
    /// <paramref name="earlier"/> read a text of the same length that differs from it only at offsets outside every value
    /// (<paramref name="values"/>, from <paramref name="earlier"/>) where both have characters m4 copies as text; else parsed anew.
    /// </summary>
    public static McParseResult Parse(SourceFile file, McParseResult earlier, M4ValueSpans values) =>
        ReadsAlike(earlier, file.Text, values)
            ? earlier with { Document = earlier.Document with { File = file } }
            : M4Parser.Parse(file);

    /// <summary>
    /// Outside quotes and argument lists the parser tells apart only quotes, names (and the <c>(</c> after one, the
    /// digits in one), <c>dnl</c> to its line break, and <c>#</c> to its line break while comments are read. Where two
    /// texts differ only in other characters there, the parser makes the same nodes of both, and the same calls learn
    /// the same definitions (their arguments are values, the same in both).
    /// </summary>
    private static bool ReadsAlike(McParseResult earlier, string text, M4ValueSpans values)
    {
        var before = earlier.Document.File.Text;
        if (earlier.Error is not null || before.Length != text.Length || M4Parser.IncludesCfM4(text) != M4Parser.IncludesCfM4(before))
        {
            return false;
        }

        for (var at = 0; at < text.Length; at++)
        {
            at += before.AsSpan(at).CommonPrefixLength(text.AsSpan(at));
            if (at >= text.Length)
            {
                break;
            }

            char a = before[at], b = text[at];
            if (!CopiedThrough(a) || !CopiedThrough(b) || (a == '#' || b == '#') && at < earlier.CommentsUntil || values.Inside(new TextSpan(at, 1)))
            {
                return false;
            }
        }

        return true;
    }

    private static bool CopiedThrough(char c) => !M4Grammar.IsWordPart(c) && c is not ('`' or '\'' or '(' or ')' or ',' or '\n' or '\r');
}
