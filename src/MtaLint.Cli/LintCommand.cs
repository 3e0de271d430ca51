using System.CommandLine;
using MtaLint.Dialects;
using MtaLint.Fixes;
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
        root.SetAction(Execute);
    }

    private bool _useColor;
    private bool _quietRun;

    private int Execute(ParseResult result)
    {
        if (common.ReadAnalysisOptions(result, stderr) is not { } analysis)
        {
            return ExitCodes.Error;
        }

        var paths = result.GetValue(_paths) is { Length: > 0 } given ? given : ["."];
        var mode = result.GetValue(_diff) ? RunMode.Diff : result.GetValue(_fix) ? RunMode.Fix : RunMode.Check;
        var unsafeFixes = result.GetValue(_unsafeFixes);
        IReportFormatter formatter = formats.Find(result.GetValue(_format)!)!;

        var policies = new PolicyResolver(result.GetValue(_config), !result.GetValue(_noInlineIgnores), host.RuleSet, RuleCatalog.All, analysis);
        IReadOnlyList<Dialects.ConfigUnit> units;
        Discovery discovery;
        AnalysisOptions grouping;
        string failOn;
        try
        {
            var runConfig = policies.ConfigFor(paths[0]);
            failOn = result.GetResult(_failOn) is { Implicit: false } || runConfig.FailOn is null ? result.GetValue(_failOn)! : runConfig.FailOn;

            // Which files form a unit can depend on where includes are (--root, else the policy's root:).
            grouping = analysis.Root is null && runConfig.Root is not null ? analysis with { Root = runConfig.Root } : analysis;
            discovery = new InputDiscovery(common.Dialects, common.ForcedDialect(result), result.GetValue(_includeTemplates), result.GetValue(_followSymlinks), grouping)
            {
                SkipUnrecognized = result.GetValue(_skipUnrecognized),
            }.Discover(paths);

            // Every config file is read before any output, so a bad one stops the run cleanly.
            units = policies.WithoutExcluded(discovery.Units);
            foreach (var unit in units)
            {
                policies.For(unit);
            }
        }
        catch (ProjectConfigException e)
        {
            stderr.WriteLine($"{e.Path}:{e.Line}:{e.Column}: error: {e.Problem}");
            return ExitCodes.Error;
        }

        var color = result.GetValue(_color) switch
        {
            "always" => true,
            "never" => false,
            _ => host.UseColor,
        };
        _useColor = color;
        _quietRun = result.GetValue(_quiet);
        var settings = new ReportSettings(color, unsafeFixes, mode, Cli.Version, _quietRun, result.GetValue(_showFixes));
        if (result.GetValue(_statistics))
        {
            formatter = new StatisticsFormatter();
        }

        var totals = new Totals(failOn);
        var tree = LintedTree.Of(paths, discovery, grouping.Root, trustLinks: result.GetValue(_followSymlinks));
        var redaction = new TreeRedaction(tree);
        // With --diff, stdout carries only the patch (so it can be piped to git apply); findings are not listed.
        var writer = mode == RunMode.Diff ? null : formatter.Start(stdout, settings);

        foreach (var problem in discovery.Problems)
        {
            var report = new UnitReport([problem.Path], [UnitProcessor.InputError(problem.Path, problem.Message)], []);
            totals.Add(report, []);
            writer?.Write(report);
            if (mode == RunMode.Diff)
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
            i => (Unit: units[i], Outcome: new UnitProcessor(linters[i], mode, unsafeFixes, tree).Process(units[i])),
            window);
        foreach (var (unit, outcome) in outcomes)
        {
            foreach (var problem in outcome.Problems)
            {
                Tell($"mtalint: {EscapedPath.Of(problem.Path)}: {problem.Message}");
                totals.Failed |= problem.IsError;
            }

            // What the unit read: its files and what they include; nothing of those outside the tree is reported.
            IEnumerable<SourceFile> read = outcome.Lint is { } lint ? [.. lint.Files, .. lint.Included] : [];
            var files = UnitFiles(unit, outcome);
            var report = redaction.Apply(new UnitReport(files, outcome.Diagnostics, outcome.Changes.Any(c => c.Written) ? outcome.Applied : [])
            {
                Notes = UnitNotes(files, discovery.Requested, outcome.Lint?.Remarks ?? []),
            }, read);
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

            if (host.StdoutIsTerminal)
            {
                stdout.Flush(); // show progress; a pipe gets large buffered writes instead
            }
        }

        foreach (var skipped in discovery.Skipped)
        {
            Tell($"mtalint: note: {skipped.Note}");
        }

        if (discovery.FileCount == 0 && discovery.Problems.Count == 0 && discovery.Skipped.Count == 0)
        {
            Tell($"mtalint: no mail server config found in {string.Join(", ", paths)} (main.cf, master.cf, exim4.conf, conf.d/, *.mc; or name files with --dialect)");
        }

        var summary = totals.Summary();
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
        stdout.Flush();
        stderr.WriteLine(UnsafeChars.Replaced(message));
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
            // A diff shows the file's lines around each change and the text each fix inserts: neither
            // may carry a file outside the tree (a symlinked fragment, a macro value a fix spells out).
            var inserted = outcome.Applied.Where(d => d.Path == change.Before.Path).SelectMany(d => d.Fix?.Edits ?? []).Select(e => e.NewText).ToArray();
            if (!redaction.Tree.Contains(change.Before.Path) || redaction.MaskFor(read) is { } mask && inserted.Any(mask.Leaks))
            {
                Tell($"mtalint: {EscapedPath.Of(change.Before.Path)}: the diff is withheld: it would show text of a file outside the linted tree");
                continue;
            }

            if (!_useColor && stdout is StreamWriter { BaseStream: var raw })
            {
                // The patch in the file's own bytes (a Latin-1 file stays Latin-1), so git apply and patch accept it.
                stdout.Flush();
                raw.Write(UnifiedDiff.CreatePatch(change.Before, change.After));
                continue;
            }

            // A terminal (colour) or a text writer: the diff as text, for reading.
            var diff = UnifiedDiff.Create(change.Before.Path, change.Before.Text, change.After.Text);
            if (!_useColor)
            {
                stdout.Write(diff);
                continue;
            }

            foreach (var line in diff.Split('\n'))
            {
                if (line.Length > 0)
                {
                    stdout.Write(TextFormatter.ColoredDiffLine(line, color: true) + "\n");
                }
            }
        }
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

        public RunSummary Summary() => new(_files, _filesWithFindings.Count, _errors, _warnings, _infos, _fixable, _fixableUnsafe, _fixed, _filesFixed);

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
