using MtaLint.Model;
using MtaLint.Syntax.Templates;
using MtaLint.Syntax.Templates.Variables;
using MtaLint.Text;

namespace MtaLint.Dialects;

/// <summary>How a dialect that reads templates reads one: the engine from the name and first lines, the masked view its parser reads.</summary>
public static class TemplateReading
{
    /// <summary>The masked view of <paramref name="file"/> when it is a template (its errors included), else null.</summary>
    /// <param name="lines">How a line of only statement, comment and header tags reads (<see cref="TemplateView.ControlLines"/>).</param>
    /// <param name="readsAsComment">Where a tag-only line may read as a comment line (see <see cref="TemplateView.Build(TemplateDocument, Func{TemplateToken, RenderedExpression?}, TemplateView.ControlLines, Func{TextSpan, bool}?)"/>); null: everywhere.</param>
    public static TemplateView? ViewOf(SourceFile file, Func<TemplateToken, string?> resolver, TemplateView.ControlLines lines = TemplateView.ControlLines.Comment,
        Func<TextSpan, bool>? readsAsComment = null) =>
        DocumentOf(file) is { } document ? TemplateView.Build(document, resolver, lines, readsAsComment) : null;

    /// <summary>
    /// The masked view of <paramref name="file"/> when it is a template, its expressions known where the defaults
    /// beside it (<see cref="TemplateDefaults"/>) decide them, unless <see cref="AnalysisOptions.ReadTemplateDefaults"/> is off;
    /// <paramref name="variables"/> are the defaults read (empty when none).
    /// </summary>
    public static TemplateView? ViewOf(SourceFile file, AnalysisOptions options, out TemplateVariables variables)
    {
        variables = TemplateVariables.Empty;
        if (DocumentOf(file) is not { } document)
        {
            return null;
        }

        if (!ReferenceEquals(options.TemplateResolver, TemplateView.Unknown))
        {
            return TemplateView.Build(document, options.TemplateResolver);
        }

        if (!options.ReadTemplateDefaults || document.Errors.Count > 0)
        {
            return TemplateView.Build(document, TemplateView.Unknown);
        }

        variables = TemplateDefaults.For(file.Path, document.Options, options.Included);
        if (variables.Count == 0)
        {
            return TemplateView.Build(document, TemplateView.Unknown);
        }

        var expressions = new TemplateExpressions(document, variables);
        var branches = Enclosing(document, expressions);
        return TemplateView.Build(document, t => expressions.Render(t) is { } r && Applies(r, t.Span, branches) ? r : null);
    }

    /// <summary>A branch of the template with what the defaults say of it: taken (true), not (false), unknown (null); the conditions that decide it.</summary>
    private sealed record Branch(TextSpan Body, bool Conditional, bool? Taken, string Conditions);

    private static List<Branch> Enclosing(TemplateDocument document, TemplateExpressions expressions)
    {
        var result = new List<Branch>();
        void Walk(IReadOnlyList<TemplateBlock> blocks)
        {
            foreach (var block in blocks)
            {
                var conditions = "";
                foreach (var branch in block.Branches)
                {
                    conditions += " " + branch.Condition;
                    var conditional = block.Kind == TemplateBlockKind.Conditional;
                    result.Add(new Branch(branch.Body, conditional, conditional ? expressions.Taken(branch) : null, conditions));
                    Walk(branch.Blocks);
                }
            }
        }

        Walk(document.Blocks);
        return result;
    }

    /// <summary>
    /// Whether a default-decided text of the tag at <paramref name="tag"/> describes a rendering. Not in a branch the
    /// defaults do not take (the text renders only where some variable differs from its default), nor in one whose
    /// unknown condition reads a variable the text comes from (<c>{% if x | length > 0 %}… {{ x }}</c> with a default
    /// of '': the default and the branch may exclude each other), nor in a loop or a macro (rendered per item or call).
    /// </summary>
    private static bool Applies(RenderedExpression rendered, TextSpan tag, List<Branch> branches)
    {
        foreach (var b in branches)
        {
            if (b.Body.Start > tag.Start)
            {
                break; // in document order: no later branch holds the tag
            }

            if (tag.End > b.Body.End)
            {
                continue;
            }

            if (!b.Conditional || b.Taken == false
                || b.Taken is null && rendered.From.Any(v => System.Text.RegularExpressions.Regex.IsMatch(b.Conditions, $@"(?<![\w.]){System.Text.RegularExpressions.Regex.Escape(v.Name)}(?!\w)")))
            {
                return false;
            }
        }

        return true;
    }

    private static TemplateDocument? DocumentOf(SourceFile file)
    {
        // The whole text: a config-named file whose first marker is past its head is a template all the same.
        return TemplateDetector.Recognize(file.Path, file.Text) is { } options ? TemplateDocument.Parse(file, options) : null;
    }

    /// <summary>The origins of the known expression tags of <paramref name="view"/>: which default each one's text comes from.</summary>
    public static IReadOnlyDictionary<TextSpan, IReadOnlyList<TemplateOrigin>> OriginsOf(TemplateView view) =>
        view.Rendered.Where(r => r.Value.From.Length > 0).ToDictionary(
            r => r.Key.Span,
            r => (IReadOnlyList<TemplateOrigin>)[.. r.Value.From.Select(v => new TemplateOrigin(v.Name, v.At))]);

    /// <summary>The remarks of reading <paramref name="variables"/> for a template: a defaults file that could not be read, and which files decided values.</summary>
    public static IEnumerable<string> DefaultsRemarks(TemplateVariables variables, bool used)
    {
        foreach (var w in variables.Warnings)
        {
            yield return $"{w.Location.File.Path}:{w.Location.Start}: {w.Message}";
        }

        if (used && variables.Files.Length > 0)
        {
            yield return $"template expressions are judged with the defaults in {string.Join(" and ", variables.Files.Select(f => f.Path))} where those decide them (--no-template-defaults: not read)";
        }
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
