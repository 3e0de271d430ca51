using MtaLint.Dialects;
using MtaLint.Engine;
using MtaLint.Fixes;
using MtaLint.Model;
using MtaLint.Policy;
using MtaLint.Rules;
using MtaLint.Tests.Cli;
using MtaLint.Workspace;

namespace MtaLint.Tests.FixEffect;

/// <summary>One <c>mtalint --fix PATH...</c>: the findings whose fixes were written, and what went wrong.</summary>
public sealed record FixRun(IReadOnlyList<Diagnostic> Applied, IReadOnlyList<string> Problems, int FilesWritten)
{
    public const string Hostname = "mx.example.com";

    /// <summary>
    /// Runs <c>--fix</c> in-process the way the CLI's lint command does (discovery of the named paths,
    /// the nearest policy, one unit processor per unit, safe fixes only), so the applied findings are at hand.
    /// </summary>
    public static FixRun Apply(IReadOnlyList<string> named)
    {
        var options = new AnalysisOptions(Hostname);
        var discovery = new InputDiscovery(DialectRegistry.All).Discover(named);
        var policies = new PolicyResolver(null, inlineIgnores: true, RuleSet.Default, RuleCatalog.All, options);
        var applied = new List<Diagnostic>();
        var problems = discovery.Problems.Select(p => $"{p.Path}: {p.Message}").ToList();
        var written = 0;
        foreach (var unit in policies.WithoutExcluded(discovery.Units))
        {
            var outcome = new UnitProcessor(policies.For(unit).Linter, RunMode.Fix, unsafeFixes: false).Process(unit);
            applied.AddRange(outcome.Applied);
            problems.AddRange(outcome.Problems.Select(p => $"{p.Path}: {p.Message}"));
            written += outcome.Changes.Count(c => c.Written);
        }

        return new FixRun(applied, problems, written);
    }

    /// <summary>The units <c>--fix PATH...</c> would process, paths relative to <paramref name="root"/>, and the named paths it could not use.</summary>
    public static string UnitsOf(IReadOnlyList<string> named, string root)
    {
        var discovery = new InputDiscovery(DialectRegistry.All).Discover(named);
        return string.Join("\n", discovery.Units.Select(u => u.Dialect.Name + ": " + string.Join(", ", u.Paths.Select(p => Path.GetRelativePath(root, p))))
            .Concat(discovery.Problems.Select(p => "problem: " + Path.GetRelativePath(root, p.Path))));
    }

    /// <summary>The real command line, <c>mtalint --fix PATH...</c>: what a user's hook runs.</summary>
    public static (int ExitCode, string Output) Cli(IReadOnlyList<string> named)
    {
        var result = CliRunner.RunReal(["--fix", "--hostname", Hostname, "--fail-on", "never", .. named]);
        return (result.ExitCode, result.All);
    }
}
