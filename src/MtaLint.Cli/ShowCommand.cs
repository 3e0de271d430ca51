using System.CommandLine;
using MtaLint.Engine;
using MtaLint.Reporting;
using MtaLint.Rules;
using MtaLint.Text;
using MtaLint.Workspace;

namespace MtaLint.Cli;

/// <summary><c>mtalint show PATH...</c>: the common model as extracted, for checking what mtalint read.</summary>
internal sealed class ShowCommand(CommonOptions common, TextWriter stdout, TextWriter stderr)
{
    private readonly Argument<string[]> _paths = new("PATH")
    {
        Description = "Config files or folders",
        Arity = ArgumentArity.OneOrMore,
    };

    private readonly Option<string> _format = new("--format")
    {
        Description = "text (for people) or json (settings, banner raw and rendered, services)",
        HelpName = string.Join("|", ModelWriter.Formats),
        DefaultValueFactory = _ => "text",
    };

    public Command Create()
    {
        var command = new Command("show", "Print what mtalint read: effective settings, banner (raw and as clients see it), TLS, AUTH, VRFY and relaying per service");
        _format.AcceptOnlyFromAmong(ModelWriter.Formats.ToArray());
        command.Arguments.Add(_paths);
        command.Options.Add(_format);
        command.SetAction(Execute);
        return command;
    }

    private int Execute(ParseResult result)
    {
        if (common.ReadAnalysisOptions(result, stderr) is not { } options)
        {
            return ExitCodes.Error;
        }

        var paths = result.GetValue(_paths)!;
        var discovery = new InputDiscovery(common.Dialects, common.ForcedDialect(result), options: options).Discover(paths);
        var tree = new TreeRedaction(LintedTree.ForRun(paths, discovery.Units.SelectMany(u => u.Paths), options.Root));
        var failed = false;
        foreach (var problem in discovery.Problems)
        {
            Error($"{EscapedPath.Of(problem.Path)}: error[{Linter.SyntaxErrorId}] {problem.Message}");
            failed = true;
        }

        var writer = ModelWriter.Create(result.GetValue(_format)!, stdout);
        foreach (var unit in discovery.Units)
        {
            var inputs = UnitProcessor.ReadUnit(unit, out var unreadable);
            if (unreadable.Count > 0)
            {
                foreach (var d in unreadable)
                {
                    Error($"{EscapedPath.Of(d.Path)}: error[{d.RuleId}] {d.Message}");
                }

                failed = true;
                continue;
            }

            var files = inputs.Select(i => i.Source).ToArray();
            var analysis = unit.Dialect.Analyze(files[..unit.Paths.Count], options with { Included = files[unit.Paths.Count..] });
            SourceFile[] read = [.. files, .. analysis.Included];

            // The errors as findings, so that one in a file outside the linted tree shows its position only.
            var errors = analysis.Errors.Select(e => new Diagnostic(Linter.SyntaxErrorId, "syntax-error", Severity.Error, Finding.At(e.Location, e.Message))).ToArray();
            foreach (var error in tree.Apply(new UnitReport(unit.Files, errors, []), read).Diagnostics)
            {
                Error($"{EscapedPath.Of(error.Path)}:{error.Start}: error[{Linter.SyntaxErrorId}] {error.Message}");
                failed = true;
            }

            if (analysis.Config is { } config)
            {
                writer.Write(unit.Files.Union(config.Files.Select(f => f.Path)).ToArray(), unit.Dialect.Name, config, ModelRedaction.For(config, tree, read));
            }
        }

        writer.Finish();
        foreach (var skipped in discovery.Skipped)
        {
            Error($"mtalint: note: {skipped.Note}");
        }

        if (discovery.FileCount == 0 && discovery.Problems.Count == 0 && discovery.Skipped.Count == 0)
        {
            stderr.WriteLine("mtalint: no mail server config found");
            return ExitCodes.Error;
        }

        return failed ? ExitCodes.Error : ExitCodes.Clean;
    }

    /// <summary>A line on stderr: it holds text from configs, which must not drive the terminal.</summary>
    private void Error(string line) => stderr.WriteLine(UnsafeChars.Replaced(line));
}
