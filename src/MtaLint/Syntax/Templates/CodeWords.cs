namespace MtaLint.Syntax.Templates;

/// <summary>A word or punctuation char of template code, with its offset and how deep in brackets it is.</summary>
internal readonly record struct CodeWord(string Text, int Start, int Depth)
{
    public int End => Start + Text.Length;
}

/// <summary>
/// Reads template code (Jinja expressions, Ruby, Puppet) as words outside strings and comments: enough to find the
/// keywords that give a block its structure (<c>in</c>, <c>do</c>, <c>|x|</c>, <c>{</c>), never a full parse.
/// </summary>
internal static class CodeWords
{
    /// <summary>
    /// End of the string whose quote is at <paramref name="p"/> (a backslash escapes any char, as in Python's and
    /// Puppet's strings); -1 when it never ends.
    /// </summary>
    public static int QuotedEnd(string text, int p)
    {
        var quote = text[p];
        for (var i = p + 1; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                i++;
            }
            else if (text[i] == quote)
            {
                return i + 1;
            }
        }

        return -1;
    }

    /// <summary>The words of [start, end): identifiers (with a leading <c>$</c> or <c>@</c>), numbers, and every other non-blank char alone.</summary>
    public static List<CodeWord> Read(string text, int start, int end, bool hashComments)
    {
        var words = new List<CodeWord>();
        var depth = 0;
        var p = start;
        while (p < end)
        {
            var c = text[p];
            if (char.IsWhiteSpace(c))
            {
                p++;
            }
            else if (c is '\'' or '"')
            {
                var q = p + 1;
                while (q < end && text[q] != c)
                {
                    q += text[q] == '\\' ? 2 : 1;
                }

                q = Math.Min(q + 1, end);
                words.Add(new CodeWord(text[p..q], p, depth));
                p = q;
            }
            else if (c == '#' && hashComments)
            {
                var eol = text.IndexOf('\n', p, end - p);
                p = eol < 0 ? end : eol;
            }
            else if (char.IsLetterOrDigit(c) || c is '_' or '$' or '@')
            {
                var q = p + 1;
                while (q < end)
                {
                    if (char.IsLetterOrDigit(text[q]) || text[q] == '_')
                    {
                        q++;
                    }
                    else if (c == '$' && q + 1 < end && text[q] == ':' && text[q + 1] == ':')
                    {
                        q += 2; // a Puppet name with its namespace: $postfix::params::x
                    }
                    else
                    {
                        break;
                    }
                }

                // Ruby's method names may end in ? or ! (not the start of != or ?=).
                if (c != '$' && q < end && text[q] is '?' or '!' && !(q + 1 < end && text[q + 1] == '='))
                {
                    q++;
                }

                words.Add(new CodeWord(text[p..q], p, depth));
                p = q;
            }
            else
            {
                if (c is ')' or ']' or '}')
                {
                    depth--;
                }

                words.Add(new CodeWord(c.ToString(), p, depth));
                if (c is '(' or '[' or '{')
                {
                    depth++;
                }

                p++;
            }
        }

        return words;
    }
}
