using MtaLint.Model;
using MtaLint.Model.Postfix;
using MtaLint.Syntax.Postfix;
using MtaLint.Syntax.Templates;
using MtaLint.Text;

namespace MtaLint.Dialects;

/// <summary>
/// Postfix: <c>main.cf</c> and <c>master.cf</c> (also <c>main.cf.debian</c>, <c>main.cf.dist</c>,
/// <c>master.cf.dist</c>, templates such as <c>main.cf.j2</c>, and names ending in <c>main.cf</c>/<c>master.cf</c>).
/// A main.cf and the master.cf beside it are read as one configuration.
/// </summary>
internal sealed class PostfixDialect : IDialect
{
    public string Name => "postfix";

    public MtaKind Mta => MtaKind.Postfix;

    public bool Recognizes(string path, Func<string> head) => KindOf(path) is not null;

    public IReadOnlyList<ConfigUnit> Group(IReadOnlyList<string> paths)
    {
        var units = new List<ConfigUnit>();
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var folder in paths.GroupBy(p => Path.GetDirectoryName(p) ?? string.Empty))
        {
            var mains = folder.Where(p => KindOf(p) == FileKind.Main).ToList();
            var masters = folder.Where(p => KindOf(p) == FileKind.Master).ToList();
            foreach (var main in mains)
            {
                var name = Path.GetFileName(main);
                var partner = masters.FirstOrDefault(m => !used.Contains(m) && Path.GetFileName(m) == ReplaceLast(name, "main.cf", "master.cf"));
                if (partner is null && mains.Count == 1 && masters.Count == 1 && !used.Contains(masters[0]))
                {
                    partner = masters[0];
                }

                if (partner is not null)
                {
                    used.Add(partner);
                    units.Add(new ConfigUnit(this, [main, partner]));
                }
                else
                {
                    units.Add(new ConfigUnit(this, [main]));
                }

                used.Add(main);
            }
        }

        foreach (var path in paths.Where(p => !used.Contains(p)))
        {
            units.Add(new ConfigUnit(this, [path]));
        }

        return units;
    }

    public AnalysisResult Analyze(IReadOnlyList<SourceFile> files, AnalysisOptions options)
    {
        MainCfDocument? main = null;
        MasterCfDocument? master = null;
        var templates = new List<(TemplateFacts, string)>();
        var remarks = new List<string>();
        foreach (var file in files)
        {
            var view = TemplateReading.ViewOf(file, options, out var variables);
            if (view is { Document.Errors: [var first, ..] })
            {
                return AnalysisResult.Failure(first);
            }

            // The dialect reads the masked view; its spans are the template's, as the view keeps every offset.
            var read = view is null ? file : file.WithText(view.Text);
            if (KindOf(file.Path) == FileKind.Master && master is null)
            {
                master = MasterCfParser.Parse(read);
                if (view is not null)
                {
                    templates.Add((TemplateFacts.Of(view, file, [], master.Entries.Where(e => e.Tokens.Count > 0).Select(e => e.Line.WholeSpan)), file.Path));
                    remarks.AddRange(TemplateReading.DefaultsRemarks(variables, view.Resolved.Count > 0));
                }
            }
            else if (main is null)
            {
                main = MainCfParser.Parse(read);
                if (view is not null)
                {
                    // A known text longer than its tag (or with line breaks) goes into the value as postconf reads the rendering.
                    main = MainCfTemplateValues.Splice(main, view, out var spliced);
                    view = view.WithSpliced(spliced);
                    templates.Add((TemplateFacts.Of(view, file, main.Assignments.Select(a => a.NameSpan), main.Assignments.Select(a => a.WholeSpan)), file.Path));
                    remarks.AddRange(TemplateReading.DefaultsRemarks(variables, view.Resolved.Count > 0));
                }
            }
            else
            {
                return AnalysisResult.Failure(new SyntaxError(file.Span(0, 0), $"a Postfix configuration has one main.cf; {main.File.Path} is already read"));
            }
        }

        var extractor = new PostfixExtractor(main, master, options) { Template = templates.Count == 0 ? null : TemplateFacts.Combine(templates) };
        var result = TemplateReading.WithRemarks(extractor.Extract());
        return remarks.Count == 0 ? result : result with { Remarks = [.. result.Remarks, .. remarks.Distinct()] };
    }

    public string Reprint(SourceFile file)
    {
        // A template prints as the dialect prints its masked view, with the tags put back.
        var view = TemplateReading.ViewOf(file, TemplateView.Unknown);
        var read = view is null || view.Document.Errors.Count > 0 ? file : file.WithText(view.Text);
        var printed = KindOf(file.Path) == FileKind.Master ? MasterCfParser.Parse(read).Print() : MainCfParser.Parse(read).Print();
        return read == file ? printed : view!.Unmask(printed);
    }

    /// <summary><c>#</c> as a line's first non-blank char, also inside a continued value (elsewhere <c>#</c> is part of the value).</summary>
    public CommentSyntax Comments => CommentSyntax.Hash;

    private enum FileKind
    {
        Main,
        Master,
    }

    private static readonly System.Text.RegularExpressions.Regex MainName = new(@"(^|[^a-z0-9])main\.cf($|\.)", System.Text.RegularExpressions.RegexOptions.CultureInvariant);
    private static readonly System.Text.RegularExpressions.Regex MasterName = new(@"(^|[^a-z0-9])master\.cf($|\.)", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    /// <summary>
    /// By name only (Postfix files have no telling first line): <c>main.cf</c>/<c>master.cf</c> as the
    /// name, its end (<c>postfix-main.cf</c>) or before a suffix (<c>main.cf.debian</c>, <c>main.cf.j2</c>), not inside a word (<c>domain.cfg</c>).
    /// </summary>
    private static FileKind? KindOf(string path)
    {
        var name = Path.GetFileName(path).ToLowerInvariant();
        if (MasterName.IsMatch(name))
        {
            return FileKind.Master;
        }

        return MainName.IsMatch(name) ? FileKind.Main : null;
    }

    private static string ReplaceLast(string text, string find, string replacement)
    {
        var at = text.LastIndexOf(find, StringComparison.OrdinalIgnoreCase);
        return at < 0 ? text : text[..at] + replacement + text[(at + find.Length)..];
    }
}
