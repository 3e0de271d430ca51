using System.Text;
using MtaLint.Syntax.Templates.Variables;
using MtaLint.Text;

namespace MtaLint.Syntax.Templates;

/// <summary>
/// A template as a config dialect's parser reads it: the same text, same length and same line breaks, with every tag
/// masked, so each span the dialect's parser makes is a span of the template (its own file:line:column).
/// <list type="bullet">
/// <item>A line that holds only statement, comment and header tags (and blanks) reads as a comment line: Postfix
/// skips comment lines also inside a continued value (checked with postconf), as it skips the lines the engine drops.</item>
/// <item>Any other tag (an expression, a statement next to text, an escape) reads as <see cref="Filler"/> characters:
/// opaque text, never blank, never a delimiter of the dialect, so a value or field with a tag stays one value or
/// field, and the tag's span is a <see cref="Holes">hole</see> in it.</item>
/// <item>A statement or comment tag that opens a line, with text right after it (<c>{% if x %}name = v</c>), reads as
/// <see cref="Void"/>: the rendering drops it, so the line's text starts after it (the rendering has no such line
/// when the statement's branch is not taken: the model says when it renders).</item>
/// <item>A statement or comment tag that ends a line after text (<c>name = v{% endif %}</c>) reads as blanks, trailing
/// blanks no config keeps; unless it drops the line break after it (trim_blocks, <c>-%&gt;</c>) and the next line has text,
/// which then joins this one in the rendering: it stays a hole.</item>
/// </list>
/// An expression tag whose text the resolver knows, no longer than the tag and on one line, is written in its place
/// when nothing but blanks follows it on its line (the blanks after a value are dropped); it is then no hole.
/// Any other known expression is masked as a hole and listed in <see cref="Known"/>: the dialect may splice its text
/// into the value it reads (<see cref="WithSpliced"/>), which then is no hole either.
/// </summary>
public sealed class TemplateView
{
    /// <summary>What a masked tag reads as: a private-use character, in no dialect's syntax and in no real config.</summary>
    public const char Filler = '\uE000';

    /// <summary>
    /// What a statement tag at the start of a line reads as when text follows it: nothing the rendering keeps. A dialect
    /// reads the line as starting after it (with the blanks before it, which the tag strips).
    /// </summary>
    public const char Void = '\uE001';

    private TemplateView(TemplateDocument document, string text, IReadOnlyList<TemplateToken> holes, IReadOnlyList<TemplateToken> resolved,
        IReadOnlyDictionary<TemplateToken, RenderedExpression> rendered)
    {
        Document = document;
        Text = text;
        Holes = holes;
        Resolved = resolved;
        Rendered = rendered;
    }

    public TemplateDocument Document { get; }

    /// <summary>The masked text: as long as the template, with its line breaks where the template has them.</summary>
    public string Text { get; }

    /// <summary>The tags read as opaque text, in order: a value overlapping one depends on the rendering.</summary>
    public IReadOnlyList<TemplateToken> Holes { get; }

    /// <summary>The expression tags whose text the view or the dialect put in their place, in order.</summary>
    public IReadOnlyList<TemplateToken> Resolved { get; }

    /// <summary>Every expression tag the resolver knows, with its text and the variables it comes from (resolved or not).</summary>
    public IReadOnlyDictionary<TemplateToken, RenderedExpression> Rendered { get; }

    /// <summary>Holes whose text is known but did not fit in the tag: the dialect may splice them into the value it reads.</summary>
    public IEnumerable<(TemplateToken Tag, RenderedExpression Value)> Known =>
        Holes.Where(Rendered.ContainsKey).Select(h => (h, Rendered[h]));

    /// <summary>This view with <paramref name="spliced"/> (holes of <see cref="Known"/> the dialect read with their text) no longer holes.</summary>
    public TemplateView WithSpliced(IReadOnlyCollection<TemplateToken> spliced) =>
        spliced.Count == 0
            ? this
            : new TemplateView(Document, Text, [.. Holes.Where(h => !spliced.Contains(h))],
                [.. Resolved.Concat(spliced).OrderBy(t => t.Span.Start)], Rendered);

    /// <summary>Every tag (and escape) of the template, holes or not: text no edit may touch.</summary>
    public IEnumerable<TemplateToken> Tags => Document.Tokens.Where(t => t.Kind != TemplateTokenKind.Literal);

    /// <summary>A resolver that knows no expression: every expression tag is a hole.</summary>
    public static Func<TemplateToken, string?> Unknown { get; } = _ => null;

    public static TemplateView Build(TemplateDocument document, Func<TemplateToken, string?> resolve, ControlLines lines = ControlLines.Comment,
        Func<TextSpan, bool>? readsAsComment = null) =>
        Build(document, Rendering(resolve), lines, readsAsComment);

    /// <summary><paramref name="resolve"/>'s texts as renderings that come from no default.</summary>
    public static Func<TemplateToken, RenderedExpression?> Rendering(Func<TemplateToken, string?> resolve) =>
        t => resolve(t) is { } text ? new RenderedExpression(text, []) : null;

    /// <summary>The view with each expression <paramref name="resolve"/> knows written in place where it fits, else listed in <see cref="Known"/>.</summary>
    /// <param name="lines">How a line of only statement, comment and header tags reads (<see cref="ControlLines"/>).</param>
    /// <param name="readsAsComment">
    /// Whether a tag alone on its lines may read as a comment line there (default: everywhere, as Postfix and Exim read
    /// one). A dialect where such a line may sit inside a value (m4: inside a quoted string or a macro's arguments,
    /// where <c>#</c> is text and would change the value) says no there, and the tag reads as a hole instead.
    /// </param>
    public static TemplateView Build(TemplateDocument document, Func<TemplateToken, RenderedExpression?> resolve, ControlLines lines = ControlLines.Comment,
        Func<TextSpan, bool>? readsAsComment = null)
    {
        var source = document.File.Text;
        var holes = new List<TemplateToken>();
        var resolved = new List<TemplateToken>();
        var rendered = new Dictionary<TemplateToken, RenderedExpression>(ReferenceEqualityComparer.Instance);
        var controlLines = ControlOnlyLines(document);
        // Masked in place in the new string's own buffer: a template as long as a large config is copied once, not twice.
        var masked = string.Create(source.Length, source, (text, _) =>
        {
            source.AsSpan().CopyTo(text);
            foreach (var token in document.Tokens)
            {
                if (token.Kind == TemplateTokenKind.Literal)
                {
                    continue;
                }

                if (IsControl(source, token) && IsOnControlLines(source, token.Span, controlLines) && readsAsComment?.Invoke(token.Span) != false)
                {
                    MaskAsComment(source, text, token.Span);
                    continue;
                }

                if (token.Kind is TemplateTokenKind.Statement or TemplateTokenKind.Comment && OpensLine(source, text, token))
                {
                    text[token.Span.Start..token.Span.End].Fill(Void);
                    continue;
                }

                if (token.Kind is TemplateTokenKind.Statement or TemplateTokenKind.Comment && EndsLine(source, token))
                {
                    text[token.Span.Start..token.Span.End].Fill(' ');
                    continue;
                }

                var known = token.Kind == TemplateTokenKind.Expression ? resolve(token) : null;
                if (known is not null)
                {
                    rendered[token] = known;
                }

                if (known is { Text: var value } && Fits(source, token.Span, value))
                {
                    for (var i = 0; i < token.Span.Length; i++)
                    {
                        text[token.Span.Start + i] = i < value.Length ? value[i] : ' ';
                    }

                    resolved.Add(token);
                    continue;
                }

                for (var i = token.Span.Start; i < token.Span.End; i++)
                {
                    if (source[i] is not '\n' and not '\r')
                    {
                        text[i] = Filler;
                    }
                }

                holes.Add(token);
            }

            if (lines == ControlLines.AsRendered)
            {
                BlankWhereRendered(document, text, controlLines);
            }
        });

        return new TemplateView(document, masked, holes, resolved, rendered);
    }

    /// <summary>
    /// A control line whose line break the engine keeps renders as a blank line (its indentation and the break): read
    /// as one, not as a comment line, for a dialect where the two differ (Exim ends a continued line at a blank line).
    /// </summary>
    private static void BlankWhereRendered(TemplateDocument document, Span<char> text, HashSet<int> controlLines)
    {
        var source = document.File.Text;
        var dropped = new HashSet<int>(); // the line breaks no rendering holds: inside a tag, or stripped next to one
        void Drop(TextSpan span)
        {
            for (var i = source.IndexOf('\n', span.Start, span.Length); i >= 0; i = i + 1 < span.End ? source.IndexOf('\n', i + 1, span.End - i - 1) : -1)
            {
                dropped.Add(i);
            }
        }

        foreach (var token in document.Tokens)
        {
            if (token.Kind != TemplateTokenKind.Literal)
            {
                Drop(token.Span);
                Drop(token.StrippedBefore);
                Drop(token.StrippedAfter);
            }
        }

        foreach (var start in controlLines)
        {
            var end = source.IndexOf('\n', start);
            if (end < 0 || dropped.Contains(end))
            {
                continue; // no line break, or the engine drops it: nothing renders, as a comment line is skipped
            }

            text[start..end].Replace('#', ' ');
        }
    }

    /// <summary>
    /// <paramref name="printed"/> (the dialect's print of <see cref="Text"/>) with the template's own text put back
    /// at every tag: the template itself when the dialect printed the view byte for byte.
    /// </summary>
    public string Unmask(string printed)
    {
        if (printed.Length != Text.Length)
        {
            return printed;
        }

        var text = new StringBuilder(printed);
        var source = Document.File.Text;
        foreach (var token in Tags)
        {
            for (var i = token.Span.Start; i < token.Span.End; i++)
            {
                text[i] = source[i];
            }
        }

        return text.ToString();
    }

    /// <summary>
    /// Ansible's <c>comment</c> filter with its default style (<c>{{ ansible_managed | comment }}</c>) renders lines that
    /// all start with <c>#</c>: alone on its lines, such a tag reads as a comment as a statement does.
    /// </summary>
    private static bool RendersComment(string source, TemplateToken token)
    {
        if (token.Kind != TemplateTokenKind.Expression)
        {
            return false;
        }

        var code = source.AsSpan(token.Code.Start, token.Code.Length).Trim();
        var bar = code.LastIndexOf('|');
        if (bar < 0)
        {
            return false;
        }

        var filter = code[(bar + 1)..].Trim();
        return filter is "comment" or "comment()" or "comment('plain')" or "comment(\"plain\")";
    }

    private static bool IsControl(string source, TemplateToken token) =>
        token.Kind is TemplateTokenKind.Statement or TemplateTokenKind.Comment or TemplateTokenKind.Header || RendersComment(source, token);

    /// <summary>
    /// The lines (by the offset they start at) whose non-blank text is all statement, comment or header tags (or
    /// comment-rendering expressions), among those a control tag touches: the line it starts on and each line after a
    /// line break in it, the only lines anyone asks about. (A template's other lines are most of it: a set or a
    /// dictionary of all of them cost more than the rest of the view.)
    /// </summary>
    private static HashSet<int> ControlOnlyLines(TemplateDocument document)
    {
        var source = document.File.Text;
        var tokens = document.Tokens;
        var lines = new HashSet<int>();
        var judged = -1; // the last line judged: tags come in order, so do the lines they touch
        var first = 0; // the first token that may reach into the line being judged
        void Judge(int lineStart)
        {
            if (lineStart <= judged || lineStart >= source.Length)
            {
                return; // judged already, or the empty line after a last line break, which no token holds
            }

            judged = lineStart;
            var lineEnd = source.IndexOf('\n', lineStart);
            lineEnd = lineEnd < 0 ? source.Length : lineEnd;
            while (tokens[first].Span.End <= lineStart)
            {
                first++;
            }

            for (var k = first; k < tokens.Count && tokens[k].Span.Start < lineEnd; k++)
            {
                var span = tokens[k].Span;
                var from = Math.Max(lineStart, span.Start);
                if (!IsControl(source, tokens[k]) && source.AsSpan(from, Math.Min(lineEnd, span.End) - from).IndexOfAnyExcept(" \t\r") >= 0)
                {
                    return;
                }
            }

            lines.Add(lineStart);
        }

        foreach (var token in tokens)
        {
            if (!IsControl(source, token))
            {
                continue;
            }

            Judge(LineStart(source, token.Span.Start));
            for (var i = source.IndexOf('\n', token.Span.Start, token.Span.Length); i >= 0; i = i + 1 < token.Span.End ? source.IndexOf('\n', i + 1, token.Span.End - i - 1) : -1)
            {
                Judge(i + 1);
            }
        }

        return lines;
    }

    private static bool IsOnControlLines(string source, TextSpan span, HashSet<int> controlLines)
    {
        var start = LineStart(source, span.Start);
        if (!controlLines.Contains(start))
        {
            return false;
        }

        for (var i = span.Start; i < span.End; i++)
        {
            if (source[i] == '\n' && !controlLines.Contains(i + 1))
            {
                return false;
            }
        }

        return true;
    }

    // The first non-blank character of each line the tag covers becomes '#' (unless an earlier tag made it one), the rest blanks.
    private static void MaskAsComment(string source, Span<char> text, TextSpan span)
    {
        var lineStart = LineStart(source, span.Start);
        var i = span.Start;
        while (i < span.End)
        {
            var hasHash = false;
            for (var j = lineStart; j < i; j++)
            {
                if (text[j] is not ' ' and not '\t')
                {
                    hasHash = true;
                    break;
                }
            }

            for (; i < span.End && source[i] != '\n'; i++)
            {
                if (source[i] is ' ' or '\t' or '\r')
                {
                    continue;
                }

                text[i] = hasHash ? ' ' : '#';
                hasHash = true;
            }

            if (i < span.End)
            {
                i++;
                lineStart = i;
            }
        }
    }

    /// <summary>
    /// Whether <paramref name="token"/> is all that comes before text on its line: only blanks it strips, or earlier
    /// such tags (already <see cref="Void"/> in <paramref name="text"/>), before it, within the line; text right after it.
    /// </summary>
    private static bool OpensLine(string source, ReadOnlySpan<char> text, TemplateToken token)
    {
        var lineStart = LineStart(source, token.Span.Start);
        var from = token.StrippedBefore.Length > 0 ? token.StrippedBefore.Start : token.Span.Start;
        if (from < lineStart || token.StrippedAfter.Length > 0 || token.Span.End >= source.Length || source[token.Span.End] is ' ' or '\t' or '\r' or '\n')
        {
            return false;
        }

        for (var i = lineStart; i < from; i++)
        {
            if (text[i] is not Void and not ' ' and not '\t')
            {
                return false;
            }
        }

        // Blanks before it that it does not strip stay in the rendering: the line starts with them.
        return from == lineStart || text[from - 1] == Void;
    }

    /// <summary>
    /// Whether <paramref name="token"/> ends its line after text: only blanks after it; and when it strips the line break
    /// after it, the next line is blank (else that line's text joins this one).
    /// </summary>
    private static bool EndsLine(string source, TemplateToken token)
    {
        var i = token.Span.End;
        while (i < source.Length && source[i] is ' ' or '\t' or '\r')
        {
            i++;
        }

        if (i < source.Length && source[i] != '\n')
        {
            return false;
        }

        if (i >= source.Length || token.StrippedAfter.End <= i)
        {
            return true;
        }

        for (i++; i < source.Length && source[i] != '\n'; i++)
        {
            if (source[i] is not ' ' and not '\t' and not '\r')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>How a view reads a line that holds only statement, comment and header tags.</summary>
    public enum ControlLines
    {
        /// <summary>As a comment line, whether or not the engine keeps its line break: right where a blank line and a comment line read alike (Postfix).</summary>
        Comment,

        /// <summary>As a comment line where the engine drops the line with its break, as a blank line where it keeps the break (Exim).</summary>
        AsRendered,
    }

    private static bool Fits(string source, TextSpan span, string value)
    {
        if (value.Length > span.Length || value.AsSpan().IndexOfAny('\n', '\r') >= 0 || value.Contains(Filler, StringComparison.Ordinal))
        {
            return false;
        }

        for (var i = span.End; i < source.Length && source[i] != '\n'; i++)
        {
            if (source[i] is not ' ' and not '\t' and not '\r')
            {
                return value.Length == span.Length;
            }
        }

        return true;
    }

    private static int LineStart(string source, int offset) => offset == 0 ? 0 : source.LastIndexOf('\n', offset - 1) + 1;
}
