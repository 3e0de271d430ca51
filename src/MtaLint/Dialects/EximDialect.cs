using MtaLint.Model;
using MtaLint.Model.Exim;
using MtaLint.Syntax.Exim;
using MtaLint.Syntax.Templates;
using MtaLint.Text;

namespace MtaLint.Dialects;

/// <summary>
/// Exim: a monolithic config (<c>exim.conf</c>, <c>exim4.conf</c>, <c>configure</c>) with the files it
/// <c>.include</c>s, Debian's <c>exim4.conf.template</c> (after <c>exim4.conf.localmacros</c> when
/// present), and Debian's split <c>conf.d/</c>, whose fragments update-exim4.conf concatenates into one
/// config; either is read with the <c>update-exim4.conf.conf</c> beside it, as update-exim4.conf reads it.
/// </summary>
internal sealed class EximDialect : IDialect
{
    /// <summary>update-exim4.conf's section folders, in the order it concatenates them.</summary>
    public static readonly IReadOnlyList<string> SplitSections = ["main", "acl", "router", "transport", "retry", "rewrite", "auth"];

    private static readonly HashSet<string> FileNames = ["exim.conf", "exim4.conf", "exim4.conf.template", "exim4.conf.localmacros", UpdateEximConf.FileName];

    private const string LocalMacros = "exim4.conf.localmacros";

    private const string Template = "exim4.conf.template";

    public string Name => "exim";

    public MtaKind Mta => MtaKind.Exim;

    public bool Recognizes(string path, Func<string> head)
    {
        var name = Path.GetFileName(path);
        if (FileNames.Contains(name))
        {
            return true;
        }

        if (SplitRoot(path) is not null)
        {
            return true;
        }

        if (name == "configure" || name.EndsWith(".conf", StringComparison.Ordinal) && path.Contains("exim", StringComparison.OrdinalIgnoreCase))
        {
            return LooksLikeExim(head());
        }

        return false;
    }

    /// <summary>Content typical of Exim and of nothing else: a <c>begin</c> section line, or Exim-only main options.</summary>
    public static bool LooksLikeExim(string text) =>
        System.Text.RegularExpressions.Regex.IsMatch(text,
            @"^\s*(begin\s+(acl|routers|transports|authenticators|retry|rewrite)\s*$|(domainlist|hostlist)\s+\S+\s*=|(acl_smtp_\w+|primary_hostname|smtp_banner|qualify_domain|tls_advertise_hosts)\s*=)",
            System.Text.RegularExpressions.RegexOptions.Multiline);

    /// <summary>
    /// Debian's update-exim4.conf.conf: by its name, or, under an Exim config's name, by its text
    /// (<c>dc_...=</c> shell assignments and nothing Exim would read).
    /// </summary>
    public static bool IsUpdateEximConf(SourceFile file) =>
        Path.GetFileName(file.Path) == UpdateEximConf.FileName
        || ShellAssignments.LooksLikeUpdateEximConf(file.Text)
           && (!LooksLikeExim(file.Text) || Path.GetFileName(file.Path).StartsWith("update-exim4.conf", StringComparison.Ordinal)); // a template of it (update-exim4.conf.j2) may set primary_hostname='...'

    /// <summary>The conf.d folder a fragment belongs to (<c>conf.d/main/02_options</c> → <c>conf.d</c>), or null.</summary>
    public static string? SplitRoot(string path)
    {
        var name = Path.GetFileName(path);
        var section = Path.GetDirectoryName(path);
        var root = section is null ? null : Path.GetDirectoryName(section);
        if (section is null || root is null || Path.GetFileName(root) != "conf.d" || !SplitSections.Contains(Path.GetFileName(section)))
        {
            return null;
        }

        // update-exim4.conf's run-parts filter: other names (backups, .dpkg-old) are ignored, but NAME.rul
        // is read in place of NAME when NAME is there (a hook naming a changed .rul must find its unit).
        return IsFragmentName(name) || IsRulFor(section, name) ? root : null;
    }

    private static bool IsRulFor(string section, string name) =>
        name.EndsWith(".rul", StringComparison.Ordinal) && IsFragmentName(name[..^4]) && File.Exists(Path.Combine(section, name[..^4]));

    private static bool IsFragmentName(string name) => name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');

    /// <summary>
    /// Its own folder, and the folder above: a config there may <c>.include</c> it. A conf.d fragment
    /// needs neither: its tree and the update-exim4.conf.conf beside it are found from its path.
    /// </summary>
    public IEnumerable<string> UnitFolders(string path) => SplitRoot(path) is not null ? [] : IncludedFiles.IncluderFolders(path);

    public IReadOnlyList<ConfigUnit> Group(IReadOnlyList<string> paths) => Group(paths, AnalysisOptions.Default);

    /// <summary>
    /// conf.d fragments form their tree's unit, a template takes its localmacros, both take the
    /// update-exim4.conf.conf beside them (which joins both units; named alone, it brings them), and a
    /// config that includes files takes them: an included file is not a config of its own.
    /// </summary>
    public IReadOnlyList<ConfigUnit> Group(IReadOnlyList<string> paths, AnalysisOptions options)
    {
        var keys = new List<string>();
        var units = new Dictionary<string, ConfigUnit>(StringComparer.Ordinal);
        var given = paths.ToDictionary(p => Path.GetFullPath(p), p => p, StringComparer.Ordinal);

        // A file beside a given one: the given path when it was given, else spelt like its neighbour.
        string? Beside(string folder, string name)
        {
            var path = Path.Combine(folder, name);
            return given.TryGetValue(Path.GetFullPath(path.Length == 0 ? "." : path), out var g) ? g : File.Exists(path) ? path : null;
        }

        void Add(string key, Func<ConfigUnit> make)
        {
            if (!units.ContainsKey(key))
            {
                keys.Add(key);
                units[key] = make();
            }
        }

        void AddSplit(string root)
        {
            Add(Path.GetFullPath(root), () =>
            {
                var fragments = SplitFragments(root);
                foreach (var p in paths.Where(p => SplitRoot(p) == root && !fragments.Contains(p) && !fragments.Contains(p + ".rul")))
                {
                    fragments.Add(p);
                }

                var conf = Beside(Path.GetDirectoryName(root) ?? string.Empty, UpdateEximConf.FileName);
                return new ConfigUnit(this, conf is null ? fragments : [conf, .. fragments]);
            });
        }

        void AddTemplate(string template)
        {
            Add(Path.GetFullPath(template), () =>
            {
                var folder = Path.GetDirectoryName(template) ?? string.Empty;
                string?[] files = [Beside(folder, UpdateEximConf.FileName), Beside(folder, LocalMacros), template];
                return new ConfigUnit(this, files.OfType<string>().ToArray());
            });
        }

        foreach (var path in paths)
        {
            var name = Path.GetFileName(path);
            var folder = Path.GetDirectoryName(path) ?? string.Empty;
            if (SplitRoot(path) is { } root)
            {
                AddSplit(root);
            }
            else if (name == Template)
            {
                AddTemplate(path);
            }
            else if (name == LocalMacros && Beside(folder, Template) is { } itsTemplate)
            {
                AddTemplate(itsTemplate);
            }
            else if (name == UpdateEximConf.FileName && (Beside(folder, Template) is not null || SplitFragments(Path.Combine(folder, "conf.d")).Count > 0))
            {
                // It is read by both: update-exim4.conf builds from one or the other, as it says.
                if (Beside(folder, Template) is { } besideTemplate)
                {
                    AddTemplate(besideTemplate);
                }

                if (SplitFragments(Path.Combine(folder, "conf.d")).Count > 0)
                {
                    AddSplit(Path.Combine(folder, "conf.d"));
                }
            }
            else
            {
                Add(Path.GetFullPath(path), () => new ConfigUnit(this, [path]));
            }
        }

        // Reading a config to find its includes is worth it only where it could include another file
        // given here: one in its folder or below (a walk of 10,000 files reads none twice).
        var sorted = given.Keys.Order(StringComparer.Ordinal).ToArray();
        bool OthersBelow(ConfigUnit unit)
        {
            var own = unit.Files.Select(Path.GetFullPath).ToHashSet(StringComparer.Ordinal);
            var top = SplitRoot(unit.Paths[^1]) is { } root ? root : unit.Paths[^1]; // conf.d sits beside the template
            var prefix = Path.GetDirectoryName(Path.GetFullPath(top)) + "/";
            var at = Array.BinarySearch(sorted, prefix, StringComparer.Ordinal);
            for (var i = at < 0 ? ~at : at; i < sorted.Length && sorted[i].StartsWith(prefix, StringComparison.Ordinal); i++)
            {
                if (!own.Contains(sorted[i]))
                {
                    return true;
                }
            }

            return false;
        }

        var result = keys.Select(k => OthersBelow(units[k]) ? WithIncluded(units[k], options) : units[k]).ToList();
        var includedBy = new Dictionary<string, ConfigUnit>(StringComparer.Ordinal);
        foreach (var unit in result)
        {
            foreach (var included in unit.Included)
            {
                includedBy.TryAdd(Path.GetFullPath(included), unit);
            }
        }

        // A file another config includes is part of that config, not one of its own (unless they include each other).
        return result.Where(u => !(u.Paths.Count == 1 && includedBy.TryGetValue(Path.GetFullPath(u.Paths[0]), out var by) && by != u
            && !u.Included.Any(i => by.Paths.Any(p => Path.GetFullPath(p) == Path.GetFullPath(i))))).ToArray();
    }

    /// <summary>
    /// The unit with the files its config includes, read the way <see cref="Analyze"/> reads them; only
    /// configs that hold <c>.include</c> are read. The unit's files the MTA reads by include are found
    /// when it is linted in any case; this is for the files given with it.
    /// </summary>
    private static ConfigUnit WithIncluded(ConfigUnit unit, AnalysisOptions options)
    {
        var files = new List<SourceFile>();
        var includes = false;
        foreach (var path in unit.Paths)
        {
            var input = InputFile.Read(path, out var error);
            if (error is not null)
            {
                return unit; // reading the unit reports it
            }

            files.Add(input.Source);
            includes |= input.Source.Text.Contains(".include", StringComparison.Ordinal);
        }

        if (!includes)
        {
            return unit;
        }

        var read = Read(files, options);
        var roots = unit.Paths.Select(Path.GetFullPath).ToHashSet(StringComparer.Ordinal);
        var included = read.Exim.Files.Select(f => f.Path).Where(p => !roots.Contains(Path.GetFullPath(p))).ToArray();
        return included.Length == 0 ? unit : unit with { Included = included };
    }

    /// <summary>Every fragment of a conf.d in update-exim4.conf's order: sections in order, names sorted bytewise, <c>NAME.rul</c> in place of <c>NAME</c>.</summary>
    public static List<string> SplitFragments(string root)
    {
        var result = new List<string>();
        foreach (var section in SplitSections)
        {
            var dir = Path.Combine(root, section);
            if (!Directory.Exists(dir))
            {
                continue;
            }

            foreach (var file in Directory.EnumerateFiles(dir).Where(f => IsFragmentName(Path.GetFileName(f))).Order(StringComparer.Ordinal))
            {
                result.Add(File.Exists(file + ".rul") ? file + ".rul" : file);
            }
        }

        return result;
    }

    public string Reprint(SourceFile file)
    {
        // A template prints as the dialect prints its masked view, with the tags put back.
        var view = ViewOf(file, TemplateView.Unknown);
        if (view is null || view.Document.Errors.Count > 0)
        {
            return EximDocument.Parse(file).Print();
        }

        return view.Unmask(EximDocument.Parse(file.WithText(view.Text)).Print());
    }

    /// <summary>
    /// The masked view of an Exim template; null for a plain file. A line of only statement tags reads as it renders:
    /// dropped with its line break (as Ansible's trim_blocks drops it), as a comment line, which Exim skips also inside
    /// a continued line; kept as a blank line (Salt, ERB without <c>-%&gt;</c>), as a blank line, which ends one.
    /// </summary>
    public static TemplateView? ViewOf(SourceFile file, Func<TemplateToken, string?> resolver) =>
        TemplateReading.ViewOf(file, resolver, TemplateView.ControlLines.AsRendered);

    /// <summary><c>#</c> as a line's first non-blank char (after a value, <c>#</c> is part of it).</summary>
    public CommentSyntax Comments => CommentSyntax.Hash;

    /// <summary>What reading a unit gives: Exim's reading of its config files, and Debian's build step when there is one.</summary>
    /// <param name="Mailname">Debian's <c>/etc/mailname</c> when it was read (its text can reach a banner).</param>
    private sealed record UnitReading(EximReadResult Exim, UpdateEximConf? Debian, SourceFile? DebianFile, IReadOnlyList<SourceFile> Roots, IncludedFiles Includes, SourceFile? Mailname);

    /// <summary>Every file read beyond the unit's own: what its configs include, and <c>/etc/mailname</c>.</summary>
    private static SourceFile[] Included(UnitReading reading, IReadOnlyList<SourceFile> files)
    {
        var own = files.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        IEnumerable<SourceFile> read = reading.Mailname is { } mailname ? [.. reading.Exim.Files, mailname] : reading.Exim.Files;
        return read.Where(f => !own.Contains(f.Path)).ToArray();
    }

    private static UnitReading Read(IReadOnlyList<SourceFile> files, AnalysisOptions options, EximTemplateValues? values = null)
    {
        var debianFile = files.FirstOrDefault(IsUpdateEximConf);
        var roots = files.Where(f => f != debianFile).ToArray();
        UpdateEximConf? debian = null;
        SourceFile? mailname = null;
        if (debianFile is not null && roots.Length > 0)
        {
            var input = InputFile.Read(options.Locate("/etc/mailname"), out var error);
            mailname = error is null ? input.Source : null;
            debian = UpdateEximConf.Read(debianFile, options.EffectiveHostname, mailname?.Text);
        }

        var insertion = debian?.Macros is { } macros ? new EximLineInsertion(UpdateEximConf.MacroLine, macros) : null;
        var includes = new IncludedFiles(files, options);
        var table = EximOptionTable.Current;
        var read = EximReader.Read(roots, table.BuiltInMacros, options.Defines, includes.Load, table.Drivers.AddsUp, table.BuiltInMacroNames, insertion, OptionsFragment(roots), values);
        return new UnitReading(read, debian, debianFile, roots, includes, mailname);
    }

    /// <summary>
    /// Where Debian's split config keeps its main options (<c>conf.d/main/02_exim4-config_options</c>):
    /// an option it does not set belongs there, not after the log selector.
    /// </summary>
    private static SourceFile? OptionsFragment(IReadOnlyList<SourceFile> roots) =>
        roots.FirstOrDefault(r => SplitRoot(r.Path) is not null && Path.GetFileName(Path.GetDirectoryName(r.Path)) == "main"
                                  && Path.GetFileName(r.Path).EndsWith("_options", StringComparison.Ordinal));

    public AnalysisResult Analyze(IReadOnlyList<SourceFile> files, AnalysisOptions options)
    {
        // Each template is read through its masked view: its spans are the template's, as the view keeps every offset.
        // A known expression is read as its default's text: in its tag where that fits, else into its line as Exim reads it.
        var views = new Dictionary<string, TemplateView>(StringComparer.Ordinal);
        var defaults = new Dictionary<string, Syntax.Templates.Variables.TemplateVariables>(StringComparer.Ordinal);
        var viewed = new List<SourceFile>();
        foreach (var file in files)
        {
            var view = TemplateReading.ViewOf(file, options, out var variables, TemplateView.ControlLines.AsRendered);
            if (view is { Document.Errors: [var first, ..] })
            {
                return AnalysisResult.Failure(first);
            }

            if (view is not null)
            {
                views[file.Path] = view;
                defaults[file.Path] = variables;
            }

            viewed.Add(view is null ? file : file.WithText(view.Text));
        }

        if (views.Count == 0)
        {
            return Analyze(files, options, null, null);
        }

        // Not into Debian's update-exim4.conf.conf, which the shell reads, not Exim.
        var debian = viewed.FirstOrDefault(IsUpdateEximConf)?.Path;
        var values = EximTemplateValues.Of(views.Where(v => v.Key != debian).ToDictionary(), out var spliced);
        foreach (var (path, tags) in spliced)
        {
            views[path] = views[path].WithSpliced(tags);
        }

        var remarks = views.SelectMany(v => TemplateReading.DefaultsRemarks(defaults[v.Key], v.Value.Resolved.Count > 0)).ToList();
        // The projections re-read these views (blocks left out of their text): the same expressions known, the same text confirmed.
        var result = TemplateReading.WithRemarks(Analyze(viewed, options, views, values, facts => Projection(viewed, options, views, values, facts)));
        return remarks.Count == 0 ? result : result with { Remarks = [.. result.Remarks, .. remarks.Distinct()] };
    }

    /// <summary>
    /// The config read with the template blocks that do not hold a span left out, each once (and at most
    /// <see cref="MtaConfig.MaxTemplateProjections"/> sets of blocks: each is a whole read): the view with their
    /// bodies' whole lines as comment lines (what Exim skips, as the engine drops them) and any part of a line as holes.
    /// <paramref name="facts"/> are those of the config as read: reading it again for them would double a template's cost.
    /// </summary>
    private static Func<SourceSpan?, MtaConfig?> Projection(IReadOnlyList<SourceFile> viewed, AnalysisOptions options, IReadOnlyDictionary<string, TemplateView> views,
        EximTemplateValues values, TemplateFacts facts)
    {
        var cache = new Dictionary<string, MtaConfig?>(StringComparer.Ordinal);
        return at =>
        {
            // Keyed by the regions kept (a few around the span), not those left out (nearly all of them, for each finding).
            var keep = at is null ? [] : facts.RegionsAt(at).ToHashSet();
            var key = string.Join(",", keep.Select(r => $"{r.Body.File.Path}:{r.Body.Span.Start}:{r.Branch}"));
            if (!cache.TryGetValue(key, out var config))
            {
                if (cache.Count >= MtaConfig.MaxTemplateProjections)
                {
                    return null;
                }

                var off = facts.Regions.Where(r => !keep.Contains(r)).ToList();
                var files = viewed.Select(f => LeftOut(f, off.Where(r => r.Body.File.Path == f.Path).Select(r => r.Body.Span))).ToList();
                config = Analyze(files, options, views, values.Outside(off.Select(r => (r.Body.File.Path, r.Body.Span))), null).Config;
                cache[key] = config;
            }

            return config;
        };
    }

    private static SourceFile LeftOut(SourceFile file, IEnumerable<TextSpan> bodies)
    {
        var text = new System.Text.StringBuilder(file.Text);
        foreach (var body in bodies)
        {
            for (var i = body.Start; i < body.End;)
            {
                var lineEnd = file.Text.IndexOf('\n', i);
                var end = lineEnd < 0 || lineEnd >= body.End ? body.End : lineEnd;
                var whole = (i == 0 || file.Text[i - 1] == '\n') && end == lineEnd;
                for (var j = i; j < end; j++)
                {
                    text[j] = file.Text[j] == '\r' ? '\r' : whole ? (j == i ? '#' : ' ') : TemplateView.Filler;
                }

                i = end + 1;
            }
        }

        return file.WithText(text.ToString());
    }

    private static AnalysisResult Analyze(IReadOnlyList<SourceFile> files, AnalysisOptions options, IReadOnlyDictionary<string, TemplateView>? views, EximTemplateValues? values,
        Func<TemplateFacts, Func<SourceSpan?, MtaConfig?>>? projection = null)
    {
        var reading = Read(files, options, values);
        var remarks = new List<string>();
        var errors = new List<SyntaxError>();
        var gaps = new List<ConfigGap>();
        if (reading.DebianFile is { } debianFile)
        {
            var variables = reading.Debian?.Variables ?? ShellAssignments.Parse(debianFile);
            var debianTemplate = views?.GetValueOrDefault(debianFile.Path) is { } debianView ? EximTemplateFacts.Of(debianView, debianFile, []) : null;
            foreach (var command in variables.Commands.Where(c => debianTemplate?.OnHoleLine(c) != true))
            {
                // The script sources the file: a command runs, and what it sets is not known.
                errors.Add(new SyntaxError(command, $"{UpdateEximConf.FileName} holds variable assignments; update-exim4.conf would run this as a shell command, and mtalint does not"));
                gaps.Add(new ConfigGap(command, $"what the shell command at {debianFile.Path}:{command.Start.Line} sets"));
            }

            if (reading.Roots.Count == 0)
            {
                remarks.Add($"{debianFile.Path} is Debian's update-exim4.conf.conf: update-exim4.conf builds the Exim config from it and the exim4.conf.template or conf.d/ beside it; neither is there, so only its own syntax is checked");
                return new AnalysisResult(null, errors) { Remarks = remarks };
            }

            remarks.AddRange(DebianRemarks(reading, debianFile, errors));
        }

        var read = reading.Exim;
        // Exim refuses to start on any of these errors, so neither do the rules: a model of a
        // config Exim would not load could only mislead. A missing include is different: the rest
        // is still read, and findings that could depend on the missing file say so.
        var included = Included(reading, files);
        var template = views is null ? null : EximTemplateFacts.Combine(views, read);
        // A line with a tag in it reads differently in each rendering: what the masked line breaks is no error of the template.
        var readErrors = template is null ? read.Errors : read.Errors.Where(e => !template.OnHoleLine(e.Location)).ToList();
        if (readErrors.Count > 0)
        {
            return AnalysisResult.Failure([.. readErrors, .. errors]) with { Included = included };
        }

        foreach (var missing in read.MissingIncludes.Where(m => WrittenByTemplate(m, views)))
        {
            // A path a template's expression writes names a file only the rendering knows (on the host it renders on,
            // also when a role default decides it): any setting may come from it.
            template = TemplateFacts.Combine([(template!, missing.At.File.Path), (new TemplateFacts([], [], [(missing.At, $"the file it includes (`{template!.Shown(missing.Path)}`)")]), missing.At.File.Path)]);
        }

        foreach (var missing in read.MissingIncludes.Where(m => !WrittenByTemplate(m, views)))
        {
            var looked = reading.Includes.LookedFor(missing.Path, missing.At.File);
            var hint = missing.Path.StartsWith('/') && options.Root is null ? "; if the repository keeps it, --root DIR reads it as DIR" + missing.Path : string.Empty;
            errors.Add(new SyntaxError(missing.At, missing.Unreadable is { } why
                ? $"cannot read included file {missing.Path}{looked}: {why}; Exim would not start; the rest of the config is checked without it"
                : $"included file {missing.Path} does not exist{looked}{hint}; Exim would not start; the rest of the config is checked without it"));
            gaps.Add(new ConfigGap(missing.At, $"{missing.Path} (included at {missing.At.File.Path}:{missing.At.Start.Line})"));
        }

        var buildInputs = reading.DebianFile is { } d ? new[] { d } : [];
        var extracted = new EximExtractor(read, options, buildInputs, gaps) { Template = template, TemplateProjection = template is { Regions.Count: > 0 } ? projection?.Invoke(template) : null }.Extract();
        return extracted with { Errors = errors, Remarks = remarks, Included = included };
    }

    /// <summary>
    /// Whether a template's expression wrote part of an <c>.include</c>'s line: an unknown one (its path holds masked
    /// text), or one a role default decided (read as its text).
    /// </summary>
    private static bool WrittenByTemplate(EximMissingInclude missing, IReadOnlyDictionary<string, TemplateView>? views)
    {
        if (missing.Path.Contains(TemplateView.Filler, StringComparison.Ordinal))
        {
            return true;
        }

        if (views is null || views.Values.All(v => v.Resolved.Count == 0))
        {
            return false;
        }

        for (var i = 0; i < missing.Line.Length; i++)
        {
            var origin = missing.Line.OriginAt(i);
            if (views.GetValueOrDefault(origin.File.Path) is { } view && view.Resolved.Any(t => t.Span.Start <= origin.Offset && origin.Offset < t.Span.End))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>What the report says once about a unit built by update-exim4.conf, and what stops the script.</summary>
    private static IEnumerable<string> DebianRemarks(UnitReading reading, SourceFile debianFile, List<SyntaxError> errors)
    {
        var debian = reading.Debian!;
        var split = reading.Roots.Any(r => SplitRoot(r.Path) is not null);
        if (debian.SplitConfig is not ("true" or "false"))
        {
            var at = debian.Variables.Last("dc_use_split_config")?.ValueSpan ?? debianFile.Span(0, 0);
            errors.Add(new SyntaxError(at, $"update-exim4.conf stops here: dc_use_split_config must be true or false, not \"{debian.SplitConfig}\""));
        }
        else if (split != debian.UseSplitConfig)
        {
            yield return split
                ? $"{debianFile.Path} does not set dc_use_split_config to true: update-exim4.conf builds the config from exim4.conf.template, not from conf.d/; conf.d/ is checked as it would be read"
                : $"{debianFile.Path} sets dc_use_split_config to true: update-exim4.conf builds the config from conf.d/, not from this template; it is checked as it would be read";
        }

        // Named, since one update-exim4.conf.conf is read with both the conf.d/ and the template beside it.
        var config = reading.Roots.Select(r => SplitRoot(r.Path)).FirstOrDefault(r => r is not null) is { } root ? root + "/" : reading.Roots[^1].Path;
        yield return debian.Macros is null
            ? $"{config} is read with {debianFile.Path}: dc_eximconfig_configtype is \"{debian.ConfigType}\", so update-exim4.conf adds no macros and uses the config as it is"
            : $"{config} is read as Debian's update-exim4.conf builds it: with the macros it makes from {debianFile.Path} (dc_eximconfig_configtype \"{debian.ConfigType}\"{LocalInterfaces(debian)})";
    }

    private static string LocalInterfaces(UpdateEximConf debian) =>
        debian.Variables["dc_local_interfaces"] is { Length: > 0 } interfaces ? $", listening on {interfaces}" : ", listening on every interface";
}
