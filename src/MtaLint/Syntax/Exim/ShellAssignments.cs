using System.Text;
using MtaLint.Text;

namespace MtaLint.Syntax.Exim;

/// <summary>One <c>NAME=value</c> of a shell file, with the value as the shell assigns it (quotes removed, <c>$NAME</c> expanded).</summary>
/// <param name="Statement">The assignment as written, name through value.</param>
/// <param name="ValueSpan">The value as written (quotes included).</param>
internal sealed record ShellAssignment(string Name, string Value, SourceSpan Statement, SourceSpan ValueSpan);

/// <summary>
/// A shell file that is meant to hold only variable assignments, read as <c>sh</c> reads it when a script
/// sources it (<c>. FILE</c>): Debian's <c>update-exim4.conf.conf</c>. Quotes (<c>'...'</c>, <c>"..."</c>),
/// backslash escapes, line continuations, <c>#</c> comments, <c>;</c> between assignments, <c>export</c>,
/// and <c>$NAME</c>/<c>${NAME}</c> of variables assigned before are understood. Anything else is a
/// command the shell would run: it is listed in <see cref="Commands"/>, and what it would do is not known.
/// </summary>
internal sealed class ShellAssignments
{
    private readonly SourceFile _file;
    private readonly string _text;
    private readonly List<ShellAssignment> _assignments = [];
    private readonly List<SourceSpan> _commands = [];
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private int _at;

    private ShellAssignments(SourceFile file)
    {
        _file = file;
        _text = file.Text;
    }

    /// <summary>Statements that are not assignments (a command, a command substitution, a control structure), at their text.</summary>
    public IReadOnlyList<SourceSpan> Commands => _commands;

    /// <summary>The variable's value after the whole file ran; null when it is never assigned.</summary>
    public string? this[string name] => _values.TryGetValue(name, out var v) ? v : null;

    /// <summary>The last assignment of <paramref name="name"/>, or null.</summary>
    public ShellAssignment? Last(string name) => _assignments.LastOrDefault(a => a.Name == name);

    public static ShellAssignments Parse(SourceFile file)
    {
        var result = new ShellAssignments(file);
        result.ParseAll();
        return result;
    }

    /// <summary>
    /// Whether <paramref name="text"/> (the head of a file) reads as update-exim4.conf.conf: a <c>dc_</c>
    /// variable is assigned, and every line that is not blank or a comment is an assignment.
    /// </summary>
    public static bool LooksLikeUpdateEximConf(string text)
    {
        // Line by line without copying: every Exim config read is asked this, and most stop at their first line.
        var sawDebconf = false;
        var all = text.AsSpan();
        foreach (var range in all.Split('\n'))
        {
            var line = all[range].Trim();
            // A line a template's expression starts writes names only its variables know (a loop over debconf answers).
            if (line.Length == 0 || line[0] == '#' || line[0] == Templates.TemplateView.Filler)
            {
                continue;
            }

            var eq = line.IndexOf('=');
            if (eq <= 0 || !IsName(line[..eq]))
            {
                return false;
            }

            sawDebconf |= line.StartsWith("dc_", StringComparison.Ordinal);
        }

        return sawDebconf;
    }

    private static bool IsName(ReadOnlySpan<char> name) =>
        name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.ContainsAnyExcept(NameChars) is false;

    private static readonly System.Buffers.SearchValues<char> NameChars =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");

    private void ParseAll()
    {
        while (_at < _text.Length)
        {
            SkipBlanks();
            if (_at >= _text.Length)
            {
                break;
            }

            var c = _text[_at];
            if (c is '\n' or ';')
            {
                _at++;
                continue;
            }

            if (c == '#')
            {
                SkipToLineEnd();
                continue;
            }

            ParseStatement();
        }
    }

    /// <summary>Assignments, maybe after <c>export</c>; anything else makes the statement a command.</summary>
    private void ParseStatement()
    {
        var start = _at;
        var exported = false;
        while (true)
        {
            var nameEnd = _at;
            while (nameEnd < _text.Length && (char.IsAsciiLetterOrDigit(_text[nameEnd]) || _text[nameEnd] == '_'))
            {
                nameEnd++;
            }

            var name = _text[_at..nameEnd];
            if (name.Length > 0 && !char.IsAsciiDigit(name[0]) && nameEnd < _text.Length && _text[nameEnd] == '=')
            {
                var statementStart = _at;
                _at = nameEnd + 1;
                var valueStart = _at;
                if (ReadWord() is not { } value)
                {
                    Command(start);
                    return;
                }

                _assignments.Add(new ShellAssignment(name, value, _file.Span(statementStart, _at - statementStart), _file.Span(valueStart, _at - valueStart)));
                _values[name] = value;
            }
            else if (name == "export" && !exported && nameEnd < _text.Length && _text[nameEnd] is ' ' or '\t')
            {
                exported = true; // `export NAME=value`: the assignment is what matters here
                _at = nameEnd;
            }
            else if (exported && name.Length > 0 && !char.IsAsciiDigit(name[0]) && (nameEnd >= _text.Length || _text[nameEnd] is ' ' or '\t' or '\r' or '\n' or ';'))
            {
                _at = nameEnd; // `export NAME`: sets nothing
            }
            else
            {
                Command(start);
                return;
            }

            SkipBlanks();
            if (_at >= _text.Length || _text[_at] is '\n' or ';' or '#')
            {
                return;
            }
        }
    }

    /// <summary>A statement mtalint does not run: recorded, and skipped to the end of its line.</summary>
    private void Command(int start)
    {
        _at = start;
        SkipToLineEnd();
        var end = _at;
        while (end > start && _text[end - 1] is ' ' or '\t' or '\r')
        {
            end--;
        }

        _commands.Add(_file.Span(start, end - start));
    }

    /// <summary>
    /// One shell word at <see cref="_at"/> as an assignment's value (no field splitting, no globbing);
    /// null when it holds what only running the shell would tell (a command substitution, an arithmetic
    /// or parameter expansion other than <c>$NAME</c>/<c>${NAME}</c>, an unterminated quote).
    /// </summary>
    private string? ReadWord()
    {
        var value = new StringBuilder();
        while (_at < _text.Length)
        {
            var c = _text[_at];
            switch (c)
            {
                case ' ' or '\t' or '\n' or ';' or '\r' when c != '\r' || At(1) == '\n':
                    return value.ToString();
                case '&' or '|' or '<' or '>' or '(' or ')' or '`':
                    return null;
                case '\'':
                    var close = _text.IndexOf('\'', _at + 1);
                    if (close < 0)
                    {
                        return null;
                    }

                    value.Append(_text, _at + 1, close - _at - 1);
                    _at = close + 1;
                    break;
                case '"':
                    _at++;
                    if (!ReadDoubleQuoted(value))
                    {
                        return null;
                    }

                    break;
                case '\\':
                    if (At(1) == '\n')
                    {
                        _at += 2; // a line continuation
                    }
                    else if (At(1) is { } escaped)
                    {
                        value.Append(escaped);
                        _at += 2;
                    }
                    else
                    {
                        _at++;
                    }

                    break;
                case '$':
                    if (!Expand(value))
                    {
                        return null;
                    }

                    break;
                default:
                    value.Append(c);
                    _at++;
                    break;
            }
        }

        return value.ToString();
    }

    private bool ReadDoubleQuoted(StringBuilder value)
    {
        while (_at < _text.Length)
        {
            var c = _text[_at];
            switch (c)
            {
                case '"':
                    _at++;
                    return true;
                case '`':
                    return false;
                case '\\':
                    // Inside double quotes a backslash escapes only $ ` " \ and the line break.
                    var next = At(1);
                    if (next == '\n')
                    {
                        _at += 2;
                    }
                    else if (next is '$' or '`' or '"' or '\\')
                    {
                        value.Append(next.Value);
                        _at += 2;
                    }
                    else
                    {
                        value.Append('\\');
                        _at++;
                    }

                    break;
                case '$':
                    if (!Expand(value))
                    {
                        return false;
                    }

                    break;
                default:
                    value.Append(c);
                    _at++;
                    break;
            }
        }

        return false;
    }

    /// <summary><c>$NAME</c> or <c>${NAME}</c> of a variable assigned before (unset: empty); a lone <c>$</c> is itself.</summary>
    private bool Expand(StringBuilder value)
    {
        var braced = At(1) == '{';
        var start = _at + (braced ? 2 : 1);
        var end = start;
        while (end < _text.Length && (char.IsAsciiLetterOrDigit(_text[end]) || _text[end] == '_'))
        {
            end++;
        }

        if (end == start || char.IsAsciiDigit(_text[start]))
        {
            if (braced || At(1) is '(' or '@' or '*' or '#' or '?' or '-' or '$' or '!' || At(1) is { } d && char.IsAsciiDigit(d))
            {
                return false;
            }

            value.Append('$');
            _at++;
            return true;
        }

        if (braced)
        {
            if (end >= _text.Length || _text[end] != '}')
            {
                return false; // ${NAME:-default} and the like
            }

            end++;
        }

        var name = _text[start..(braced ? end - 1 : end)];
        value.Append(_values.TryGetValue(name, out var v) ? v : string.Empty);
        _at = end;
        return true;
    }

    private char? At(int ahead) => _at + ahead < _text.Length ? _text[_at + ahead] : null;

    private void SkipBlanks()
    {
        while (_at < _text.Length)
        {
            if (_text[_at] is ' ' or '\t' or '\r')
            {
                _at++;
            }
            else if (_text[_at] == '\\' && At(1) == '\n')
            {
                _at += 2;
            }
            else
            {
                return;
            }
        }
    }

    private void SkipToLineEnd()
    {
        var newline = _text.IndexOf('\n', _at);
        _at = newline < 0 ? _text.Length : newline;
    }
}
