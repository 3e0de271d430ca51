using System.Text;

namespace MtaLint.Text;

/// <summary>
/// The one definition of the chars that must not reach a terminal, a CI log or a report as they
/// are, whoever wrote them (a config, a file name, a probed server):
/// <list type="bullet">
/// <item>C0 controls but tab, DEL and C1 controls: ESC/CSI sequences drive the terminal (move the cursor, rewrite earlier lines, set the window title), BEL and BS hide text;</item>
/// <item>bidirectional formatting (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C): the line shows in another order than it is read ("Trojan Source");</item>
/// <item>U+2028 and U+2029: editors, browsers and some log viewers break the line there;</item>
/// <item>a surrogate that is not half of a pair, U+FFFE and U+FFFF: not text, and XML 1.0 cannot hold them (a JUnit report that holds one does not parse).</item>
/// </list>
/// Reports for people replace each with U+FFFD (one char for one, so carets stay aligned); paths are
/// escaped (<see cref="EscapedPath"/>); JSON escapes them as <c>\uXXXX</c>.
/// </summary>
public static class UnsafeChars
{
    public const char Replacement = '\uFFFD';

    /// <summary>Whether the char at <paramref name="index"/> is unsafe (a surrogate is judged with its neighbour).</summary>
    public static bool IsUnsafeAt(string text, int index)
    {
        var c = text[index];
        if (char.IsHighSurrogate(c))
        {
            return index + 1 >= text.Length || !char.IsLowSurrogate(text[index + 1]);
        }

        if (char.IsLowSurrogate(c))
        {
            return index == 0 || !char.IsHighSurrogate(text[index - 1]);
        }

        return IsUnsafe(c);
    }

    /// <summary>Whether <paramref name="c"/> is unsafe on its own (surrogates are not judged here: see <see cref="IsUnsafeAt"/>).</summary>
    public static bool IsUnsafe(char c) => c switch
    {
        '\t' => false,
        < ' ' => true,
        >= '\u007F' and <= '\u009F' => true,
        '\u061C' or '\u200E' or '\u200F' => true,
        >= '\u202A' and <= '\u202E' => true,
        >= '\u2066' and <= '\u2069' => true,
        '\u2028' or '\u2029' => true,
        '\uFFFE' or '\uFFFF' => true,
        _ => false,
    };

    /// <summary>The index of the first unsafe char, or -1.</summary>
    public static int IndexOfUnsafe(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (IsUnsafeAt(text, i))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary><paramref name="text"/> with each unsafe char replaced by U+FFFD (the same length, so columns keep their place).</summary>
    public static string Replaced(string text)
    {
        var first = IndexOfUnsafe(text);
        if (first < 0)
        {
            return text;
        }

        return string.Create(text.Length, (text, first), static (span, state) =>
        {
            var (t, from) = state;
            t.AsSpan().CopyTo(span);
            for (var i = from; i < t.Length; i++)
            {
                if (IsUnsafeAt(t, i))
                {
                    span[i] = Replacement;
                }
            }
        });
    }

    /// <summary>
    /// JSON text (as System.Text.Json writes it) with the unsafe chars it leaves raw escaped as
    /// <c>\uXXXX</c>. The relaxed encoder mtalint uses for readable output escapes C0, C1, DEL,
    /// U+2028/9 and bad surrogates itself but writes bidirectional controls as they are. JSON allows
    /// no char above U+007F outside a string, so every one found is inside a string, where the
    /// escape means the same char: the document's data does not change. Line breaks and tabs
    /// outside strings are the document's layout and stay.
    /// </summary>
    public static string EscapedInJson(string json)
    {
        var first = -1;
        for (var i = 0; i < json.Length; i++)
        {
            if (json[i] is not ('\n' or '\r' or '\t') && IsUnsafeAt(json, i))
            {
                first = i;
                break;
            }
        }

        if (first < 0)
        {
            return json;
        }

        var sb = new StringBuilder(json.Length + 16).Append(json, 0, first);
        for (var i = first; i < json.Length; i++)
        {
            var c = json[i];
            if (c is not ('\n' or '\r' or '\t') && IsUnsafeAt(json, i))
            {
                // A lone surrogate escaped as itself would not parse in strict readers: it is not a char.
                var code = char.IsSurrogate(c) ? Replacement : c;
                sb.Append("\\u").Append(((int)code).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }
}
