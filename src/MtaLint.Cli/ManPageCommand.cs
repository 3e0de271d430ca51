using System.CommandLine;
using System.Text;
using MtaLint.Rules;

namespace MtaLint.Cli;

/// <summary>
/// <c>mtalint man</c> (hidden): the mtalint(1) manual page in roff, made from the same option, command
/// and rule definitions that <c>--help</c> and <c>mtalint rules</c> print, so the page the .deb installs
/// cannot drift from the binary beside it (scripts/package-deb.sh runs it on the binary it packs).
/// </summary>
internal static class ManPageCommand
{
    public static Command Create(RootCommand root, TextWriter stdout)
    {
        var command = new Command("man", "Print the mtalint(1) manual page (roff)") { Hidden = true };
        command.SetAction(_ =>
        {
            stdout.Write(Page(root));
            return ExitCodes.Clean;
        });
        return command;
    }

    public static string Page(RootCommand root)
    {
        var page = new StringBuilder();
        var release = MtaLint.Reporting.ToolInfo.Release(Cli.Version);
        page.Append($".TH MTALINT 1 \"\" \"mtalint {release}\" \"User Commands\"\n");
        page.Append(".SH NAME\nmtalint \\- lint and fix mail server configs (Postfix, Exim, Sendmail)\n");
        page.Append(".SH SYNOPSIS\n.B mtalint\n[\\fIOPTION\\fR]... [\\fIPATH\\fR]...\n");
        foreach (var sub in Visible(root.Subcommands))
        {
            var arguments = Arguments(sub);
            page.Append($".br\n.B mtalint {Roff(sub.Name)}\n").Append(arguments.Length > 0 ? arguments + "\n" : string.Empty);
        }

        var description = (root.Description ?? string.Empty).Replace("mtalint: ", string.Empty, StringComparison.Ordinal);
        page.Append(".SH DESCRIPTION\n").Append(Text(char.ToUpperInvariant(description[0]) + description[1..])).Append('\n');
        page.Append(Text("With no PATH, the current folder is linted. Folders are walked in sorted order; a file is taken when a dialect recognises its name (main.cf, master.cf, exim4.conf, conf.d/, *.mc...) or, for ambiguous names, its content. Files that belong together (a main.cf and the master.cf beside it, a conf.d/ tree) are read as one config.")).Append('\n');
        page.Append(".SH OPTIONS\n");
        AppendOptions(page, root.Options);
        page.Append(".SH COMMANDS\n");
        foreach (var sub in Visible(root.Subcommands))
        {
            page.Append($".TP\n.B mtalint {Roff(sub.Name)} {Arguments(sub)}\n{Text(sub.Description ?? string.Empty)}\n");
            var own = sub.Options.Where(o => !o.Hidden && !root.Options.Contains(o)).ToArray();
            if (own.Length > 0)
            {
                page.Append(".RS\n");
                AppendOptions(page, own);
                page.Append(".RE\n");
            }
        }

        page.Append(".SH RULES\nEach rule's documentation is printed by \\fBmtalint explain\\fR \\fIID\\fR.\n");
        foreach (var rule in RuleDocs.ById.Values)
        {
            var severity = rule.DefaultSeverity.ToString().ToLowerInvariant();
            var off = rule.EnabledByDefault ? string.Empty : ", off by default";
            page.Append($".TP\n\\fB{Roff(rule.Id)}\\fR {Roff(rule.Name)} ({severity}; {Roff(string.Join(", ", rule.Mtas))}; fix: {Roff($"{rule.Fix}")}{off})\n{Text(rule.Summary)}\n");
        }

        var (examples, exit) = SplitExamples();
        page.Append(".SH EXAMPLES\n.nf\n").Append(string.Join('\n', examples.Select(Literal))).Append("\n.fi\n");
        page.Append(".SH EXIT STATUS\n.nf\n").Append(string.Join('\n', exit.Select(Literal))).Append("\n.fi\n");
        page.Append(".SH SEE ALSO\n\\fBpostconf\\fR(5), \\fBexim4\\fR(8), \\fBsendmail\\fR(8)\n");
        return page.ToString();
    }

    private static IEnumerable<Command> Visible(IEnumerable<Command> commands) => commands.Where(c => !c.Hidden);

    private static void AppendOptions(StringBuilder page, IEnumerable<Option> options)
    {
        foreach (var option in options.Where(o => !o.Hidden))
        {
            // System.CommandLine's Windows-style help aliases (/?, /h) are no Unix options.
            var names = new[] { option.Name }.Concat(option.Aliases.Where(a => a.StartsWith('-')).Order(StringComparer.Ordinal))
                .Select(n => $"\\fB{Roff(n)}\\fR");
            var value = option.HelpName is { } name ? $" \\fI{Roff(name)}\\fR" : string.Empty;
            page.Append($".TP\n{string.Join(", ", names)}{value}\n{Text(option.Description ?? string.Empty)}\n");
        }
    }

    private static string Arguments(Command command) =>
        string.Join(' ', command.Arguments.Where(a => !a.Hidden).Select(a =>
            a.Arity.MaximumNumberOfValues > 1 ? $"\\fI{Roff(a.Name)}\\fR..." : $"\\fI{Roff(a.Name)}\\fR"));

    /// <summary>The examples of <c>--help</c>, and its exit codes paragraph.</summary>
    private static (string[] Examples, string[] Exit) SplitExamples()
    {
        var lines = Cli.Examples.Replace("\r\n", "\n").Trim('\n').Split('\n').Select(l => l.TrimEnd()).ToList();
        var exitAt = lines.FindIndex(l => l.StartsWith("Exit codes:", StringComparison.Ordinal));
        var examples = lines.Take(exitAt).SkipWhile(l => l.StartsWith("Examples:", StringComparison.Ordinal)).ToList();
        while (examples.Count > 0 && examples[^1].Length == 0)
        {
            examples.RemoveAt(examples.Count - 1);
        }

        return (examples.Select(l => l.StartsWith("  ", StringComparison.Ordinal) ? l[2..] : l).ToArray(), lines.Skip(exitAt).ToArray());
    }

    /// <summary>Running text: roff escapes, and no line may start with a control character.</summary>
    private static string Text(string text) => string.Join('\n', text.Split('\n').Select(Line));

    /// <summary>A line kept as it is (in .nf): escaped, minus signs as minus signs.</summary>
    private static string Literal(string line) => Line(line).Replace("-", "\\-", StringComparison.Ordinal);

    private static string Line(string line)
    {
        var escaped = line.Replace("\\", "\\e", StringComparison.Ordinal);
        return escaped.StartsWith('.') || escaped.StartsWith('\'') ? "\\&" + escaped : escaped;
    }

    /// <summary>A name or token: escaped, its hyphens as minus signs (what a user types).</summary>
    private static string Roff(string token) => token.Replace("\\", "\\e", StringComparison.Ordinal).Replace("-", "\\-", StringComparison.Ordinal);
}
