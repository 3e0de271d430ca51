using System.Text;

namespace MtaLint.Text;

/// <summary>
/// A path as line-oriented output shows it: a control character in a file name (a newline, an
/// escape sequence) would split a finding over two lines or drive the terminal, and a
/// bidirectional control would show the name in another order, so each char that
/// <see cref="UnsafeChars"/> names (and a tab) is written as a C escape (<c>\n</c>, <c>\x1b</c>,
/// <c>\u202e</c>). Other paths are unchanged.
/// </summary>
public static class EscapedPath
{
    public static string Of(string path)
    {
        if (!NeedsEscape(path, quoteAndBackslash: false))
        {
            return path;
        }

        var sb = new StringBuilder(path.Length + 8);
        for (var i = 0; i < path.Length; i++)
        {
            var c = path[i];
            sb.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when c <= '\u00FF' && IsEscaped(path, i) => $"\\x{(int)c:x2}",
                _ when IsEscaped(path, i) => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        return sb.ToString();
    }

    /// <summary>
    /// A path for a diff header the way git writes one: in double quotes with C escapes when it
    /// holds a control character, a quote or a backslash (git apply and GNU patch read that form).
    /// Other unsafe chars (C1, bidirectional controls) are written as the octal escapes of their
    /// UTF-8 bytes, as git does for every byte above 0x7F with <c>core.quotePath</c>; a surrogate
    /// that is not half of a pair has no UTF-8 form and is written as U+FFFD.
    /// </summary>
    public static string ForPatch(string prefixed)
    {
        if (!NeedsEscape(prefixed, quoteAndBackslash: true))
        {
            return prefixed;
        }

        var sb = new StringBuilder(prefixed.Length + 8).Append('"');
        for (var i = 0; i < prefixed.Length; i++)
        {
            var c = prefixed[i];
            switch (c)
            {
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                default:
                    if (!IsEscaped(prefixed, i))
                    {
                        sb.Append(c);
                        break;
                    }

                    var unit = char.IsSurrogate(c) ? UnsafeChars.Replacement : c;
                    foreach (var b in Encoding.UTF8.GetBytes(unit.ToString()))
                    {
                        sb.Append('\\').Append(Convert.ToString(b, 8).PadLeft(3, '0'));
                    }

                    break;
            }
        }

        return sb.Append('"').ToString();
    }

    private static bool NeedsEscape(string path, bool quoteAndBackslash)
    {
        for (var i = 0; i < path.Length; i++)
        {
            if (IsEscaped(path, i) || (quoteAndBackslash && path[i] is '"' or '\\'))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsEscaped(string path, int index) => path[index] == '\t' || UnsafeChars.IsUnsafeAt(path, index);
}
