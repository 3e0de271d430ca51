using MtaLint.Model;
using MtaLint.Text;

namespace MtaLint.Policy;

/// <summary>
/// What each <c>disable=</c> comment of one file covers: from the first line after it that is
/// neither blank nor a comment, through the assignment that starts there (its continuation lines
/// included) and any indented continuation lines (a master.cf entry with its <c>-o</c> overrides).
/// </summary>
/// <remarks>
/// A file may hold a suppression per setting. Where the next setting starts and where its indented
/// lines end is found for every line in one backward pass, and the assignments starting inside a
/// target are found by binary search, so a file of many suppressions costs its length, not the
/// number of comments times the number of lines or assignments.
/// </remarks>
internal sealed class SuppressionTargets
{
    private readonly SourceFile _file;
    private readonly CommentSyntax _comments;
    private readonly SettingAssignment[] _assignments;
    private readonly bool _inOrder;
    private readonly Dictionary<int, TextSpan> _byLine = [];
    private int[]? _nextContent;
    private int[]? _lastIndented;

    /// <param name="comments">The comment syntax of the file's dialect: comment lines are skipped to reach the setting.</param>
    public SuppressionTargets(SourceFile file, MtaConfig config, CommentSyntax comments)
    {
        _file = file;
        _comments = comments;
        _assignments = config.Assignments.Where(a => a.WholeSpan.File.Path == file.Path).ToArray();
        // Binary search needs the file's assignments in the order of their starts; an m4 define made
        // by a macro expanded later can come out of order, and then every assignment is looked at.
        _inOrder = true;
        for (var i = 1; i < _assignments.Length && _inOrder; i++)
        {
            _inOrder = _assignments[i - 1].WholeSpan.Span.Start <= _assignments[i].WholeSpan.Span.Start;
        }
    }

    /// <summary>The span the comment on <paramref name="commentLine"/> covers; null when no setting follows it.</summary>
    public TextSpan? For(int commentLine)
    {
        var next = NextContent();
        var line = commentLine + 1 <= _file.LineCount ? next[commentLine + 1] : _file.LineCount + 1;
        if (line > _file.LineCount || (line == _file.LineCount && _file.GetLineStart(line) >= _file.Text.Length))
        {
            return null;
        }

        if (!_byLine.TryGetValue(line, out var target))
        {
            _byLine[line] = target = Cover(line);
        }

        return target;
    }

    private TextSpan Cover(int line)
    {
        var start = _file.GetLineStart(line);
        var end = LineEnd(LastIndented()[line]);
        if (_inOrder)
        {
            var lo = 0;
            var hi = _assignments.Length;
            while (lo < hi)
            {
                var mid = (lo + hi) / 2;
                if (_assignments[mid].WholeSpan.Span.Start < start)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid;
                }
            }

            for (var i = lo; i < _assignments.Length && _assignments[i].WholeSpan.Span.Start < end; i++)
            {
                end = Math.Max(end, _assignments[i].WholeSpan.Span.End);
            }
        }
        else
        {
            foreach (var assignment in _assignments)
            {
                var span = assignment.WholeSpan.Span;
                if (span.Start >= start && span.Start < end)
                {
                    end = Math.Max(end, span.End);
                }
            }
        }

        return TextSpan.FromBounds(start, end);
    }

    /// <summary>For each line, the first line from it on that is neither blank nor a comment (LineCount + 1 when none is).</summary>
    private int[] NextContent()
    {
        if (_nextContent is null)
        {
            var count = _file.LineCount;
            _nextContent = new int[count + 2];
            _nextContent[count + 1] = count + 1;
            for (var line = count; line >= 1; line--)
            {
                var text = LineText(line);
                _nextContent[line] = !text.Trim().IsEmpty && !_comments.IsCommentLine(text) ? line : _nextContent[line + 1];
            }
        }

        return _nextContent;
    }

    /// <summary>For each line, the last of the indented, non-blank lines that directly follow it (the line itself when none does).</summary>
    private int[] LastIndented()
    {
        if (_lastIndented is null)
        {
            var count = _file.LineCount;
            _lastIndented = new int[count + 1];
            for (var line = count; line >= 1; line--)
            {
                _lastIndented[line] = line < count && IsIndented(LineText(line + 1)) ? _lastIndented[line + 1] : line;
            }
        }

        return _lastIndented;
    }

    private static bool IsIndented(ReadOnlySpan<char> text) => text.Length > 0 && text[0] is ' ' or '\t' && !text.Trim().IsEmpty;

    /// <summary>What <see cref="SourceFile.GetLineText"/> gives, without copying it.</summary>
    private ReadOnlySpan<char> LineText(int line)
    {
        var start = _file.GetLineStart(line);
        var end = line < _file.LineCount ? _file.GetLineStart(line + 1) : _file.Text.Length;
        while (end > start && _file.Text[end - 1] is '\n' or '\r')
        {
            end--;
        }

        return _file.Text.AsSpan(start, end - start);
    }

    private int LineEnd(int line) => line < _file.LineCount ? _file.GetLineStart(line + 1) : _file.Text.Length;
}
