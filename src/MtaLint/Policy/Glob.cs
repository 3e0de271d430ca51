namespace MtaLint.Policy;

/// <summary>
/// A path pattern from <c>.mtalint.yaml</c> (<c>exclude</c>, <c>per-file</c>), matched against paths
/// relative to the config file's folder with <c>/</c> separators: <c>*</c> and <c>?</c> stay within a
/// folder name, <c>**</c> crosses folders, <c>[abc]</c>, <c>[a-z]</c> and <c>[!abc]</c> (or <c>[^abc]</c>)
/// are classes of one char other than <c>/</c>. A pattern without <c>/</c> matches a name in any folder
/// (like <c>.gitignore</c>); a pattern that matches a folder covers what is in it.
/// </summary>
/// <remarks>
/// Matched by hand, not with a <see cref="System.Text.RegularExpressions.Regex"/>: a policy file is
/// picked up from any parent folder, so a pull request can add one, and a backtracking regex of
/// <c>*a*a*a*a*ab</c> takes time exponential in the length of a folder name. The matcher runs the pattern as a
/// set of positions (a Thompson NFA): each char of the path moves every live position once, so a
/// match costs at most path length × (2 × pattern length + 4) steps, whatever the pattern, and no
/// regex syntax can leak through a class. <see cref="System.Text.RegularExpressions.RegexOptions.NonBacktracking"/>
/// would be linear too, but the glob language is four constructs, and a translation to a regex
/// still has to escape every class correctly (<c>[z-a]</c> made the old one throw).
/// </remarks>
public sealed class Glob
{
    /// <summary>Longer patterns are refused: no path the system can open is longer (PATH_MAX).</summary>
    public const int MaxLength = 4096;

    private readonly Token[] _tokens;

    public Glob(string pattern)
    {
        Pattern = pattern;
        _tokens = Compile(pattern);
    }

    public string Pattern { get; }

    public bool IsMatch(string relativePath) => IsMatch(relativePath, out _);

    /// <summary>
    /// <see cref="IsMatch(string)"/>, with the work it took: one step for each live position moved
    /// over a char, plus the chars of a class compared: at most path length × (2 × pattern length + 4).
    /// </summary>
    public bool IsMatch(string relativePath, out long steps)
    {
        steps = 0;
        // Positions 0..n-1 are before token i; n is "the pattern matched"; n + 1 is "matched, now inside
        // the folder it named" (a pattern that matches a folder covers what is in it).
        var n = _tokens.Length;
        var current = new bool[n + 2];
        var next = new bool[n + 2];
        current[0] = true;
        Close(current);
        foreach (var raw in relativePath)
        {
            var c = raw == '\\' ? '/' : raw;
            Array.Clear(next);
            var any = false;
            for (var i = 0; i <= n + 1; i++)
            {
                if (!current[i])
                {
                    continue;
                }

                steps++;
                if (i == n + 1 || i == n && c == '/')
                {
                    next[n + 1] = any = true;
                    continue;
                }

                if (i == n)
                {
                    continue;
                }

                var token = _tokens[i];
                switch (token.Kind)
                {
                    case TokenKind.Star when c != '/':
                    case TokenKind.AnyStar:
                        next[i] = any = true;
                        break;
                    case TokenKind.Folders:
                        // Into the run (a "/" may end it at once), or past the run when this "/" ends it.
                        next[i + 1] = any = true;
                        if (c == '/')
                        {
                            next[i + 2] = true;
                        }

                        break;
                    case TokenKind.FoldersRun:
                        next[i] = any = true;
                        if (c == '/')
                        {
                            next[i + 1] = true;
                        }

                        break;
                    case TokenKind.Literal when c == token.Set[0]:
                        next[i + 1] = any = true;
                        break;
                    case TokenKind.Char:
                        steps += token.Set.Length;
                        if (token.Matches(c))
                        {
                            next[i + 1] = any = true;
                        }

                        break;
                }
            }

            if (!any)
            {
                return false;
            }

            (current, next) = (next, current);
            Close(current);
        }

        return current[n] || current[n + 1];
    }

    /// <summary>Null when the pattern is valid, else why not.</summary>
    public static string? Validate(string pattern)
    {
        if (pattern.Length == 0)
        {
            return "an empty pattern matches nothing";
        }

        if (pattern.Length > MaxLength)
        {
            return $"longer than {MaxLength:N0} characters, longer than any path";
        }

        var open = pattern.IndexOf('[');
        if (open >= 0 && pattern.IndexOf(']', open + 1) < 0)
        {
            return $"'[' at {open + 1} is not closed";
        }

        return null;
    }

    /// <summary>Adds the positions reachable without reading a char: past a <c>*</c>, <c>**</c> or <c>**/</c> that matches nothing.</summary>
    private void Close(bool[] positions)
    {
        for (var i = 0; i < _tokens.Length; i++)
        {
            if (positions[i] && _tokens[i].Kind is TokenKind.Star or TokenKind.AnyStar)
            {
                positions[i + 1] = true;
            }
            else if (positions[i] && _tokens[i].Kind is TokenKind.Folders)
            {
                positions[i + 2] = true; // over its run too
            }
        }
    }

    private static Token[] Compile(string pattern)
    {
        var p = pattern.Replace('\\', '/');
        if (p.StartsWith("./", StringComparison.Ordinal))
        {
            p = p[2..];
        }

        var anchored = p.TrimEnd('/').Contains('/');
        p = p.TrimStart('/').TrimEnd('/');
        var tokens = new List<Token>(p.Length + 1);
        if (!anchored)
        {
            tokens.Add(new Token(TokenKind.Folders)); // a name in any folder
            tokens.Add(new Token(TokenKind.FoldersRun));
        }

        for (var i = 0; i < p.Length; i++)
        {
            var c = p[i];
            if (c == '*' && i + 1 < p.Length && p[i + 1] == '*')
            {
                var slash = i + 2 < p.Length && p[i + 2] == '/';
                tokens.Add(new Token(slash ? TokenKind.Folders : TokenKind.AnyStar));
                if (slash)
                {
                    tokens.Add(new Token(TokenKind.FoldersRun));
                }

                i += slash ? 2 : 1;
            }
            else if (c == '*')
            {
                tokens.Add(new Token(TokenKind.Star));
            }
            else if (c == '?')
            {
                tokens.Add(new Token(TokenKind.Char, Negated: true));
            }
            else if (c == '[' && p.IndexOf(']', i + 1) is var close and > 0)
            {
                var body = p[(i + 1)..close];
                var negated = body.Length > 0 && body[0] is '!' or '^';
                tokens.Add(new Token(TokenKind.Char, negated ? body[1..] : body, negated));
                i = close;
            }
            else
            {
                tokens.Add(new Token(TokenKind.Literal, c.ToString()));
            }
        }

        return [.. tokens];
    }

    private enum TokenKind
    {
        /// <summary>That char (a <c>/</c> too).</summary>
        Literal,

        /// <summary>One char other than <c>/</c>: <c>?</c> or a class.</summary>
        Char,

        /// <summary><c>*</c>: any run of chars other than <c>/</c>.</summary>
        Star,

        /// <summary><c>**</c> not followed by <c>/</c>: any run of chars.</summary>
        AnyStar,

        /// <summary>
        /// <c>**/</c>, and the start of a pattern without <c>/</c>: nothing, or any run of chars ending in
        /// <c>/</c>. Two positions: before the run (which may be skipped), and inside it (which only a <c>/</c> ends).
        /// </summary>
        Folders,

        /// <summary>The second position of <see cref="Folders"/>: inside the run.</summary>
        FoldersRun,
    }

    /// <param name="Set">For <see cref="TokenKind.Char"/>: the chars and <c>a-z</c> ranges of a class; for <see cref="TokenKind.Literal"/>, the char.</param>
    private readonly record struct Token(TokenKind Kind, string Set = "", bool Negated = false)
    {
        public bool Matches(char c)
        {
            if (c == '/')
            {
                return false;
            }

            var found = false;
            for (var i = 0; i < Set.Length && !found; i++)
            {
                if (i + 2 < Set.Length && Set[i + 1] == '-')
                {
                    found = c >= Set[i] && c <= Set[i + 2];
                    i += 2;
                }
                else
                {
                    found = c == Set[i];
                }
            }

            return found != Negated;
        }
    }
}
