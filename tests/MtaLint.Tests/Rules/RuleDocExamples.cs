using System.Text.RegularExpressions;

namespace MtaLint.Tests.Rules;

/// <summary>One file of a rule doc example: a fenced block with the info string <c>&lt;dialect&gt; &lt;bad|good&gt; &lt;file name&gt;</c>.</summary>
internal sealed record ExampleFile(string Dialect, bool Bad, string FileName, string Text, int Line);

/// <summary>The blocks under one <c>###</c> heading of a rule doc's Examples section.</summary>
internal sealed record RuleDocExample(string Heading, IReadOnlyList<ExampleFile> Files)
{
    public IEnumerable<ExampleFile> BadFiles => Files.Where(f => f.Bad);

    public IEnumerable<ExampleFile> GoodFiles => Files.Where(f => !f.Bad);
}

/// <summary>Reads the examples of a rule doc.</summary>
internal static partial class RuleDocExamples
{
    public static IReadOnlyList<RuleDocExample> Parse(string markdown)
    {
        var lines = markdown.Replace("\r\n", "\n").Split('\n');
        var examples = new List<RuleDocExample>();
        string? heading = null;
        var files = new List<ExampleFile>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].StartsWith("## ", StringComparison.Ordinal) || lines[i].StartsWith("### ", StringComparison.Ordinal))
            {
                Flush();
                heading = lines[i].StartsWith("### ", StringComparison.Ordinal) ? lines[i][4..].Trim() : null;
                continue;
            }

            if (!lines[i].StartsWith("```", StringComparison.Ordinal))
            {
                continue;
            }

            var info = InfoString().Match(lines[i][3..].Trim());
            var start = i + 1;
            var end = start;
            while (end < lines.Length && !lines[end].StartsWith("```", StringComparison.Ordinal))
            {
                end++;
            }

            if (info.Success)
            {
                if (heading is null)
                {
                    throw new FormatException($"line {i + 1}: an example block must be under a ### heading");
                }

                var text = string.Concat(lines[start..end].Select(l => l + "\n"));
                files.Add(new ExampleFile(info.Groups["dialect"].Value, info.Groups["kind"].Value == "bad", info.Groups["file"].Value, text, i + 1));
            }

            i = end;
        }

        Flush();
        return examples;

        void Flush()
        {
            if (heading is not null && files.Count > 0)
            {
                examples.Add(new RuleDocExample(heading, files.ToArray()));
            }

            files.Clear();
        }
    }

    [GeneratedRegex(@"^(?<dialect>[a-z][a-z0-9-]*) (?<kind>bad|good) (?<file>\S+)$")]
    private static partial Regex InfoString();
}
