using MtaLint.Syntax.Exim;
using MtaLint.Syntax.Templates;
using MtaLint.Text;

namespace MtaLint.Model.Exim;

/// <summary>What the model knows about the templates of an Exim config: which statements each template line makes, and which depend on a tag elsewhere.</summary>
internal static class EximTemplateFacts
{
    /// <summary>
    /// The facts of one template: every statement read from it counts as a setting it makes (an option, a named list,
    /// a macro, an ACL's or a driver's lines), so a loop that writes any of them writes what no absence may be claimed of.
    /// A statement with no tag of its own that still depends on one is a hole too: an option of a driver whose name a
    /// tag writes (<c>{{ vtag }}_users:</c>), a line a macro whose value holds a tag is substituted into.
    /// </summary>
    public static TemplateFacts Of(TemplateView view, SourceFile file, IEnumerable<EximStatement> statements)
    {
        var own = statements.Where(s => s.Line.File.Path == file.Path).ToList();
        var facts = TemplateFacts.Of(view, file, own.Select(NameOf).OfType<SourceSpan>().Select(n => n.Span), own.Select(s => TextSpan.FromBounds(s.Line.Start, s.Line.End)));
        var borrowed = Borrowed(file, facts, statements).ToList();
        return borrowed.Count == 0 ? facts : facts.WithTags(borrowed);
    }

    /// <summary>The facts of every template of a config read as one.</summary>
    public static TemplateFacts Combine(IReadOnlyDictionary<string, TemplateView> views, EximReadResult read) =>
        TemplateFacts.Combine(views.Select(v => (Of(v.Value, v.Value.Document.File, read.Statements), v.Key)).ToList());

    /// <summary>A hole over each statement of <paramref name="file"/> that depends on a hole elsewhere, named after that hole.</summary>
    private static IEnumerable<TemplateTag> Borrowed(SourceFile file, TemplateFacts facts, IEnumerable<EximStatement> statements)
    {
        EximBlockHeader? header = null;
        foreach (var statement in statements)
        {
            if (statement is EximBlockHeader h)
            {
                header = h;
            }
            else if (statement is EximSectionBegin)
            {
                header = null;
            }

            if (statement.Line.File.Path != file.Path)
            {
                continue;
            }

            var lines = new SourceSpan(file, TextSpan.FromBounds(statement.Line.Start, statement.Line.End));
            if (facts.HasTagIn(lines))
            {
                continue; // its own tags already decide what is judged
            }

            var cause = statement is not EximBlockHeader && header is { } owner && owner.Name.Contains(TemplateView.Filler, StringComparison.Ordinal)
                ? owner.NameSpan
                : FirstFiller(statement.Line.Text);
            if (cause is { } at && facts.TagsIn(at).FirstOrDefault(t => t.IsHole) is { } tag)
            {
                yield return tag with { Span = lines }; // its Written stays the tag's own: the same file, facts are of one template
            }
        }
    }

    // Where the first masked character a line holds (through a macro) was written.
    private static SourceSpan? FirstFiller(MappedText text)
    {
        var i = text.Text.IndexOf(TemplateView.Filler, StringComparison.Ordinal);
        if (i < 0)
        {
            return null;
        }

        var origin = text.OriginAt(i);
        return origin.File.Span(origin.Offset, 1);
    }

    // Where a statement's name is written in its own file (a name a macro wrote is not the template's text).
    private static SourceSpan? NameOf(EximStatement statement) => statement switch
    {
        EximOption o => o.NameSpan,
        EximNamedList l => l.NameSpan,
        EximMacroDefinition m => m.NameSpan,
        EximBlockHeader b => b.NameSpan,
        _ => null,
    };
}
