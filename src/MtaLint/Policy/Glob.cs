using System.Text;
using System.Text.RegularExpressions;

namespace MtaLint.Policy;

/// <summary>
/// A path pattern from <c>.mtalint.yaml</c> (<c>exclude</c>, <c>per-file</c>), matched against paths
/// relative to the config file's folder with <c>/</c> separators: <c>*</c> and <c>?</c> stay within a
/// folder name, <c>**</c> crosses folders, <c>[abc]</c> is a class. A pattern without <c>/</c> matches
/// a name in any folder (like <c>.gitignore</c>); a pattern that matches a folder covers what is in it.
/// </summary>
public sealed class Glob
{
    private readonly Regex _regex;

    public Glob(string pattern)
    {
        Pattern = pattern;
        _regex = new Regex(ToRegex(pattern), RegexOptions.CultureInvariant);
    }

    public string Pattern { get; }

    public bool IsMatch(string relativePath) => _regex.IsMatch(relativePath.Replace('\\', '/'));

    /// <summary>Null when the pattern is valid, else why not.</summary>
    public static string? Validate(string pattern)
    {
        if (pattern.Length == 0)
        {
            return "an empty pattern matches nothing";
        }

        var open = pattern.IndexOf('[');
        if (open >= 0 && pattern.IndexOf(']', open + 1) < 0)
        {
            return $"'[' at {open + 1} is not closed";
        }

        return null;
    }

    private static string ToRegex(string pattern)
    {
        var p = pattern.Replace('\\', '/');
        if (p.StartsWith("./", StringComparison.Ordinal))
        {
            p = p[2..];
        }

        var anchored = p.TrimEnd('/').Contains('/');
        p = p.TrimStart('/').TrimEnd('/');
        var sb = new StringBuilder(anchored ? "^" : "^(?:.*/)?");
        for (var i = 0; i < p.Length; i++)
        {
            var c = p[i];
            if (c == '*' && i + 1 < p.Length && p[i + 1] == '*')
            {
                var slash = i + 2 < p.Length && p[i + 2] == '/';
                sb.Append(slash ? "(?:.*/)?" : ".*");
                i += slash ? 2 : 1;
            }
            else if (c == '*')
            {
                sb.Append("[^/]*");
            }
            else if (c == '?')
            {
                sb.Append("[^/]");
            }
            else if (c == '[' && p.IndexOf(']', i + 1) is var close and > 0)
            {
                var body = p[(i + 1)..close];
                // Ranges (a-z) keep their meaning; only what would break the regex class is escaped.
                var negated = body.StartsWith('!');
                var members = (negated ? body[1..] : body).Replace("\\", "\\\\", StringComparison.Ordinal).Replace("[", "\\[", StringComparison.Ordinal);
                sb.Append('[').Append(negated ? "^" : string.Empty).Append(members).Append(']');
                i = close;
            }
            else
            {
                sb.Append(Regex.Escape(c.ToString()));
            }
        }

        sb.Append("(?:/.*)?$");
        return sb.ToString();
    }
}
