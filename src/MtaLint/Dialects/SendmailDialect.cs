using MtaLint.Model;
using MtaLint.Model.Sendmail;
using MtaLint.Syntax.Sendmail;
using MtaLint.Syntax.Templates;
using MtaLint.Syntax.Templates.Variables;
using MtaLint.Text;

namespace MtaLint.Dialects;

/// <summary>
/// Sendmail's m4 configuration: <c>sendmail.mc</c>, <c>submit.mc</c> and any <c>.mc</c> whose text is
/// m4 for sendmail-cf. Each file is its own configuration (m4 builds one .cf from one .mc), read with
/// the files it includes (not sendmail-cf's own); naming one of those lints the .mc that includes it.
/// </summary>
internal sealed class SendmailDialect : IDialect
{
    private static readonly string[] Markers =
        ["divert(", "define(`conf", "OSTYPE(", "DOMAIN(", "FEATURE(", "MAILER(", "DAEMON_OPTIONS(", "VERSIONID(", "cf.m4", "include(`"];

    public string Name => "sendmail";

    public MtaKind Mta => MtaKind.Sendmail;

    public bool Recognizes(string path, Func<string> head)
    {
        var name = Path.GetFileName(path);
        if (!name.EndsWith(".mc", StringComparison.OrdinalIgnoreCase) && !name.EndsWith(".mc.j2", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (name is "sendmail.mc" or "submit.mc")
        {
            return true;
        }

        var text = head();
        return Markers.Any(m => text.Contains(m, StringComparison.Ordinal));
    }

    public IReadOnlyList<ConfigUnit> Group(IReadOnlyList<string> paths) => Group(paths, AnalysisOptions.Default);

    /// <summary>
    /// Each .mc is a config of its own. A file given with it that is no .mc (a named <c>m4/dialup.m4</c>)
    /// can only be one it includes: an .mc with such a file in its folder or below is read for its includes,
    /// and takes them into its unit. A walk gives only .mc files, so it reads nothing here.
    /// </summary>
    public IReadOnlyList<ConfigUnit> Group(IReadOnlyList<string> paths, AnalysisOptions options)
    {
        var others = paths.Where(p => !IsMc(p)).Select(Path.GetFullPath).ToArray();
        return paths.Where(IsMc).Select(p =>
        {
            var unit = new ConfigUnit(this, [p]);
            var folder = Path.GetDirectoryName(Path.GetFullPath(p)) + "/";
            return others.Any(o => o.StartsWith(folder, StringComparison.Ordinal)) ? WithIncluded(unit, options) : unit;
        }).ToArray();
    }

    // An .mc, or a template of one (sendmail.mc.tmpl, .mc.erb: discovery gives those only with --include-templates);
    // a file an .mc includes is named otherwise (x.m4).
    private static bool IsMc(string path)
    {
        var name = Path.GetFileName(path);
        return name.EndsWith(".mc", StringComparison.OrdinalIgnoreCase) || name.Contains(".mc.", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The unit with the files its .mc includes, read as <see cref="Analyze"/> reads them.</summary>
    private ConfigUnit WithIncluded(ConfigUnit unit, AnalysisOptions options)
    {
        var input = InputFile.Read(unit.Paths[0], out var error);
        if (error is not null)
        {
            return unit; // reading the unit reports it
        }

        var included = Analyze([input.Source], options).Included.Select(f => f.Path).ToArray();
        return included.Length == 0 ? unit : unit with { Included = included };
    }

    /// <summary>
    /// An .mc is a config of its own (nothing beside it is read with it). A file that is no .mc may be one
    /// an .mc includes: the .mc files of its folder and of the folder above (<c>m4/x.m4</c> beside
    /// <c>sendmail.mc</c>'s folder) are offered with it.
    /// </summary>
    public IEnumerable<string> UnitFolders(string path) => IsMc(path) ? [] : IncludedFiles.IncluderFolders(path);

    public AnalysisResult Analyze(IReadOnlyList<SourceFile> files, AnalysisOptions options)
    {
        var template = files[0];
        var read = Read(TemplateReading.Reading(template, options, out var variables));
        var view = read?.View;
        if (view is { Document.Errors: [var first, ..] })
        {
            return AnalysisResult.Failure(first);
        }

        // m4 reads the masked view; its spans are the template's, as the view keeps every offset.
        var parsed = read?.Parsed ?? M4Parser.Parse(template);
        var file = parsed.Document.File;
        if (parsed.Error is { } error)
        {
            return AnalysisResult.Failure(error with { Location = new SourceSpan(template, error.Location.Span) });
        }

        var facts = view is null ? null : Facts(view, template, parsed.Document);

        var includes = new IncludedFiles(files, options);
        var errors = new List<SyntaxError>();
        var hostFiles = new List<string>();
        IReadOnlyList<ConfigGap> Gaps(McEvaluator m4)
        {
            var gaps = new List<ConfigGap>();
            foreach (var missing in m4.MissingIncludes)
            {
                gaps.Add(new ConfigGap(missing.At, $"{facts?.Shown(missing.Path) ?? missing.Path} (included at {missing.At.File.Path}:{missing.At.Start.Line})"));
                if (view is not null && missing.Path.StartsWith('/') && missing.Unreadable is null && options.Root is null)
                {
                    // A template renders on the host, where sendmailconfig writes /etc/mail/m4/dialup.m4 and the like: the
                    // repository is not where such a file lives, so its absence here says nothing of the rendering.
                    hostFiles.Add($"{missing.Path} (line {missing.At.Start.Line})");
                    continue;
                }

                var looked = includes.LookedFor(missing.Path, missing.At.File);
                var hint = missing.Path.StartsWith('/') && options.Root is null ? "; if the repository keeps it, --root DIR reads it as DIR" + missing.Path : string.Empty;
                errors.Add(new SyntaxError(missing.At, missing.Unreadable is { } why
                    ? $"cannot read included file {missing.Path}{looked}: {why}; m4 reports an error and exits with status 1, which fails a build of sendmail.cf; the rest of the file is checked without it"
                    : $"included file {missing.Path} does not exist{looked}{hint}; m4 reports an error and exits with status 1, which fails a build of sendmail.cf; the rest of the file is checked without it"));
            }

            return gaps;
        }

        var extracted = new SendmailExtractor(parsed.Document, options, includes.Load, Gaps) { Template = facts }.Extract();
        // An include whose path a tag writes is found or not as the rendering decides.
        errors.RemoveAll(e => facts?.IsTemplateDependent(e.Location) == true);
        if (file != template)
        {
            // Errors point at the template as read, not at the masked view m4 read.
            errors = errors.Select(e => e.Location.File == file ? e with { Location = new SourceSpan(template, e.Location.Span) } : e).ToList();
        }

        var result = extracted.Config is { } config
            ? extracted with { Errors = errors, Included = config.Files.Where(f => f != file).ToArray() }
            : extracted;
        if (hostFiles.Count > 0)
        {
            result = result with { Remarks = [.. result.Remarks, $"the template includes files of the host it renders on, not here: {string.Join(", ", hostFiles)}; the rest is checked without them (--root DIR reads them under DIR)"] };
        }

        if (view is not null)
        {
            result = result with { Remarks = [.. result.Remarks, .. TemplateReading.DefaultsRemarks(variables, view.Resolved.Count > 0)] };
        }

        return TemplateReading.WithRemarks(result);
    }

    public string Reprint(SourceFile file)
    {
        // A template prints as m4's reading of its masked view prints, with the tags put back.
        var read = Read(TemplateReading.Reading(file, TemplateView.Unknown));
        return read is { Parsed: { } parsed } ? read.View.Unmask(parsed.Document.Print()) : M4Parser.Parse(file).Document.Print();
    }

    /// <summary>A template's masked view with m4's reading of it (none when the view has errors).</summary>
    private sealed record TemplateRead(TemplateView View, McParseResult? Parsed);

    /// <summary>
    /// The masked view of an .mc template, or null for a plain .mc. A line of tags alone (the engine drops it, or
    /// leaves it empty) reads as a comment line where m4 reads lines (harmless in <c>divert(-1)</c>, a comment line
    /// in sendmail.cf under <c>divert(0)</c>); inside a quoted string or a macro's arguments its <c>#</c> would be a
    /// character of the value, so there it reads as a hole. Where values are is read from a first view in which
    /// every such line is a hole, which m4 reads with the same structure as the second.
    /// </summary>
    internal static TemplateView? ViewOf(SourceFile file, Func<TemplateToken, string?> resolver) => Read(TemplateReading.Reading(file, resolver))?.View;

    /// <summary>
    /// <see cref="ViewOf"/> with m4's reading of the view. The two views differ only in lines outside values, which
    /// m4 copies through as text either way (a <c>#</c> line too, unless m4 still reads comments there): m4's reading of
    /// the first is then its reading of the second (<see cref="M4Rereading"/>), else the second is parsed. Both are built
    /// with the one resolver, so that a known expression is written alike in both.
    /// </summary>
    private static TemplateRead? Read((TemplateDocument Document, Func<TemplateToken, RenderedExpression?> Resolve)? template)
    {
        if (template is not (var document, var resolve))
        {
            return null;
        }

        var holes = TemplateView.Build(document, resolve, readsAsComment: _ => false);
        if (document.Errors.Count > 0)
        {
            return new TemplateRead(holes, null);
        }

        var file = document.File;
        var first = M4Parser.Parse(file.WithText(holes.Text));
        var values = M4ValueSpans.Of(first.Document);
        var view = TemplateView.Build(document, resolve, readsAsComment: span => !values.Inside(span));
        return new TemplateRead(view, M4Rereading.Parse(file.WithText(view.Text), first, values));
    }

    /// <summary>What the model knows of the template: its tags and blocks, and where m4 calls may come from variables.</summary>
    private static TemplateFacts Facts(TemplateView view, SourceFile template, McDocument document)
    {
        var calls = document.Nodes.OfType<M4Call>().Where(c => c.Arguments is not null).ToArray();
        var names = calls.Where(c => c.Name == "define" && c.Argument(0) is not null).Select(c => c.Argument(0)!.Content);
        return TemplateFacts.Of(view, template, names, calls.Select(c => c.Span));
    }

    /// <summary><c>dnl</c> (m4 discards it with the rest of its line: how .mc files comment) and <c>#</c>.</summary>
    public CommentSyntax Comments { get; } = new("#", "dnl");
}
