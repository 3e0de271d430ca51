using System.CommandLine;
using MtaLint.Rules;

namespace MtaLint.Cli;

/// <summary><c>mtalint rules</c> (the catalog) and <c>mtalint explain ID</c> (one rule's doc).</summary>
internal static class RuleCommands
{
    public static Command CreateRules(TextWriter stdout)
    {
        var command = new Command("rules", "List every rule: id, name, default severity, MTAs, fix");
        command.SetAction(_ =>
        {
            var rows = RuleDocs.ById.Values.Select(m => new[]
            {
                m.Id, m.Name, SeverityName(m.DefaultSeverity), string.Join(",", m.Mtas), m.Fix + (m.EnabledByDefault ? string.Empty : " (off by default)"), m.Summary,
            }).ToList();
            rows.Insert(0, ["ID", "NAME", "SEVERITY", "MTAS", "FIX", "SUMMARY"]);
            var widths = Enumerable.Range(0, 5).Select(c => rows.Max(r => r[c].Length)).ToArray();
            foreach (var row in rows)
            {
                stdout.WriteLine(string.Join("  ", row.Take(5).Select((cell, c) => cell.PadRight(widths[c]))) + "  " + row[5]);
            }

            return ExitCodes.Clean;
        });
        return command;
    }

    public static Command CreateExplain(TextWriter stdout, TextWriter stderr)
    {
        var id = new Argument<string>("ID") { Description = "A rule id (MTA101) or name (banner-version)" };
        id.CompletionSources.Add(_ => RuleDocs.ById.Values.SelectMany(m => new[] { m.Id, m.Name }).Select(text => new System.CommandLine.Completions.CompletionItem(text)));
        var command = new Command("explain", "Print a rule's documentation: what it checks, why, examples");
        command.Arguments.Add(id);
        command.SetAction(result =>
        {
            var wanted = result.GetValue(id)!;
            var names = Policy.RuleNames.Documented;
            if (names.IdOf(wanted) is not { } found)
            {
                var suggestion = names.DidYouMean(wanted);
                stderr.WriteLine($"mtalint: unknown rule '{wanted}'{(suggestion is null ? string.Empty : $"; did you mean {suggestion}?")} ('mtalint rules' lists them)");
                return ExitCodes.Error;
            }

            var meta = RuleDocs.ById[found];
            stdout.Write(StripFrontMatter(meta.Markdown).Trim('\n', '\r'));
            stdout.WriteLine();
            stdout.WriteLine();
            stdout.WriteLine($"Severity: {SeverityName(meta.DefaultSeverity)}. Fix: {meta.Fix}. MTAs: {string.Join(", ", meta.Mtas)}.");
            return ExitCodes.Clean;
        });
        return command;
    }

    private static string SeverityName(Severity s) => s switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        _ => "info",
    };

    private static string StripFrontMatter(string markdown)
    {
        var text = markdown.Replace("\r\n", "\n");
        if (!text.StartsWith("---\n", StringComparison.Ordinal))
        {
            return text;
        }

        var end = text.IndexOf("\n---", 4, StringComparison.Ordinal);
        if (end < 0)
        {
            return text;
        }

        var after = text.IndexOf('\n', end + 4);
        return after < 0 ? string.Empty : text[(after + 1)..];
    }
}
