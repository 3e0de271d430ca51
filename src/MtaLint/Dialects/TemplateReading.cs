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
    /// <param name="lines">As in <see cref="ViewOf(SourceFile, Func{TemplateToken, string?}, TemplateView.ControlLines, Func{TextSpan, bool}?)"/>.</param>
    /// <param name="readsAsComment">As there.</param>
    public static TemplateView? ViewOf(SourceFile file, AnalysisOptions options, out TemplateVariables variables,
        TemplateView.ControlLines lines = TemplateView.ControlLines.Comment, Func<TextSpan, bool>? readsAsComment = null) =>
        Reading(file, options, out variables) is (var document, var resolve) ? TemplateView.Build(document, resolve, lines, readsAsComment) : null;

    /// <summary>
    /// The template <paramref name="file"/> is (null when it is none) with what each of its expressions renders to under
    /// <paramref name="options"/>: every view a dialect builds of it for the same findings is built with this one, or a
    /// finding would be confirmed against another text.
    /// </summary>
    public static (TemplateDocument Document, Func<TemplateToken, RenderedExpression?> Resolve)? Reading(SourceFile file, AnalysisOptions options, out TemplateVariables variables)
    {
        variables = TemplateVariables.Empty;
        if (DocumentOf(file) is not { } document)
        {
            return null;
        }

        if (!ReferenceEquals(options.TemplateResolver, TemplateView.Unknown))
        {
            return (document, TemplateView.Rendering(options.TemplateResolver));
        }

        if (options.ReadTemplateDefaults && document.Errors.Count == 0)
        {
            variables = TemplateDefaults.For(file.Path, document.Options, options.Included);
        }

        if (variables.Count == 0)
        {
            return (document, _ => null);
        }

        var expressions = new TemplateExpressions(document, variables);
        var branches = Enclosing(document, expressions);
        return (document, t => expressions.Render(t) is { } r && Applies(r, t.Span, branches) ? r : null);
    }

    /// <summary>The template <paramref name="file"/> is (null when it is none) with its expressions as <paramref name="resolver"/> knows them, no defaults read.</summary>
    public static (TemplateDocument Document, Func<TemplateToken, RenderedExpression?> Resolve)? Reading(SourceFile file, Func<TemplateToken, string?> resolver) =>
        DocumentOf(file) is { } document ? (document, TemplateView.Rendering(resolver)) : null;

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
