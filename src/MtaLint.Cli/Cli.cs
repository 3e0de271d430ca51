using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Reflection;
using MtaLint.Dialects;
using MtaLint.Model;
using MtaLint.Reporting;

namespace MtaLint.Cli;

/// <summary>
/// The <c>mtalint</c> command line. <see cref="Run"/> is the whole program minus the process:
/// tests call it in-process with their own writers.
/// </summary>
public static class Cli
{
    public const string Examples = """

        Examples:
          mtalint /etc/postfix                    lint a Postfix config folder
          mtalint main.cf master.cf --format json  machine-readable findings
          mtalint /etc/postfix --diff             show the fixes as a unified diff, write nothing
          mtalint /etc/postfix --fix              apply the safe fixes in place
          mtalint --dialect exim -D TLS=1 exim.conf   an Exim config with an odd name and a macro
          mtalint show /etc/postfix/main.cf       what mtalint read: settings, banner, TLS
          mtalint explain MTA102                  why a rule matters and how to fix it
          mtalint probe mx.example.com            check a live server: greeting, STARTTLS, certificate
          mtalint . --format sarif > mtalint.sarif   for GitHub code scanning (also github, junit, gitlab)
          mtalint . --statistics                  a count per rule
          mtalint main.cf --show-fixes            each finding with the diff its fix makes
          mtalint . --select MTA2,banner-os       only these rules (ids, names or prefixes); --ignore, --extend-select
          mtalint --fix - --stdin-filename main.cf < main.cf   fix standard input, print the fixed text
          mtalint . --format json -o report.json  the report into a file, written once the run is complete
          mtalint --config ci/mtalint.yaml .      a central policy instead of the nearest .mtalint.yaml
          eval "$(mtalint completion bash)"       shell completion (bash, zsh, fish)

        Suppress a finding with a comment line before the setting (Sendmail: dnl instead of #):
          # mtalint: disable=MTA103 -- the helpdesk wants the product name

        Exit codes: 0 no finding at or above --fail-on, 1 findings (--diff: changes to make),
                    2 usage error, unreadable or unparsable input, file not written, internal error.
        """;

    /// <summary>
    /// mtalint's informational version, <c>0.2.0+COMMIT</c>: the SDK appends the git commit it built from
    /// (SourceRevisionId) when it builds in a git checkout. Read on first use, since most runs never print it.
    /// </summary>
    public static string Version =>
        field ??= typeof(Cli).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    /// <summary>What <c>--version</c> prints: <c>mtalint 0.2.0 (commit 40-HEX)</c>, or <c>mtalint 0.2.0</c> when built outside git.</summary>
    public static string VersionLine(string informationalVersion)
    {
        var plus = informationalVersion.IndexOf('+');
        return plus < 0
            ? $"mtalint {informationalVersion}"
            : $"mtalint {informationalVersion[..plus]} (commit {informationalVersion[(plus + 1)..]})";
    }

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, CliHost? host = null)
    {
        host ??= new CliHost();
        try
        {
            var code = Dispatch(args, stdout, stderr, host);
            stdout.Flush();
            return code;
        }
        catch (Exception e)
        {
            try
            {
                stdout.Flush();
            }
            catch (IOException)
            {
                // stdout is gone (a closed pipe); the message below still goes to stderr.
            }

            if (args.Contains("--debug"))
            {
                stderr.WriteLine($"mtalint: internal error: {e}");
            }
            else
            {
                stderr.WriteLine($"mtalint: internal error: {e.GetType().Name}: {OneLine(e.Message)} (this is a bug in mtalint; please report it with the command line, and run with --debug for the stack trace)");
            }

            return ExitCodes.Error;
        }
    }

    private static int Dispatch(string[] args, TextWriter stdout, TextWriter stderr, CliHost host)
    {
        var formats = ReportFormats.CreateDefault();
        var root = Build(formats, stdout, stderr, host);
        var result = root.Parse(args);
        if (UnknownOption(root, args) is { } unknown)
        {
            var meant = OptionSuggestions.For(unknown.Split('=', ':')[0], KnownOptions(root));
            stderr.WriteLine(meant is null
                ? $"mtalint: unknown option '{unknown}' (a file whose name starts with '-' goes after '--')"
                : $"mtalint: unknown option '{unknown}'; did you mean '{meant}'?");
            stderr.WriteLine("Run 'mtalint --help' for usage.");
            return ExitCodes.Error;
        }

        if (result.Errors.Count > 0 && result.Action is ParseErrorAction)
        {
            foreach (var error in result.Errors)
            {
                stderr.WriteLine($"mtalint: {error.Message}");
            }

            stderr.WriteLine("Run 'mtalint --help' for usage.");
            return ExitCodes.Error;
        }

        return result.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
    }

    private static RootCommand Build(ReportFormats formats, TextWriter stdout, TextWriter stderr, CliHost host)
    {
        var dialectNames = host.AllDialects.Select(d => d.Name).ToArray();
        var common = new CommonOptions
        {
            Dialects = host.AllDialects,
            Hostname = new Option<string?>("--hostname")
            {
                Description = "Host name to render banners with when the config names none (like postconf -x)",
                HelpName = "NAME",
                Recursive = true,
            },
            Dialect = new Option<string?>("--dialect")
            {
                Description = $"Read every given file as this MTA's config ({string.Join("|", dialectNames)}), for odd file names",
                HelpName = string.Join("|", dialectNames),
                Recursive = true,
            },
            Defines = new Option<string[]>("--define", "-D")
            {
                Description = "Define a macro for Exim configs (like exim -D); repeatable",
                HelpName = "NAME=VALUE",
                Arity = ArgumentArity.ZeroOrMore,
                Recursive = true,
            },
            Debug = new Option<bool>("--debug")
            {
                Description = "Show the stack trace of an internal error",
                Recursive = true,
            },
            Root = new Option<string?>("--root")
            {
                Description = "Where absolute include paths live in this repository: /etc/exim4/x is read as DIR/etc/exim4/x (Exim .include, Sendmail include(), /etc/mailname)",
                HelpName = "DIR",
                Recursive = true,
            },
        };
        common.Dialect.AcceptOnlyFromAmong(dialectNames);

        var root = new RootCommand("mtalint: lint and fix mail server configs (Postfix, Exim, Sendmail): SMTP banner, TLS, VRFY, relaying.");
        root.Options.Add(common.Hostname);
        root.Options.Add(common.Dialect);
        root.Options.Add(common.Defines);
        root.Options.Add(common.Debug);
        root.Options.Add(common.Root);
        var lint = new LintCommand(common, formats, stdout, stderr, host);
        lint.AddTo(root);
        root.Subcommands.Add(new ShowCommand(common, stdout, stderr).Create());
        root.Subcommands.Add(new ProbeCommand(common, formats, stdout, stderr, host).Create());
        root.Subcommands.Add(RuleCommands.CreateRules(stdout));
        root.Subcommands.Add(RuleCommands.CreateExplain(stdout, stderr));
        root.Subcommands.Add(CompletionCommand.Create(stdout));
        root.Subcommands.Add(ManPageCommand.Create(root, stdout));

        var version = root.Options.OfType<VersionOption>().Single();
        version.Action = new PrintVersion();

        var help = root.Options.OfType<HelpOption>().Single();
        if (help.Action is HelpAction defaultHelp)
        {
            help.Action = new HelpWithExamples(defaultHelp, root);
        }

        return root;
    }

    /// <summary>
    /// The first argument that looks like an option but is none. PATH takes any token, so without
    /// this a mistyped <c>--fxi</c> would be linted as a missing file instead of reported as a usage error.
    /// </summary>
    private static string? UnknownOption(RootCommand root, string[] args)
    {
        var known = KnownOptions(root);
        foreach (var arg in args)
        {
            if (arg == "--")
            {
                return null;
            }

            if (arg.Length < 2 || arg[0] != '-')
            {
                continue;
            }

            var name = arg.Split('=', ':')[0];
            if (arg == "-")
            {
                continue; // standard input
            }

            if (!known.Contains(name) && !(name.Length > 2 && name[1] != '-' && known.Contains(name[..2])))
            {
                return arg;
            }
        }

        return null;
    }

    /// <summary>Every option name and alias of the command line, subcommands' included.</summary>
    private static HashSet<string> KnownOptions(RootCommand root)
    {
        var known = new HashSet<string>(StringComparer.Ordinal);
        void Collect(Command command)
        {
            foreach (var option in command.Options)
            {
                known.Add(option.Name);
                known.UnionWith(option.Aliases);
            }

            foreach (var sub in command.Subcommands)
            {
                Collect(sub);
            }
        }

        Collect(root);
        return known;
    }

    internal static string OneLine(string text) => text.ReplaceLineEndings(" ");

    /// <summary>mtalint's own version (the default action names the entry assembly, which is the test host in tests).</summary>
    private sealed class PrintVersion : SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            parseResult.InvocationConfiguration.Output.WriteLine(VersionLine(Version));
            return ExitCodes.Clean;
        }
    }

    /// <summary>The default help, then the examples and exit codes (for the top-level command only).</summary>
    private sealed class HelpWithExamples(HelpAction inner, RootCommand root) : SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            var code = inner.Invoke(parseResult);
            if (ReferenceEquals(parseResult.CommandResult.Command, root))
            {
                parseResult.InvocationConfiguration.Output.Write(Examples.TrimStart('\n', '\r'));
                parseResult.InvocationConfiguration.Output.WriteLine();
            }

            return code;
        }
    }
}

/// <summary>Options shared by the lint run and <c>show</c>.</summary>
internal sealed class CommonOptions
{
    public required Option<string?> Hostname { get; init; }

    public required Option<string?> Dialect { get; init; }

    public required Option<string[]> Defines { get; init; }

    public required Option<bool> Debug { get; init; }

    public required Option<string?> Root { get; init; }

    /// <summary>Reads <c>--hostname</c> and <c>--define</c>; a malformed define is a usage error.</summary>
    public AnalysisOptions? ReadAnalysisOptions(ParseResult result, TextWriter stderr)
    {
        var defines = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var define in result.GetValue(Defines) ?? [])
        {
            var equals = define.IndexOf('=');
            var name = equals < 0 ? define : define[..equals];
            if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                stderr.WriteLine($"mtalint: --define '{define}' is not NAME=VALUE (a name of letters, digits and '_')");
                return null;
            }

            defines[name] = equals < 0 ? string.Empty : define[(equals + 1)..];
        }

        var hostname = result.GetValue(Hostname);
        if (hostname is not null && (hostname.Length == 0 || hostname.Any(char.IsWhiteSpace)))
        {
            stderr.WriteLine($"mtalint: --hostname '{hostname}' is not a host name");
            return null;
        }

        var root = result.GetValue(Root);
        if (root is not null && !Directory.Exists(root))
        {
            stderr.WriteLine($"mtalint: --root '{root}' is not a folder");
            return null;
        }

        return new AnalysisOptions(hostname, defines.Count > 0 ? defines : null) { Root = root is null ? null : Path.GetFullPath(root) };
    }

    public required IReadOnlyList<IDialect> Dialects { get; init; }

    public IDialect? ForcedDialect(ParseResult result) =>
        result.GetValue(Dialect) is { } name ? Dialects.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase)) : null;
}
