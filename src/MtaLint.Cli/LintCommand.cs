using System.CommandLine;
using MtaLint.Dialects;
using MtaLint.Engine;
using MtaLint.Fixes;
using MtaLint.Model;
using MtaLint.Policy;
using MtaLint.Reporting;
using MtaLint.Rules;
using MtaLint.Text;
using MtaLint.Workspace;

namespace MtaLint.Cli;

/// <summary><c>mtalint [PATH...]</c>: lint, <c>--fix</c> or <c>--diff</c>, report in a format, exit per <c>--fail-on</c>.</summary>
internal sealed class LintCommand(CommonOptions common, ReportFormats formats, TextWriter stdout, TextWriter stderr, CliHost host)
{
    public static readonly string[] FailOnLevels = ["error", "warning", "info", "never"];

    private readonly Argument<string[]> _paths = new("PATH")
    {
        Description = "Config files or folders to lint (folders are walked; default: the current folder)",
        Arity = ArgumentArity.ZeroOrMore,
    };

    private readonly Option<bool> _fix = new("--fix") { Description = "Apply safe fixes in place (atomic write; mode, encoding, BOM and line endings kept)" };

    private readonly Option<bool> _unsafeFixes = new("--unsafe-fixes") { Description = "Also apply (or show) fixes that change behaviour a setup may rely on" };

    private readonly Option<bool> _diff = new("--diff") { Description = "Print the fixes as a unified diff and write nothing (exit 1 when there is a change)" };

    private readonly Option<string> _format = new("--format")
    {
        Description = "Output format",
        DefaultValueFactory = _ => "text",
    };

    private readonly Option<string> _failOn = new("--fail-on")
    {
        Description = "Lowest severity that makes the exit code 1",
        DefaultValueFactory = _ => "warning",
    };

    private readonly Option<string?> _config = new("--config")
    {
        Description = "Policy file to use instead of the nearest .mtalint.yaml (searched in each path's folder and its parents)",
        HelpName = "FILE",
    };

    private readonly Option<bool> _noInlineIgnores = new("--no-inline-ignores")
    {
        Description = "Ignore '# mtalint: disable=...' comments in configs: only the central policy counts",
    };

    public static readonly string[] ColorModes = ["auto", "always", "never"];

    private readonly Option<bool> _includeTemplates = new("--include-templates")
    {
        Description = "Lint template files too (*.j2, *.tpl, *.erb, *.in, Jinja/ERB markers); they are skipped with a note by default",
    };

    private readonly Option<bool> _followSymlinks = new("--follow-symlinks")
    {
        Description = "In a folder, also lint (and fix) files whose symlinks lead out of the folder; skipped with a note by default",
    };

    private readonly Option<bool> _skipUnrecognized = new("--skip-unrecognized")
    {
        Description = "Skip named files that are no mail server config by name or content, as a folder walk does, instead of failing (for pre-commit, whose files pattern cannot look inside a file)",
    };

    private readonly Option<bool> _quiet = new("--quiet", "-q") { Description = "Print the findings only: no summary line, no 'no fixes' note" };

    private readonly Option<bool> _statistics = new("--statistics") { Description = "Print a count per rule instead of each finding" };

    private readonly Option<bool> _showFixes = new("--show-fixes") { Description = "Show each fix as a diff under its finding; with --fix, list the fixes applied" };

    private readonly Option<string> _color = new("--color")
    {
        Description = "Colour the text output and --diff: auto (a terminal, and NO_COLOR unset), always, never",
        DefaultValueFactory = _ => "auto",
        HelpName = "auto|always|never",
    };

    private readonly Option<string[]> _select = new("--select")
    {
        Description = "Run only these rules: ids (MTA102), names (banner-os) or prefixes (MTA1, ALL), comma-separated; replaces what .mtalint.yaml enables and disables",
        HelpName = "RULES",
        Arity = ArgumentArity.OneOrMore,
    };

    private readonly Option<string[]> _extendSelect = new("--extend-select")
    {
        Description = "Also run these rules, on top of the defaults and .mtalint.yaml",
        HelpName = "RULES",
        Arity = ArgumentArity.OneOrMore,
    };

    private readonly Option<string[]> _ignore = new("--ignore")
    {
        Description = "Do not run these rules (a narrower --select or --extend-select wins: --ignore MTA1 --extend-select MTA101)",
        HelpName = "RULES",
        Arity = ArgumentArity.OneOrMore,
    };

    private readonly Option<string?> _stdinFilename = new("--stdin-filename")
    {
        Description = "Lint standard input (PATH '-') as if it were this file: the name picks the dialect and .mtalint.yaml, and shows in findings; --fix prints the fixed text",
        HelpName = "PATH",
    };

    private readonly Option<string?> _outputFile = new("--output-file", "-o")
    {
        Description = "Write the report (or the diff) to this file instead of standard output; it is replaced only once the run is complete",
        HelpName = "FILE",
    };

    public void AddTo(RootCommand root)
    {
        _format.HelpName = string.Join("|", formats.Names);
        _format.Description = "Output format: " + string.Join(", ", formats.All.Select(f => $"{f.Name} ({f.Description})"));
        _format.AcceptOnlyFromAmong(formats.Names.ToArray());
        _failOn.HelpName = string.Join("|", FailOnLevels);
        _failOn.AcceptOnlyFromAmong(FailOnLevels);
        root.Arguments.Add(_paths);
        root.Options.Add(_fix);
        root.Options.Add(_unsafeFixes);
        root.Options.Add(_diff);
        root.Options.Add(_format);
        root.Options.Add(_failOn);
        root.Options.Add(_config);
        root.Options.Add(_noInlineIgnores);
        _color.AcceptOnlyFromAmong(ColorModes);
        root.Options.Add(_includeTemplates);
        root.Options.Add(_followSymlinks);
        root.Options.Add(_skipUnrecognized);
        root.Options.Add(_quiet);
        root.Options.Add(_statistics);
        root.Options.Add(_showFixes);
        root.Options.Add(_color);
        foreach (var option in new[] { _select, _extendSelect, _ignore })
        {
            // Shell completion offers every rule by id and by name.
            option.CompletionSources.Add(_ => PolicyResolver.NamesOf(host.RuleSet, RuleCatalog.All).Ids
                .SelectMany(id => RuleNames.NameOf(id) is var name && name != id ? [id, name] : new[] { id })
                .Select(text => new System.CommandLine.Completions.CompletionItem(text)));
            root.Options.Add(option);
        }

        root.Options.Add(_stdinFilename);
        root.Options.Add(_outputFile);
        root.SetAction(Execute);
    }

    private bool _useColor;
    private bool _quietRun;

    /// <summary>Where the report goes: standard output, or the <c>--output-file</c>.</summary>
    private TextWriter _output = TextWriter.Null;

    private int Execute(ParseResult result)
    {
        _output = stdout;
        try
        {
            return RunToOutput(result);
        }
        finally
        {
            if (_echo is { } text)
            {
                // --fix of standard input: the input as fixed, or as it came when it could not be fixed (a bad
                // policy, input that does not parse, an internal error): an editor filtering its buffer
                // through mtalint must never lose it.
                WriteBytes(stdout, text);
            }
        }
    }

    /// <summary>What <c>--fix</c> of standard input prints on stdout once the run ends; null for other runs.</summary>
    private byte[]? _echo;

    /// <summary>The run got to its summary: the report is whole and may replace the <c>--output-file</c>.</summary>
    private bool _reportComplete;

    /// <summary>
    /// A run with <c>--output-file</c> writes the report to a temporary file that replaces FILE only
    /// when the run ends normally; an internal error (an exception) leaves FILE as it was.
    /// </summary>
    private int RunToOutput(ParseResult result)
    {
        if (result.GetValue(_outputFile) is not { } outputPath)
        {
            return Run(result);
        }

        ReportFile file;
        try
        {
            file = ReportFile.Create(outputPath);
        }
        catch (FileWriteException e)
        {
            stderr.WriteLine($"mtalint: --output-file {EscapedPath.Of(outputPath)}: {e.Message}");
            return ExitCodes.Error;
        }

        using (file)
        {
            _output = file.Writer;
            var code = Run(result);
            if (!_reportComplete)
            {
                return code; // a usage error or a broken policy: no report, and FILE stays as it was
            }

            try
            {
                file.Commit();
            }
            catch (FileWriteException e)
            {
                stderr.WriteLine($"mtalint: --output-file {EscapedPath.Of(outputPath)}: {e.Message}");
                return ExitCodes.Error;
            }

            return code;
        }
    }

    /// <summary>The rules chosen on the command line; null after a usage error on stderr.</summary>
    private RuleSelection? ReadSelection(ParseResult result)
    {
        var failed = false;
        RuleNames? names = null;

        // The selectors of one option, comma-separated and repeatable; null when the option is not given.
        List<RuleSelector>? Read(Option<string[]> option)
        {
            if (result.GetResult(option) is null)
            {
                return null;
            }

            var selectors = new List<RuleSelector>();
            foreach (var text in (result.GetValue(option) ?? []).SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)))
            {
                names ??= PolicyResolver.NamesOf(host.RuleSet, RuleCatalog.All);
                if (names.Parse(text, out var problem) is { } selector)
                {
                    selectors.Add(selector);
                }
                else if (!failed)
                {
                    stderr.WriteLine($"mtalint: {option.Name}: {problem}");
                    failed = true;
                }
            }

            return selectors;
        }

        var selection = new RuleSelection(Read(_select), Read(_extendSelect) ?? [], Read(_ignore) ?? []);
        return failed ? null : selection;
    }

    /// <summary>Why the paths and <c>--stdin-filename</c> do not make a run, or null.</summary>
    private static string? StandardInputMisuse(string[] given, string? stdinName, bool fromStdin) =>
        given.Length > 1 && given.Contains("-") ? "'-' (standard input) is linted on its own: give it as the only PATH"
        : stdinName is not null && !fromStdin ? "--stdin-filename names standard input: give '-' as the only PATH, or no PATH"
        : stdinName is "" or "-" ? $"--stdin-filename '{stdinName}' is not a file name"
        : null;

    /// <summary>
    /// <c>--format</c> says how the report is written, and every option that shapes the report
    /// takes it into account or refuses it: never silently ignored.
    /// </summary>
    private string? FormatConflict(ParseResult result, RunMode mode)
    {
        var format = result.GetValue(_format)!;
        if (result.GetValue(_statistics) && mode == RunMode.Diff)
        {
            return "--statistics counts findings and --diff shows the changes; use one of them";
        }

        if (result.GetValue(_statistics) && !StatisticsFormatter.Formats.Contains(format))
        {
            return $"--statistics is written as text or JSON, not as --format {format}";
        }

        if (mode == RunMode.Diff && format is not ("text" or "json"))
        {
            return $"--diff prints a unified diff, as text or inside --format json; --format {format} has no place for one";
        }

        return null;
    }

    private int Run(ParseResult result)
    {
        if (common.ReadAnalysisOptions(result, stderr) is not { } analysis)
        {
            return ExitCodes.Error;
        }

        var given = result.GetValue(_paths) ?? [];
        var stdinName = result.GetValue(_stdinFilename);
        var fromStdin = given is ["-"] || stdinName is not null && given.Length == 0;
        if (StandardInputMisuse(given, stdinName, fromStdin) is { } misuse)
        {
            stderr.WriteLine($"mtalint: {misuse}");
            return ExitCodes.Error;
        }

        var mode = result.GetValue(_diff) ? RunMode.Diff : result.GetValue(_fix) ? RunMode.Fix : RunMode.Check;
        if (FormatConflict(result, mode) is { } conflict)
        {
            stderr.WriteLine($"mtalint: {conflict}");
            return ExitCodes.Error;
        }

        if (ReadSelection(result) is not { } selection)
        {
            return ExitCodes.Error;
        }

        StandardInput? standardInput = null;
        if (fromStdin)
        {
            if (ReadStandardInput(InputDiscovery.Normalize(stdinName ?? "-")) is not { } read)
            {
                return ExitCodes.Error;
            }

            standardInput = read;
            if (mode == RunMode.Fix)
            {
                _echo = read.Bytes;
            }
        }

        var paths = standardInput is not null ? [standardInput.Path] : given.Length > 0 ? given : ["."];
        // Where the named paths lead, resolved before anything is opened: discovery opens files, and a folder
        // swapped for a symlink once it has must not move the tree (UnitProcessor checks each read against it).
        var named = LintedTree.Of(paths, trustLinks: result.GetValue(_followSymlinks), standardInput: standardInput?.Path);
        var unsafeFixes = result.GetValue(_unsafeFixes);
        var format = result.GetValue(_format)!;
        IReportFormatter formatter = formats.Find(format)!;

        var policies = new PolicyResolver(result.GetValue(_config), !result.GetValue(_noInlineIgnores), host.RuleSet, RuleCatalog.All, analysis, selection);
        IReadOnlyList<Dialects.ConfigUnit> units;
        Discovery discovery;
        AnalysisOptions grouping;
        string failOn;
        var excludedNamed = new List<string>();
        try
        {
            var runConfig = policies.ConfigFor(paths[0]);
            failOn = result.GetResult(_failOn) is { Implicit: false } || runConfig.FailOn is null ? result.GetValue(_failOn)! : runConfig.FailOn;

            // Which files form a unit can depend on where includes are (--root, else the policy's root:).
            grouping = analysis.Root is null && runConfig.Root is not null ? analysis with { Root = runConfig.Root } : analysis;
            var finder = new InputDiscovery(common.Dialects, common.ForcedDialect(result), result.GetValue(_includeTemplates), result.GetValue(_followSymlinks), grouping)
            {
                SkipUnrecognized = result.GetValue(_skipUnrecognized),
            };
            discovery = standardInput is not null ? finder.DiscoverStandardInput(standardInput.Path, standardInput.Bytes) : finder.Discover(paths);

            // Every config file is read before any output, so a bad one stops the run cleanly.
            units = policies.WithoutExcluded(discovery.Units);
            foreach (var unit in units)
            {
                policies.For(unit);
            }

            // A file named on the command line that the policy excludes is said to be excluded, not passed over in silence.
            foreach (var path in paths.Where(p => standardInput is not null || File.Exists(p)))
            {
                var config = policies.ConfigFor(path);
                if (config.ExcludedBy(path) is { } glob)
                {
                    excludedNamed.Add($"mtalint: note: {EscapedPath.Of(InputDiscovery.Normalize(path))}: excluded by {EscapedPath.Of(config.SourcePath!)} (exclude: \"{glob.Pattern}\"), not checked");
                }
            }
        }
        catch (ProjectConfigException e)
        {
            stderr.WriteLine($"{e.Path}:{e.Line}:{e.Column}: error: {e.Problem}");
            return ExitCodes.Error;
        }

        // --fix of standard input prints the fixed text on stdout (for editors and pipes), so the report goes to stderr.
        var fixingStdin = standardInput is not null && mode == RunMode.Fix;
        if (fixingStdin && ReferenceEquals(_output, stdout))
        {
            _output = stderr;
        }

        var reportToTerminal = host.StdoutIsTerminal && ReferenceEquals(_output, stdout);
        var color = result.GetValue(_color) switch
        {
            "always" => true,
            "never" => false,
            _ => host.UseColor && reportToTerminal,
        };
        _useColor = color;
        _quietRun = result.GetValue(_quiet);
        var width = reportToTerminal && format == "text" ? host.TerminalWidth : null;
        var settings = new ReportSettings(color, unsafeFixes, mode, Cli.Version, _quietRun, result.GetValue(_showFixes), width);
        if (result.GetValue(_statistics))
        {
            formatter = new StatisticsFormatter(json: format == "json");
        }

        var totals = new Totals(failOn) { Excluded = discovery.Units.Sum(u => u.Paths.Count) - units.Sum(u => u.Paths.Count) };
        var tree = named.WithUnits(discovery.Units.SelectMany(u => u.Paths), grouping.Root);
        var redaction = new TreeRedaction(tree);
        // With --diff as text, the output carries only the patch (so it can be piped to git apply); findings are not listed.
        var writer = mode == RunMode.Diff && format != "json" ? null : formatter.Start(_output, settings);
        foreach (var note in excludedNamed)
        {
            Tell(note);
        }

        foreach (var problem in discovery.Problems)
        {
            var report = new UnitReport([problem.Path], [UnitProcessor.InputError(problem.Path, problem.Message)], []);
            totals.Add(report, []);
            writer?.Write(report);
            if (writer is null)
            {
                Tell($"mtalint: {EscapedPath.Of(problem.Path)}: {problem.Message}");
            }
        }

        // Units are linted in parallel and reported in input order. --fix stays sequential: two units
        // may share an included file, and the second must see the first one's fix.
        var window = mode == RunMode.Fix ? 1 : OrderedPipeline.DefaultWindow;
        var linters = units.Select(u => policies.For(u).Linter).ToArray();
        var outcomes = OrderedPipeline.Map(
            Enumerable.Range(0, units.Count).ToArray(),
            i => (Unit: units[i], Outcome: new UnitProcessor(linters[i], mode, unsafeFixes, tree, standardInput).Process(units[i])),
            window);
        foreach (var (unit, processed) in outcomes)
        {
            var outcome = processed;
            foreach (var problem in outcome.Problems)
            {
                Tell($"mtalint: {EscapedPath.Of(problem.Path)}: {problem.Message}");
                totals.Failed |= problem.IsError;
            }

            if (fixingStdin && outcome.Changes.FirstOrDefault(c => c.Before.Path == standardInput!.Path) is { } fixedInput)
            {
                // Nothing is written to disk: the fixed text is the output, and counts as written.
                _echo = fixedInput.After.Encode();
                outcome = outcome with { Changes = [fixedInput with { Written = true }] };
            }

            // What the unit read: its files and what they include; nothing of those outside the tree is reported.
            IEnumerable<SourceFile> read = outcome.Lint is { } lint ? [.. lint.Files, .. lint.Included] : [];
            var files = UnitFiles(unit, outcome);
            var report = redaction.Apply(new UnitReport(files, outcome.Diagnostics, outcome.Changes.Any(c => c.Written) ? outcome.Applied : [])
            {
                Notes = UnitNotes(files, discovery.Requested, outcome.Lint?.Remarks ?? []),
            }, read);
            if (mode == RunMode.Diff && writer is not null)
            {
                report = report with { Diffs = ShowableDiffs(outcome, redaction, read) };
            }
            totals.Add(report, outcome.Changes);
            if (mode == RunMode.Diff)
            {
                totals.AddProposed(outcome.Applied.Count);
            }

            if (writer is not null)
            {
                writer.Write(report);
            }
            else
            {
                WriteDiff(outcome, redaction.Apply(new UnitReport(files, outcome.Diagnostics, []), read).Diagnostics, redaction, read);
            }

            if (reportToTerminal)
            {
                _output.Flush(); // show progress; a pipe gets large buffered writes instead
            }
        }

        foreach (var skipped in discovery.Skipped)
        {
            Tell($"mtalint: note: {skipped.Note}");
        }

        if (discovery.FileCount == 0 && discovery.Problems.Count == 0 && discovery.Skipped.Count == 0 && standardInput is null)
        {
            Tell($"mtalint: no mail server config found in {string.Join(", ", paths)} (main.cf, master.cf, exim4.conf, conf.d/, *.mc; or name files with --dialect)");
        }

        var summary = totals.Summary();
        _reportComplete = true;
        if (writer is not null)
        {
            writer.Finish(summary);
            return totals.ExitCode(mode);
        }

        if (_quietRun)
        {
            return totals.ExitCode(mode);
        }

        Tell(totals.ChangedFiles == 0
            ? "mtalint: no fixes to apply"
            : $"mtalint: would fix {totals.Proposed} finding{(totals.Proposed == 1 ? string.Empty : "s")} in {totals.ChangedFiles} file{(totals.ChangedFiles == 1 ? string.Empty : "s")} (apply with --fix{(unsafeFixes ? " --unsafe-fixes" : string.Empty)})");
        return totals.ExitCode(mode);
    }

    /// <summary>The unit's files and those read because they include each other, in reading order.</summary>
    private static IReadOnlyList<string> UnitFiles(Dialects.ConfigUnit unit, UnitOutcome outcome)
    {
        var files = unit.Files.ToList();
        var known = files.Select(Path.GetFullPath).ToHashSet(StringComparer.Ordinal);
        foreach (var file in outcome.Lint?.Config?.Files ?? [])
        {
            if (known.Add(Path.GetFullPath(file.Path)))
            {
                files.Add(file.Path);
            }
        }

        return files;
    }

    /// <summary>
    /// What the report says once about a unit: which files were read with the ones asked for (a
    /// master.cf named alone is judged with the main.cf beside it), and how it was read.
    /// </summary>
    private static IReadOnlyList<string> UnitNotes(IReadOnlyList<string> files, IReadOnlySet<string> requested, IReadOnlyList<string> remarks)
    {
        var asked = files.Where(f => requested.Contains(Path.GetFullPath(f))).ToList();
        var others = files.Where(f => !requested.Contains(Path.GetFullPath(f))).ToList();
        var notes = new List<string>();
        if (asked.Count > 0 && others.Count > 0)
        {
            // A conf.d tree is dozens of files: the first few say where the rest are.
            var shown = others.Count <= 4 ? string.Join(", ", others.Select(EscapedPath.Of))
                : string.Join(", ", others.Take(3).Select(EscapedPath.Of)) + $" and {others.Count - 3} more files";
            notes.Add($"{EscapedPath.Of(asked[0])}: note: read as one configuration with {shown}, as the MTA reads them");
        }

        var first = asked.Count > 0 ? asked[0] : files.Count > 0 ? files[0] : string.Empty;
        notes.AddRange(remarks.Select(r => $"{EscapedPath.Of(first)}: note: {TextFormatter.Printable(r)}"));
        return notes;
    }

    /// <summary>A message on stderr, after what stdout holds so far, so both read in order on a terminal.</summary>
    private void Tell(string message)
    {
        _output.Flush();
        stderr.WriteLine(UnsafeChars.Replaced(message));
    }

    /// <summary>Standard input, read whole (up to the size a config may have) as the file <paramref name="path"/>; null after a message when it cannot be read.</summary>
    private StandardInput? ReadStandardInput(string path)
    {
        try
        {
            using var input = host.OpenStandardInput();
            using var buffer = new MemoryStream();
            var chunk = new byte[1 << 16];
            int read;
            while ((read = input.Read(chunk)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > InputFile.MaxBytes)
                {
                    stderr.WriteLine($"mtalint: standard input is larger than {InputFile.MaxBytes / (1024 * 1024)} MiB; no mail server config is");
                    return null;
                }
            }

            return new StandardInput(path, buffer.ToArray());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            stderr.WriteLine($"mtalint: cannot read standard input: {e.Message}");
            return null;
        }
    }

    /// <summary>Bytes as they are on a byte stream (the process's stdout); decoded as UTF-8 on a text writer (tests).</summary>
    private static void WriteBytes(TextWriter writer, byte[] bytes)
    {
        if (writer is StreamWriter { BaseStream: var raw })
        {
            writer.Flush();
            raw.Write(bytes);
            raw.Flush();
            return;
        }

        writer.Write(new System.Text.UTF8Encoding(false).GetString(bytes));
    }

    private void WriteDiff(UnitOutcome outcome, IReadOnlyList<Diagnostic> diagnostics, TreeRedaction redaction, IEnumerable<SourceFile> read)
    {
        foreach (var diagnostic in diagnostics.Where(d => d.RuleId == Linter.SyntaxErrorId))
        {
            var path = EscapedPath.Of(diagnostic.Path);
            var at = diagnostic.Start is { } start ? $"{path}:{start}" : path;
            Tell($"{at}: error[{diagnostic.RuleId}] {TextFormatter.Printable(diagnostic.Message)}");
        }

        foreach (var change in outcome.Changes)
        {
            if (Withheld(change, outcome, redaction, read))
            {
                continue;
            }

            if (!_useColor && _output is StreamWriter { BaseStream: var raw })
            {
                // The patch in the file's own bytes (a Latin-1 file stays Latin-1), so git apply and patch accept it.
                _output.Flush();
                raw.Write(UnifiedDiff.CreatePatch(change.Before, change.After));
                continue;
            }

            // A terminal (colour) or a text writer: the diff as text, for reading.
            var diff = UnifiedDiff.Create(change.Before.Path, change.Before.Text, change.After.Text);
            if (!_useColor)
            {
                _output.Write(diff);
                continue;
            }

            foreach (var line in diff.Split('\n'))
            {
                if (line.Length > 0)
                {
                    _output.Write(TextFormatter.ColoredDiffLine(line, color: true) + "\n");
                }
            }
        }
    }

    /// <summary>The diffs of <c>--diff --format json</c>: those <see cref="Withheld"/> leaves to show.</summary>
    private FileDiff[] ShowableDiffs(UnitOutcome outcome, TreeRedaction redaction, IEnumerable<SourceFile> read) =>
        outcome.Changes
            .Where(c => !Withheld(c, outcome, redaction, read))
            .Select(c => new FileDiff(c.Before, c.After, outcome.Applied.Count(d => d.Fix!.Edits.Any(e => e.File.Path == c.Before.Path))))
            .ToArray();

    /// <summary>
    /// A diff shows the file's lines around each change and the text each fix inserts: neither may
    /// carry a file outside the tree (a symlinked fragment, a macro value a fix spells out). Such a
    /// diff is left out, in every format, with a note on stderr.
    /// </summary>
    private bool Withheld(FileChange change, UnitOutcome outcome, TreeRedaction redaction, IEnumerable<SourceFile> read)
    {
        var inserted = outcome.Applied.Where(d => d.Path == change.Before.Path).SelectMany(d => d.Fix?.Edits ?? []).Select(e => e.NewText).ToArray();
        if (redaction.Tree.Contains(change.Before.Path) && !(redaction.MaskFor(read) is { } mask && inserted.Any(mask.Leaks)))
        {
            return false;
        }

        Tell($"mtalint: {EscapedPath.Of(change.Before.Path)}: the diff is withheld: it would show text of a file outside the linted tree");
        return true;
    }

    /// <summary>Counts for the summary and the exit code, accumulated unit by unit.</summary>
    private sealed class Totals(string failOn)
    {
        private readonly HashSet<string> _filesWithFindings = new(StringComparer.Ordinal);
        private int _files;
        private int _errors;
        private int _warnings;
        private int _infos;
        private int _fixable;
        private int _fixableUnsafe;
        private int _fixed;
        private int _filesFixed;
        private bool _failing;
        private bool _syntaxErrors;

        public bool Failed { get; set; }

        /// <summary>Files left out by an <c>exclude:</c> pattern.</summary>
        public int Excluded { get; init; }

        public int Proposed { get; private set; }

        public int ChangedFiles { get; private set; }

        public void Add(UnitReport report, IReadOnlyList<FileChange> changes)
        {
            _files += report.Files.Count;
            foreach (var d in report.Diagnostics)
            {
                _filesWithFindings.Add(d.Path);
                switch (d.Severity)
                {
                    case Severity.Error: _errors++; break;
                    case Severity.Warning: _warnings++; break;
                    default: _infos++; break;
                }

                if (d.Fix is { Edits.Count: > 0 } fix)
                {
                    if (fix.Safety == FixSafety.Safe)
                    {
                        _fixable++;
                    }
                    else
                    {
                        _fixableUnsafe++;
                    }
                }

                _syntaxErrors |= d.RuleId == Linter.SyntaxErrorId;
                _failing |= AtOrAbove(d.Severity);
            }

            _fixed += report.Applied.Count;
            _filesFixed += changes.Count(c => c.Written);
            if (changes.Count > 0 && !changes.Any(c => c.Written))
            {
                ChangedFiles += changes.Count;
            }
        }

        public void AddProposed(int count) => Proposed += count;

        private bool AtOrAbove(Severity severity) => failOn switch
        {
            "never" => false,
            "error" => severity >= Severity.Error,
            "info" => true,
            _ => severity >= Severity.Warning,
        };

        public RunSummary Summary() => new(_files, _filesWithFindings.Count, _errors, _warnings, _infos, _fixable, _fixableUnsafe, _fixed, _filesFixed, Excluded, Proposed, ChangedFiles);

        public int ExitCode(RunMode mode)
        {
            if (Failed || _syntaxErrors)
            {
                return ExitCodes.Error;
            }

            if (mode == RunMode.Diff)
            {
                return ChangedFiles > 0 ? ExitCodes.Findings : ExitCodes.Clean;
            }

            return _failing ? ExitCodes.Findings : ExitCodes.Clean;
        }
    }
}
