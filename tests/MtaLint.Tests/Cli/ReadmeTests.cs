using System.Text.RegularExpressions;
using MtaLint.Tests.Infrastructure;

namespace MtaLint.Tests.Cli;

/// <summary>The README's sample sessions are real: each <c>$ mtalint ...</c> block of "Sample output" is re-run and must print the same.</summary>
public sealed class ReadmeTests
{
    [Fact]
    public void Sample_sessions_in_the_readme_match_a_real_run()
    {
        var readme = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "README.md")).Replace("\r\n", "\n");
        var start = readme.IndexOf("\n## Sample output\n", StringComparison.Ordinal);
        Assert.True(start >= 0, "README has no '## Sample output' section");
        var end = readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        readme = readme[start..(end < 0 ? readme.Length : end)];
        var blocks = Regex.Matches(readme, "```\n\\$ mtalint (?<args>[^\n]*)\n(?<output>.*?)```", RegexOptions.Singleline);
        Assert.NotEmpty(blocks);
        foreach (Match block in blocks)
        {
            var args = block.Groups["args"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(a => a.StartsWith("testdata/", StringComparison.Ordinal) ? Path.Combine(TestPaths.RepoRoot, a) : a)
                .ToArray();
            var r = CliRunner.RunReal(args);
            var root = TestPaths.RepoRoot.TrimEnd('/') + "/";
            var actual = (r.Stdout + r.Stderr)
                .Replace("--- a/" + root.TrimStart('/'), "--- a/")
                .Replace("+++ b/" + root.TrimStart('/'), "+++ b/")
                .Replace(root, string.Empty);
            Assert.Equal(block.Groups["output"].Value, actual);
        }
    }
}
