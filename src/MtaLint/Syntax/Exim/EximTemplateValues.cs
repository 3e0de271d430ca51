using MtaLint.Syntax.Templates;
using MtaLint.Text;

namespace MtaLint.Syntax.Exim;

/// <summary>
/// The known text of a template's expression tags (a role default) too long for its tag, put into the lines Exim reads
/// as it reads the rendering: written in its line before macros are substituted, as Jinja writes it before Exim reads
/// the file. Only a tag after other text of its line (<c>smtp_banner = {{ b }}</c>: neither a comment nor a directive
/// nor a line of its own the text could make), that strips no blanks or line breaks next to it, and a text of one line
/// that does not end in <c>\</c> (which would join the next line). Every char of the text maps to its tag's start.
/// </summary>
internal sealed class EximTemplateValues
{
    private readonly Dictionary<string, List<(TextSpan Tag, string Text)>> _byPath;

    private EximTemplateValues(Dictionary<string, List<(TextSpan Tag, string Text)>> byPath) => _byPath = byPath;

    public static EximTemplateValues None { get; } = new([]);

    /// <summary>The texts of <paramref name="views"/>' known holes Exim reads as described; <paramref name="spliced"/> their tags, per path.</summary>
    public static EximTemplateValues Of(IReadOnlyDictionary<string, TemplateView> views, out Dictionary<string, List<TemplateToken>> spliced)
    {
        var byPath = new Dictionary<string, List<(TextSpan, string)>>(StringComparer.Ordinal);
        spliced = new Dictionary<string, List<TemplateToken>>(StringComparer.Ordinal);
        foreach (var (path, view) in views)
        {
            var source = view.Document.File.Text;
            var tags = view.Known.Where(k => Reads(source, k.Tag, k.Value.Text)).OrderBy(k => k.Tag.Span.Start).ToList();
            if (tags.Count > 0)
            {
                byPath[path] = [.. tags.Select(k => (k.Tag.Span, k.Value.Text))];
                spliced[path] = [.. tags.Select(k => k.Tag)];
            }
        }

        return byPath.Count == 0 ? None : new EximTemplateValues(byPath);
    }

    /// <summary>These texts but those whose tag is in <paramref name="bodies"/> (text left out of the reading).</summary>
    public EximTemplateValues Outside(IEnumerable<(string Path, TextSpan Body)> bodies)
    {
        var off = bodies.ToLookup(b => b.Path, b => b.Body);
        return new EximTemplateValues(_byPath.ToDictionary(
            p => p.Key, p => p.Value.Where(v => !off[p.Key].Any(b => b.Start <= v.Tag.Start && v.Tag.End <= b.End)).ToList(), StringComparer.Ordinal));
    }

    /// <summary>The physical line [<paramref name="start"/>, <paramref name="end"/>) of <paramref name="file"/> with the texts of the tags in it; null when it has none.</summary>
    internal MappedText? Line(SourceFile file, int start, int end)
    {
        if (!_byPath.TryGetValue(file.Path, out var values))
        {
            return null;
        }

        var i = values.BinarySearch((new TextSpan(start, 0), string.Empty), Comparer<(TextSpan Tag, string Text)>.Create((a, b) => a.Tag.Start.CompareTo(b.Tag.Start)));
        i = i >= 0 ? i : ~i;
        if (i >= values.Count || values[i].Tag.End > end)
        {
            return null;
        }

        var pieces = new List<MappedText>();
        var at = start;
        for (; i < values.Count && values[i].Tag.End <= end; i++)
        {
            var (tag, text) = values[i];
            pieces.Add(MappedText.FromSource(file, at, tag.Start - at));
            pieces.Add(MappedText.AllFrom(text, new CharOrigin(file, tag.Start, null)));
            at = tag.End;
        }

        pieces.Add(MappedText.FromSource(file, at, end - at));
        return MappedText.Concat(pieces);
    }

    private static bool Reads(string source, TemplateToken tag, string text)
    {
        if (tag.Span.Length == 0 || tag.StrippedBefore.Length > 0 || tag.StrippedAfter.Length > 0
            || source.AsSpan(tag.Span.Start, tag.Span.Length).IndexOfAny('\n', '\r') >= 0
            || text.AsSpan().IndexOfAny(['\n', '\r', '\0', TemplateView.Filler, TemplateView.Void]) >= 0 || text.EndsWith('\\'))
        {
            return false;
        }

        var lineStart = tag.Span.Start == 0 ? 0 : source.LastIndexOf('\n', tag.Span.Start - 1) + 1;
        var first = source.AsSpan(lineStart, tag.Span.Start - lineStart).IndexOfAnyExcept(" \t");
        return first >= 0 && source[lineStart + first] is not ('#' or '.' or '{' or '<' or '%');
    }
}
