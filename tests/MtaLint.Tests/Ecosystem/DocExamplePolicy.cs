using MtaLint.Engine;
using MtaLint.Model;
using MtaLint.Policy;
using MtaLint.Rules;
using MtaLint.Rules.Banners;

namespace MtaLint.Tests.Ecosystem;

/// <summary>
/// How a rule doc example is linted when its rule lives in the policy stage: MTA001/MTA002 judge
/// suppression comments (so every rule runs, and only their own findings are kept), and MTA110 takes
/// its banner policy from the example's <c>yaml policy .mtalint.yaml</c> block.
/// </summary>
internal static class DocExamplePolicy
{
    public static bool IsPolicyStageRule(string id) => id is InlineSuppressions.UnusedId or InlineSuppressions.InvalidId;

    /// <summary>The linter for one example: only <paramref name="id"/>'s findings, after the policy stage.</summary>
    public static Linter LinterFor(string id, IRule? rule, string markdown, string heading, AnalysisOptions options)
    {
        var config = Config(markdown, heading);
        var rules = IsPolicyStageRule(id)
            ? RuleSet.Default
            : new RuleSet([rule is Mta110BannerPolicy ? new Mta110BannerPolicy(config.Banner) : rule!]);
        return new Linter(rules, options, new OnlyRule(id, new PolicyStage(config)));
    }

    /// <summary>The example's <c>.mtalint.yaml</c> (a block with info string <c>yaml policy .mtalint.yaml</c>), or no policy.</summary>
    public static ProjectConfig Config(string markdown, string heading)
    {
        var lines = markdown.Replace("\r\n", "\n").Split('\n');
        var under = false;
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].StartsWith("### ", StringComparison.Ordinal) || lines[i].StartsWith("## ", StringComparison.Ordinal))
            {
                under = lines[i] == "### " + heading;
                continue;
            }

            if (under && lines[i].Trim() == "```yaml policy .mtalint.yaml")
            {
                var end = Array.FindIndex(lines, i + 1, l => l.StartsWith("```", StringComparison.Ordinal));
                var text = string.Concat(lines[(i + 1)..end].Select(l => l + "\n"));
                return ProjectConfigReader.Parse(Path.Combine(Path.GetTempPath(), ProjectConfig.FileName), text);
            }
        }

        return ProjectConfig.Empty(Path.GetTempPath());
    }

    private sealed class OnlyRule(string id, IDiagnosticFilter inner) : IDiagnosticFilter
    {
        public IReadOnlyList<Diagnostic> Filter(LintResult result, RuleSet rules) =>
            inner.Filter(result, rules).Where(d => d.RuleId == id || d.RuleId == Linter.SyntaxErrorId).ToArray();
    }
}
