using System.Text.RegularExpressions;
using MtaLint.Tests.Infrastructure;

namespace MtaLint.Tests.Ecosystem;

/// <summary>
/// The version is written once (the tool's project file); the changelog, the README's install steps and
/// pre-commit pin, and the hooks file name the same release, so each works as written.
/// </summary>
public sealed partial class ReleaseTests
{
    private static string Read(string name) => File.ReadAllText(Path.Combine(TestPaths.RepoRoot, name));

    [Fact]
    public void The_changelog_starts_with_this_version()
    {
        var first = ChangelogEntry().Match(Read("CHANGELOG.md"));
        Assert.True(first.Success, "CHANGELOG.md has no '## VERSION' entry");
        Assert.Equal(ReleaseInfo.Version, first.Groups[1].Value);
    }

    [Theory]
    [InlineData("README.md")]
    [InlineData(".pre-commit-hooks.yaml")]
    public void Every_version_the_install_steps_name_is_this_one(string file)
    {
        var named = VersionReference().Matches(Read(file)).Select(m => m.Groups["v"].Value).ToArray();
        Assert.Contains("rev: v" + ReleaseInfo.Version, Read(file));
        Assert.All(named, v => Assert.Equal(ReleaseInfo.Version, v));
    }

    [GeneratedRegex(@"^## (\d+\.\d+\.\d+)", RegexOptions.Multiline)]
    private static partial Regex ChangelogEntry();

    [GeneratedRegex(@"(rev: v|--branch v|--version |release\.sh v|mtalint_|mtalint-|mtalint\.|release/|mtalint )(?<v>\d+\.\d+\.\d+)")]
    private static partial Regex VersionReference();
}
