namespace MtaLint.Syntax.Templates;

/// <summary>Whitespace as the engines' scanners see it.</summary>
internal static class Blanks
{
    /// <summary>Space or tab: what <c>[ \t]</c> matches in Ruby's and Puppet's scanners.</summary>
    public static bool IsBlank(char c) => c is ' ' or '\t';

    /// <summary>Length of the line break at <paramref name="at"/> (<c>\r\n</c>, <c>\r</c> or <c>\n</c>, Jinja's newlines), 0 when there is none.</summary>
    public static int JinjaNewline(string text, int at) =>
        at >= text.Length ? 0
        : text[at] == '\r' ? (at + 1 < text.Length && text[at + 1] == '\n' ? 2 : 1)
        : text[at] == '\n' ? 1 : 0;

    /// <summary>Length of <c>\r?\n</c> at <paramref name="at"/> (Ruby's line break), 0 when there is none.</summary>
    public static int RubyNewline(string text, int at) =>
        at < text.Length && text[at] == '\n' ? 1
        : at + 1 < text.Length && text[at] == '\r' && text[at + 1] == '\n' ? 2 : 0;

    /// <summary>End of the run of whitespace (Python's <c>\s</c>) starting at <paramref name="at"/>.</summary>
    public static int SkipWhitespace(string text, int at)
    {
        while (at < text.Length && char.IsWhiteSpace(text[at]))
        {
            at++;
        }

        return at;
    }

    /// <summary>End of the run of spaces and tabs starting at <paramref name="at"/>.</summary>
    public static int SkipBlanks(string text, int at)
    {
        while (at < text.Length && IsBlank(text[at]))
        {
            at++;
        }

        return at;
    }

    /// <summary>Start of the run of spaces and tabs that ends at <paramref name="end"/>, not before <paramref name="floor"/>.</summary>
    public static int BlanksBefore(string text, int end, int floor)
    {
        while (end > floor && IsBlank(text[end - 1]))
        {
            end--;
        }

        return end;
    }

    /// <summary>The first identifier (<c>[A-Za-z_][A-Za-z0-9_]*</c>) after leading whitespace in [start, end), empty when there is none.</summary>
    public static string FirstWord(string text, int start, int end)
    {
        var i = SkipWhitespace(text, start);
        var j = i;
        while (j < end && (char.IsLetterOrDigit(text[j]) || text[j] == '_'))
        {
            j++;
        }

        return j > i && !char.IsDigit(text[i]) ? text[i..j] : "";
    }
}
