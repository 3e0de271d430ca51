using System.CommandLine;
using MtaLint.Fixes;
using MtaLint.Policy;
using MtaLint.Reporting;
using MtaLint.Rules;

namespace MtaLint.Cli;

/// <summary>
/// <c>mtalint [PATH...]</c>: lint, <c>--fix</c> or <c>--diff</c>, report in a format, exit per <c>--fail-on</c>.
/// The command holds the options; each invocation is a <see cref="LintRun"/> of its own.
/// </summary>
internal sealed class LintCommand(CommonOptions common, ReportFormats formats, TextWriter stdout, TextWriter stderr, CliHost host)
{
    public static readonly string[] FailOnLevels = ["error", "warning", "info", "never"];

    internal Argument<string[]> Paths { get; } = new("PATH")
    {
        Description = "Config files or folders to lint (folders are walked; default: the current folder)",
        Arity = ArgumentArity.ZeroOrMore,
    };

    internal Option<bool> Fix { get; } = new("--fix") { Description = "Apply safe fixes in place (atomic write; mode, encoding, BOM and line endings kept)" };

    internal Option<bool> UnsafeFixes { get; } = new("--unsafe-fixes") { Description = "Also apply (or show) fixes that change behaviour a setup may rely on" };

    internal Option<bool> Diff { get; } = new("--diff") { Description = "Print the fixes as a unified diff and write nothing (exit 1 when there is a change)" };

    internal Option<string> Format { get; } = new("--format")
    {
        Description = "Output format",
        DefaultValueFactory = _ => "text",
    };

    internal Option<string> FailOn { get; } = new("--fail-on")
    {
        Description = "Lowest severity that makes the exit code 1",
        DefaultValueFactory = _ => "warning",
    };

    internal Option<string?> Config { get; } = new("--config")
    {
        Description = "Policy file to use instead of the nearest .mtalint.yaml (searched in each path's folder and its parents)",
        HelpName = "FILE",
    };

    internal Option<bool> NoInlineIgnores { get; } = new("--no-inline-ignores")
    {
        Description = "Ignore '# mtalint: disable=...' comments in configs: only the central policy counts",
    };

    public static readonly string[] ColorModes = ["auto", "always", "never"];

    internal Option<bool> NoTemplates { get; } = new("--no-templates")
    {
        Description = "Skip Postfix templates (main.cf.j2, master.cf.erb, main.cf.epp, Salt's main.cf with Jinja markers); they are linted by default",
    };

    internal Option<bool> NoTemplateDefaults { get; } = new("--no-template-defaults")
    {
        Description = "Judge template expressions as unknown even where the role's defaults/main.yml or vars/main.yml gives their value",
    };

    /// <summary>Templates are linted by default now: kept, hidden, so that hooks written for older versions still run.</summary>
    internal Option<bool> IncludeTemplates { get; } = new("--include-templates")
    {
        Description = "Accepted and ignored: templates are linted by default (--no-templates skips them)",
        Hidden = true,
    };

    internal Option<bool> FollowSymlinks { get; } = new("--follow-symlinks")
    {
        Description = "In a folder, also lint (and fix) files whose symlinks lead out of the folder; skipped with a note by default",
    };

    internal Option<bool> SkipUnrecognized { get; } = new("--skip-unrecognized")
    {
        Description = "Skip named files that are no mail server config by name or content, as a folder walk does, instead of failing (for pre-commit, whose files pattern cannot look inside a file)",
    };

    internal Option<bool> Quiet { get; } = new("--quiet", "-q") { Description = "Print the findings only: no summary line, no 'no fixes' note" };

    internal Option<bool> Statistics { get; } = new("--statistics") { Description = "Print a count per rule instead of each finding" };

    internal Option<bool> ShowFixes { get; } = new("--show-fixes") { Description = "Show each fix as a diff under its finding; with --fix, list the fixes applied" };

    internal Option<string> Color { get; } = new("--color")
    {
        Description = "Colour the text output and --diff: auto (a terminal, and NO_COLOR unset), always, never",
        DefaultValueFactory = _ => "auto",
        HelpName = "auto|always|never",
    };

    internal Option<string[]> Select { get; } = new("--select")
    {
        Description = "Run only these rules: ids (MTA102), names (banner-os) or prefixes (MTA1, ALL), comma-separated; replaces what .mtalint.yaml enables and disables",
        HelpName = "RULES",
        Arity = ArgumentArity.OneOrMore,
    };

    internal Option<string[]> ExtendSelect { get; } = new("--extend-select")
    {
        Description = "Also run these rules, on top of the defaults and .mtalint.yaml",
        HelpName = "RULES",
        Arity = ArgumentArity.OneOrMore,
    };

    internal Option<string[]> Ignore { get; } = new("--ignore")
    {
        Description = "Do not run these rules (a narrower --select or --extend-select wins: --ignore MTA1 --extend-select MTA101)",
        HelpName = "RULES",
        Arity = ArgumentArity.OneOrMore,
    };

    internal Option<string?> StdinFilename { get; } = new("--stdin-filename")
    {
        Description = "Lint standard input (PATH '-') as if it were this file: the name picks the dialect and .mtalint.yaml, and shows in findings; --fix prints the fixed text",
        HelpName = "PATH",
    };

    internal Option<string?> OutputFile { get; } = new("--output-file", "-o")
    {
        Description = "Write the report (or the diff) to this file instead of standard output; it is replaced only once the run is complete",
        HelpName = "FILE",
    };

    public void AddTo(RootCommand root)
    {
        Format.HelpName = string.Join("|", formats.Names);
        Format.Description = "Output format: " + string.Join(", ", formats.All.Select(f => $"{f.Name} ({f.Description})"));
        Format.AcceptOnlyFromAmong(formats.Names.ToArray());
        FailOn.HelpName = string.Join("|", FailOnLevels);
        FailOn.AcceptOnlyFromAmong(FailOnLevels);
        root.Arguments.Add(Paths);
        root.Options.Add(Fix);
        root.Options.Add(UnsafeFixes);
        root.Options.Add(Diff);
        root.Options.Add(Format);
        root.Options.Add(FailOn);
        root.Options.Add(Config);
        root.Options.Add(NoInlineIgnores);
        Color.AcceptOnlyFromAmong(ColorModes);
        root.Options.Add(NoTemplates);
        root.Options.Add(NoTemplateDefaults);
        root.Options.Add(IncludeTemplates);
        root.Options.Add(FollowSymlinks);
        root.Options.Add(SkipUnrecognized);
        root.Options.Add(Quiet);
        root.Options.Add(Statistics);
        root.Options.Add(ShowFixes);
        root.Options.Add(Color);
        foreach (var option in new[] { Select, ExtendSelect, Ignore })
        {
            // Shell completion offers every rule by id and by name.
            option.CompletionSources.Add(_ => PolicyResolver.NamesOf(host.RuleSet, RuleCatalog.All).Ids
                .SelectMany(id => RuleNames.NameOf(id) is var name && name != id ? [id, name] : new[] { id })
                .Select(text => new System.CommandLine.Completions.CompletionItem(text)));
            root.Options.Add(option);
        }

        root.Options.Add(StdinFilename);
        root.Options.Add(OutputFile);
        root.SetAction(result => new LintRun(this, common, formats, stdout, stderr, host).Execute(result));
    }

    /// <summary>The rules chosen on the command line; null after a usage error on stderr.</summary>
    public RuleSelection? ReadSelection(ParseResult result)
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

        var selection = new RuleSelection(Read(Select), Read(ExtendSelect) ?? [], Read(Ignore) ?? []);
        return failed ? null : selection;
    }

    /// <summary>Why the paths and <c>--stdin-filename</c> do not make a run, or null.</summary>
    public static string? StandardInputMisuse(string[] given, string? stdinName, bool fromStdin) =>
        given.Length > 1 && given.Contains("-") ? "'-' (standard input) is linted on its own: give it as the only PATH"
        : stdinName is not null && !fromStdin ? "--stdin-filename names standard input: give '-' as the only PATH, or no PATH"
        : stdinName is "" or "-" ? $"--stdin-filename '{stdinName}' is not a file name"
        : null;

    /// <summary>
    /// <c>--format</c> says how the report is written, and every option that shapes the report
    /// takes it into account or refuses it: never silently ignored.
    /// </summary>
    public string? FormatConflict(ParseResult result, RunMode mode)
    {
        var format = result.GetValue(Format)!;
        if (result.GetValue(Statistics) && mode == RunMode.Diff)
        {
            return "--statistics counts findings and --diff shows the changes; use one of them";
        }

        if (result.GetValue(Statistics) && !StatisticsFormatter.Formats.Contains(format))
        {
            return $"--statistics is written as text or JSON, not as --format {format}";
        }

        if (mode == RunMode.Diff && format is not ("text" or "json"))
        {
            return $"--diff prints a unified diff, as text or inside --format json; --format {format} has no place for one";
        }

        return null;
    }
}
