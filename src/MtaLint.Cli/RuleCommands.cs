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
        var command = new Command("explain", "Print a rule's documentation: what it checks, why, examples");
        command.Arguments.Add(id);
        command.SetAction(result =>
        {
            var wanted = result.GetValue(id)!;
            var meta = RuleDocs.ById.Values.FirstOrDefault(m =>
                string.Equals(m.Id, wanted, StringComparison.OrdinalIgnoreCase) || string.Equals(m.Name, wanted, StringComparison.OrdinalIgnoreCase));
            if (meta is null)
            {
                var suggestion = Closest(wanted, RuleDocs.ById.Values.SelectMany(m => new[] { m.Id, m.Name }));
                stderr.WriteLine($"mtalint: unknown rule '{wanted}'{(suggestion is null ? string.Empty : $"; did you mean {suggestion}?")} ('mtalint rules' lists them)");
                return ExitCodes.Error;
            }

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

    private static string? Closest(string wanted, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var d = Distance(wanted.ToUpperInvariant(), candidate.ToUpperInvariant());
            if (d < bestDistance)
            {
                bestDistance = d;
                best = candidate;
            }
        }

        return bestDistance <= Math.Max(2, wanted.Length / 3) ? best : null;
    }

    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            previous = current;
        }

        return previous[b.Length];
    }
}
