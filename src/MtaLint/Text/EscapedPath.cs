using System.Text;

namespace MtaLint.Text;

/// <summary>
/// A path as line-oriented output shows it: a control character in a file name (a newline, an
/// escape sequence) would split a finding over two lines or drive the terminal, so it is written
/// as a C escape (<c>\n</c>, <c>\x1b</c>). Other paths are unchanged.
/// </summary>
public static class EscapedPath
{
    public static string Of(string path)
    {
        if (!path.Any(IsControl))
        {
            return path;
        }

        var sb = new StringBuilder(path.Length + 8);
        foreach (var c in path)
        {
            sb.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when IsControl(c) => $"\\x{(int)c:x2}",
                _ => c.ToString(),
            });
        }

        return sb.ToString();
    }

    /// <summary>
    /// A path for a diff header the way git writes one: in double quotes with C escapes when it
    /// holds a control character, a quote or a backslash (git apply and GNU patch read that form).
    /// </summary>
    public static string ForPatch(string prefixed)
    {
        if (!prefixed.Any(c => IsControl(c) || c is '"' or '\\'))
        {
            return prefixed;
        }

        var sb = new StringBuilder(prefixed.Length + 8).Append('"');
        foreach (var c in prefixed)
        {
            sb.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '"' => "\\\"",
                '\\' => "\\\\",
                _ when IsControl(c) => "\\" + Convert.ToString(c, 8).PadLeft(3, '0'),
                _ => c.ToString(),
            });
        }

        return sb.Append('"').ToString();
    }

    private static bool IsControl(char c) => c < ' ' || c == '\u007F';
}
