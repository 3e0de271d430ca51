using System.Text;
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
/// </list>
/// An expression tag whose text the resolver knows, no longer than the tag and on one line, is written in its place
/// when nothing but blanks follows it on its line (the blanks after a value are dropped); it is then no hole.
/// </summary>
public sealed class TemplateView
{
    /// <summary>What a masked tag reads as: a private-use character, in no dialect's syntax and in no real config.</summary>
    public const char Filler = '\uE000';

    private TemplateView(TemplateDocument document, string text, IReadOnlyList<TemplateToken> holes, IReadOnlyList<TemplateToken> resolved)
    {
        Document = document;
        Text = text;
        Holes = holes;
        Resolved = resolved;
    }

    public TemplateDocument Document { get; }

    /// <summary>The masked text: as long as the template, with its line breaks where the template has them.</summary>
    public string Text { get; }

    /// <summary>The tags read as opaque text, in order: a value overlapping one depends on the rendering.</summary>
    public IReadOnlyList<TemplateToken> Holes { get; }

    /// <summary>The expression tags the resolver gave a text for, in order.</summary>
    public IReadOnlyList<TemplateToken> Resolved { get; }

    /// <summary>Every tag (and escape) of the template, holes or not: text no edit may touch.</summary>
    public IEnumerable<TemplateToken> Tags => Document.Tokens.Where(t => t.Kind != TemplateTokenKind.Literal);

    /// <summary>A resolver that knows no expression: every expression tag is a hole.</summary>
    public static Func<TemplateToken, string?> Unknown { get; } = _ => null;

    /// <param name="readsAsComment">
    /// Whether a tag alone on its lines may read as a comment line there (default: everywhere, as Postfix and Exim read
    /// one). A dialect where such a line may sit inside a value (m4: inside a quoted string or a macro's arguments,
    /// where <c>#</c> is text and would change the value) says no there, and the tag reads as a hole instead.
    /// </param>
    public static TemplateView Build(TemplateDocument document, Func<TemplateToken, string?> resolve, Func<TextSpan, bool>? readsAsComment = null)
    {
        var source = document.File.Text;
        var text = new StringBuilder(source);
        var holes = new List<TemplateToken>();
        var resolved = new List<TemplateToken>();
        var controlLines = ControlOnlyLines(document);
        foreach (var token in document.Tokens)
        {
            if (token.Kind == TemplateTokenKind.Literal)
            {
                continue;
            }

            if ((token.Kind is TemplateTokenKind.Statement or TemplateTokenKind.Comment or TemplateTokenKind.Header || RendersComment(source, token))
                && IsOnControlLines(source, token.Span, controlLines) && readsAsComment?.Invoke(token.Span) != false)
            {
                MaskAsComment(source, text, token.Span);
                continue;
            }

            if (token.Kind == TemplateTokenKind.Expression && resolve(token) is { } value && Fits(source, token.Span, value))
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

        return new TemplateView(document, text.ToString(), holes, resolved);
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

    // Lines (by index of their first offset) whose non-blank text is all statement, comment or header tags (or comment-rendering expressions).
    private static HashSet<int> ControlOnlyLines(TemplateDocument document)
    {
        var source = document.File.Text;
        var lineHasText = new Dictionary<int, bool>();
        foreach (var token in document.Tokens)
        {
            var control = token.Kind is TemplateTokenKind.Statement or TemplateTokenKind.Comment or TemplateTokenKind.Header || RendersComment(source, token);
            var lineStart = LineStart(source, token.Span.Start);
            for (var i = token.Span.Start; i < token.Span.End; i++)
            {
                var c = source[i];
                if (c == '\n')
                {
                    lineHasText.TryAdd(lineStart, false);
                    lineStart = i + 1;
                    continue;
                }

                var text = !control && c is not ' ' and not '\t' and not '\r';
                lineHasText[lineStart] = lineHasText.GetValueOrDefault(lineStart) || text;
            }
        }

        return lineHasText.Where(l => !l.Value).Select(l => l.Key).ToHashSet();
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
    private static void MaskAsComment(string source, StringBuilder text, TextSpan span)
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
