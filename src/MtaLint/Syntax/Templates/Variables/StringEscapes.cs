using System.Text;

namespace MtaLint.Syntax.Templates.Variables;

/// <summary>The language a quoted string literal is written in: which escapes it has and what interpolates.</summary>
internal enum StringLanguage
{
    /// <summary>Ruby (ERB code, Chef attributes): <c>#{}</c>, <c>#@</c>, <c>#$</c> interpolate in double quotes.</summary>
    Ruby,

    /// <summary>Puppet (EPP code, class parameter defaults): <c>$</c> interpolates in double quotes, <c>\$</c> is a dollar.</summary>
    Puppet,

    /// <summary>
    /// Python, as Jinja decodes its string literals (unicode-escape): both quotes alike, <c>\n</c>, <c>\t</c>, <c>\r</c>,
    /// <c>\\</c> and quotes are escapes, an unknown escape stays as written; the numeric ones and non-ASCII text are not read here.
    /// </summary>
    Python,
}

/// <summary>The one decoder of a quoted string literal's body, for each language the templates' code is written in.</summary>
internal static class StringEscapes
{
    /// <summary>
    /// The string the body of a literal quoted with <paramref name="quote"/> makes, or null when it interpolates or uses
    /// an escape (or, for Python, a character) not read here.
    /// </summary>
    public static string? Decode(ReadOnlySpan<char> body, char quote, StringLanguage language)
    {
        var sb = new StringBuilder(body.Length);
        for (var i = 0; i < body.Length; i++)
        {
            var c = body[i];
            if (language == StringLanguage.Python ? c == '\r' || c > '\x7e' || (c < ' ' && c != '\t' && c != '\n') : quote == '"' && Interpolates(body, i, language))
            {
                return null;
            }

            if (c != '\\' || i + 1 >= body.Length)
            {
                sb.Append(c);
                continue;
            }

            var next = body[++i];
            if (quote == '\'' && language != StringLanguage.Python)
            {
                // Ruby and Puppet: \\ and \' are escapes in single quotes, any other backslash is literal.
                sb.Append(next is '\\' or '\'' ? next.ToString() : "\\" + next);
                continue;
            }

            switch (next)
            {
                case '\\' or '"' or '\'':
                    sb.Append(next);
                    break;
                case '$' when language == StringLanguage.Puppet:
                    sb.Append('$');
                    break;
                case 'n':
                    sb.Append('\n');
                    break;
                case 't':
                    sb.Append('\t');
                    break;
                case 'r':
                    sb.Append('\r');
                    break;
                case '\n' or 'a' or 'b' or 'f' or 'v' or 'x' or 'u' or 'U' or 'N' or (>= '0' and <= '7') when language == StringLanguage.Python:
                    return null;
                case var _ when language == StringLanguage.Python:
                    sb.Append('\\').Append(next);
                    break;
                default:
                    return null;
            }
        }

        return sb.ToString();
    }

    private static bool Interpolates(ReadOnlySpan<char> body, int i, StringLanguage language) => language switch
    {
        StringLanguage.Puppet => body[i] == '$',
        StringLanguage.Ruby => body[i] == '#' && i + 1 < body.Length && body[i + 1] is '{' or '@' or '$',
        _ => false,
    };
}
