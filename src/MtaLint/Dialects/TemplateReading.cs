using MtaLint.Model;
using MtaLint.Syntax.Templates;
using MtaLint.Text;

namespace MtaLint.Dialects;

/// <summary>How a dialect that reads templates reads one: the engine from the name and first lines, the masked view its parser reads.</summary>
public static class TemplateReading
{
    /// <summary>How many characters of a file decide, by its markers, whether it is a template (as discovery's head).</summary>
    private const int HeadLength = 4096;

    /// <summary>The masked view of <paramref name="file"/> when it is a template (its errors included), else null.</summary>
    /// <param name="readsAsComment">Where a tag-only line may read as a comment line (see <see cref="TemplateView.Build"/>); null: everywhere.</param>
    public static TemplateView? ViewOf(SourceFile file, Func<TemplateToken, string?> resolver, Func<TextSpan, bool>? readsAsComment = null)
    {
        var head = file.Text.Length <= HeadLength ? file.Text : file.Text[..HeadLength];
        if (TemplateDetector.Recognize(file.Path, head) is not { } options)
        {
            return null;
        }

        var document = TemplateDocument.Parse(file, options);
        return TemplateView.Build(document, resolver, readsAsComment);
    }

    /// <summary>The result with one remark for the unit where the templates make settings whose names only variables know.</summary>
    public static AnalysisResult WithRemarks(AnalysisResult result)
    {
        if (result.Config?.Template is not { Generated: [var first, ..] } facts)
        {
            return result;
        }

        var more = facts.Generated.Count > 1 ? $" and {facts.Generated.Count - 1} more" : string.Empty;
        var remark = $"settings come from template variables ({first.What} at {first.At.File.Path}:{first.At.Start}{more}): any setting may be set there, so none is reported missing";
        return result with { Remarks = [.. result.Remarks, remark] };
    }
}
