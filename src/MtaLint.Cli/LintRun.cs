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

/// <summary>
/// One invocation of <see cref="LintCommand"/>, in steps: read the request (usage errors stop it),
/// find the units and their policies (a bad <c>.mtalint.yaml</c> stops it), start the report, lint
/// or fix each unit and report it, finish with the summary and the exit code. Holds what one run
/// changes as it goes: where the report goes, what <c>--fix</c> of standard input echoes.
/// </summary>
internal sealed class LintRun(LintCommand command, CommonOptions common, ReportFormats formats, TextWriter stdout, TextWriter stderr, CliHost host)
{
    /// <summary>Where the report goes: standard output, the <c>--output-file</c>, or stderr when standard output carries fixed input.</summary>
    private TextWriter _output = TextWriter.Null;

    /// <summary>What <c>--fix</c> of standard input prints on stdout once the run ends; null for other runs.</summary>
    private byte[]? _echo;

    /// <summary>The run got to its summary: the report is whole and may replace the <c>--output-file</c>.</summary>
    private bool _reportComplete;

    public int Execute(ParseResult result)
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

    /// <summary>What the command line asks for, checked.</summary>
    /// <param name="Given">The paths as given (none: the current folder).</param>
    /// <param name="Paths">What is linted: the paths given, <c>.</c>, or standard input's name.</param>
    /// <param name="Named">Where the named paths lead, resolved before anything is opened.</param>
    private sealed record Request(
        ParseResult Options,
        AnalysisOptions Analysis,
        RuleSelection Selection,
        RunMode Mode,
        StandardInput? StandardInput,
        IReadOnlyList<string> Paths,
        LintedTree Named,
        string Format,
        bool UnsafeFixes);

    /// <summary>The units to lint and what decides how.</summary>
    /// <param name="Grouping">The analysis options units were grouped with (<c>--root</c>, else the policy's <c>root:</c>).</param>
    /// <param name="ExcludedNamed">Notes on files named on the command line that the policy excludes.</param>
    private sealed record Inputs(
        PolicyResolver Policies,
        Discovery Discovery,
        IReadOnlyList<ConfigUnit> Units,
        AnalysisOptions Grouping,
        string FailOn,
        IReadOnlyList<string> ExcludedNamed);

    /// <summary>The report being written: by a formatter (<see cref="Writer"/>), or as a patch when it is null (<c>--diff</c> as text).</summary>
    private sealed record Reporter(IReportWriter? Writer, RunTotals Totals, LintedTree Tree, TreeRedaction Redaction, bool ToTerminal, bool Color, bool Quiet);

    /// <summary>
    /// A run with <c>--output-file</c> writes the report to a temporary file that replaces FILE only
    /// when the run ends normally; an internal error (an exception) leaves FILE as it was.
    /// </summary>
    private int RunToOutput(ParseResult result)
    {
        if (result.GetValue(command.OutputFile) is not { } outputPath)
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

    private int Run(ParseResult result)
    {
        if (ReadRequest(result) is not { } request || Discover(request) is not { } inputs)
        {
            return ExitCodes.Error;
        }

        var reporter = StartReport(request, inputs);
        ReportInputProblems(inputs, reporter);

        // Units are linted in parallel and reported in input order. --fix stays sequential: two units
        // may share an included file, and the second must see the first one's fix.
        var units = inputs.Units;
        var window = request.Mode == RunMode.Fix ? 1 : OrderedPipeline.DefaultWindow;
        var linters = units.Select(u => inputs.Policies.For(u).Linter).ToArray();
        var outcomes = OrderedPipeline.Map(
            Enumerable.Range(0, units.Count).ToArray(),
            i => (Unit: units[i], Outcome: new UnitProcessor(linters[i], request.Mode, request.UnsafeFixes, reporter.Tree, request.StandardInput).Process(units[i])),
            window);
        foreach (var (unit, outcome) in outcomes)
        {
            ReportUnit(request, inputs, reporter, unit, outcome);
        }

        return Finish(request, inputs, reporter);
    }

    /// <summary>The command line, checked in the order a user fixes it; null after a usage error on stderr.</summary>
    private Request? ReadRequest(ParseResult result)
    {
        if (common.ReadAnalysisOptions(result, stderr) is not { } fromCommandLine)
        {
            return null;
        }

        var analysis = fromCommandLine with { ReadTemplateDefaults = !result.GetValue(command.NoTemplateDefaults) };
        var given = result.GetValue(command.Paths) ?? [];
        var stdinName = result.GetValue(command.StdinFilename);
        var fromStdin = given is ["-"] || stdinName is not null && given.Length == 0;
        if (LintCommand.StandardInputMisuse(given, stdinName, fromStdin) is { } misuse)
        {
            stderr.WriteLine($"mtalint: {misuse}");
            return null;
        }

        var mode = result.GetValue(command.Diff) ? RunMode.Diff : result.GetValue(command.Fix) ? RunMode.Fix : RunMode.Check;
        if (command.FormatConflict(result, mode) is { } conflict)
        {
            stderr.WriteLine($"mtalint: {conflict}");
            return null;
        }

        if (command.ReadSelection(result) is not { } selection)
        {
            return null;
        }

        StandardInput? standardInput = null;
        if (fromStdin)
        {
            if (ReadStandardInput(InputDiscovery.Normalize(stdinName ?? "-")) is not { } read)
            {
                return null;
            }

            standardInput = read;
            if (mode == RunMode.Fix)
            {
                _echo = read.Bytes;
            }
        }

        string[] paths = standardInput is not null ? [standardInput.Path] : given.Length > 0 ? given : ["."];
        // Where the named paths lead, resolved before anything is opened: discovery opens files, and a folder
        // swapped for a symlink once it has must not move the tree (UnitProcessor checks each read against it).
        var named = LintedTree.Of(paths, trustLinks: result.GetValue(command.FollowSymlinks), standardInput: standardInput?.Path);
        return new Request(result, analysis, selection, mode, standardInput, paths, named, result.GetValue(command.Format)!, result.GetValue(command.UnsafeFixes));
    }

    /// <summary>
    /// The units and their policies. Every config file is read before any output, so a bad one stops
    /// the run cleanly: null after its error on stderr.
    /// </summary>
    private Inputs? Discover(Request request)
    {
        var options = request.Options;
        var paths = request.Paths;
        var standardInput = request.StandardInput;
        var policies = new PolicyResolver(options.GetValue(command.Config), !options.GetValue(command.NoInlineIgnores), host.RuleSet, RuleCatalog.All, request.Analysis, request.Selection);
        try
        {
            var runConfig = policies.ConfigFor(paths[0]);
            var failOn = options.GetResult(command.FailOn) is { Implicit: false } || runConfig.FailOn is null ? options.GetValue(command.FailOn)! : runConfig.FailOn;

            // Which files form a unit can depend on where includes are (--root, else the policy's root:).
            var analysis = request.Analysis;
            var grouping = analysis.Root is null && runConfig.Root is not null ? analysis with { Root = runConfig.Root } : analysis;
            var finder = new InputDiscovery(common.Dialects, common.ForcedDialect(options), !options.GetValue(command.NoTemplates), options.GetValue(command.FollowSymlinks), grouping)
            {
                SkipUnrecognized = options.GetValue(command.SkipUnrecognized),
            };
            var discovery = standardInput is not null ? finder.DiscoverStandardInput(standardInput.Path, standardInput.Bytes) : finder.Discover(paths);

            var units = policies.WithoutExcluded(discovery.Units);
            foreach (var unit in units)
            {
                policies.For(unit);
            }

            // A file named on the command line that the policy excludes is said to be excluded, not passed over in silence.
            var excludedNamed = new List<string>();
            foreach (var path in paths.Where(p => standardInput is not null || File.Exists(p)))
            {
                var config = policies.ConfigFor(path);
                if (config.ExcludedBy(path) is { } glob)
                {
                    excludedNamed.Add($"mtalint: note: {EscapedPath.Of(InputDiscovery.Normalize(path))}: excluded by {EscapedPath.Of(config.SourcePath!)} (exclude: \"{glob.Pattern}\"), not checked");
                }
            }

            return new Inputs(policies, discovery, units, grouping, failOn, excludedNamed);
        }
        catch (ProjectConfigException e)
        {
            stderr.WriteLine($"{e.Path}:{e.Line}:{e.Column}: error: {e.Problem}");
            return null;
        }
    }

    /// <summary>Where and how the report is written; the notes on excluded named files come first.</summary>
    private Reporter StartReport(Request request, Inputs inputs)
    {
        var options = request.Options;
        // --fix of standard input prints the fixed text on stdout (for editors and pipes), so the report goes to stderr.
        if (request.StandardInput is not null && request.Mode == RunMode.Fix && ReferenceEquals(_output, stdout))
        {
            _output = stderr;
        }

        var reportToTerminal = host.StdoutIsTerminal && ReferenceEquals(_output, stdout);
        var color = options.GetValue(command.Color) switch
        {
            "always" => true,
            "never" => false,
            _ => host.UseColor && reportToTerminal,
        };
        var quiet = options.GetValue(command.Quiet);
        var width = reportToTerminal && request.Format == "text" ? host.TerminalWidth : null;
        var settings = new ReportSettings(color, request.UnsafeFixes, request.Mode, Cli.Version, quiet, options.GetValue(command.ShowFixes), width);
        IReportFormatter formatter = options.GetValue(command.Statistics) ? new StatisticsFormatter(json: request.Format == "json") : formats.Find(request.Format)!;

        var discovered = inputs.Discovery.Units;
        var totals = new RunTotals(inputs.FailOn) { Excluded = discovered.Sum(u => u.Paths.Count) - inputs.Units.Sum(u => u.Paths.Count) };
        var tree = request.Named.WithUnits(discovered.SelectMany(u => u.Paths), inputs.Grouping.Root);
        // With --diff as text, the output carries only the patch (so it can be piped to git apply); findings are not listed.
        var writer = request.Mode == RunMode.Diff && request.Format != "json" ? null : formatter.Start(_output, settings);
        foreach (var note in inputs.ExcludedNamed)
        {
            Tell(note);
        }

        return new Reporter(writer, totals, tree, new TreeRedaction(tree), reportToTerminal, color, quiet);
    }

    /// <summary>Paths that could not be used: reported like units that do not parse (MTA000).</summary>
    private void ReportInputProblems(Inputs inputs, Reporter reporter)
    {
        foreach (var problem in inputs.Discovery.Problems)
        {
            var report = new UnitReport([problem.Path], [UnitProcessor.InputError(problem.Path, problem.Message)], []);
            reporter.Totals.Add(report, []);
            reporter.Writer?.Write(report);
            if (reporter.Writer is null)
            {
                Tell($"mtalint: {EscapedPath.Of(problem.Path)}: {problem.Message}");
            }
        }
    }

    private void ReportUnit(Request request, Inputs inputs, Reporter reporter, ConfigUnit unit, UnitOutcome outcome)
    {
        var (writer, totals, redaction, mode) = (reporter.Writer, reporter.Totals, reporter.Redaction, request.Mode);
        foreach (var problem in outcome.Problems)
        {
            Tell($"mtalint: {EscapedPath.Of(problem.Path)}: {problem.Message}");
            totals.Failed |= problem.IsError;
        }

        if (request.StandardInput is { } standardInput && mode == RunMode.Fix && outcome.Changes.FirstOrDefault(c => c.Before.Path == standardInput.Path) is { } fixedInput)
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
            Notes = UnitNotes(files, inputs.Discovery.Requested, outcome.Lint?.Remarks ?? []),
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
            WriteDiff(outcome, redaction.Apply(new UnitReport(files, outcome.Diagnostics, []), read).Diagnostics, redaction, read, reporter.Color);
        }

        if (reporter.ToTerminal)
        {
            _output.Flush(); // show progress; a pipe gets large buffered writes instead
        }
    }

    /// <summary>The notes after the units, the summary, and the exit code.</summary>
    private int Finish(Request request, Inputs inputs, Reporter reporter)
    {
        var discovery = inputs.Discovery;
        foreach (var skipped in discovery.Skipped)
        {
            Tell($"mtalint: note: {skipped.Note}");
        }

        if (discovery.FileCount == 0 && discovery.Problems.Count == 0 && discovery.Skipped.Count == 0 && request.StandardInput is null)
        {
            Tell($"mtalint: no mail server config found in {string.Join(", ", request.Paths)} (main.cf, master.cf, exim4.conf, conf.d/, *.mc; or name files with --dialect)");
        }

        var totals = reporter.Totals;
        var summary = totals.Summary();
        _reportComplete = true;
        if (reporter.Writer is { } writer)
        {
            writer.Finish(summary);
            return totals.ExitCode(request.Mode);
        }

        if (reporter.Quiet)
        {
            return totals.ExitCode(request.Mode);
        }

        Tell(totals.ChangedFiles == 0
            ? "mtalint: no fixes to apply"
            : $"mtalint: would fix {totals.Proposed} finding{(totals.Proposed == 1 ? string.Empty : "s")} in {totals.ChangedFiles} file{(totals.ChangedFiles == 1 ? string.Empty : "s")} (apply with --fix{(request.UnsafeFixes ? " --unsafe-fixes" : string.Empty)})");
        return totals.ExitCode(request.Mode);
    }

    /// <summary>The unit's files and those read because they include each other, in reading order.</summary>
    private static IReadOnlyList<string> UnitFiles(ConfigUnit unit, UnitOutcome outcome)
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

    private void WriteDiff(UnitOutcome outcome, IReadOnlyList<Diagnostic> diagnostics, TreeRedaction redaction, IEnumerable<SourceFile> read, bool color)
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

            if (!color && _output is StreamWriter { BaseStream: var raw })
            {
                // The patch in the file's own bytes (a Latin-1 file stays Latin-1), so git apply and patch accept it.
                _output.Flush();
                raw.Write(UnifiedDiff.CreatePatch(change.Before, change.After));
                continue;
            }

            // A terminal (colour) or a text writer: the diff as text, for reading.
            var diff = UnifiedDiff.Create(change.Before.Path, change.Before.Text, change.After.Text);
            if (!color)
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
}
