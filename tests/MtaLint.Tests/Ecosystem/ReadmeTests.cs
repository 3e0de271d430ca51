using System.Text.RegularExpressions;
using MtaLint.Engine;
using MtaLint.Policy;
using MtaLint.Rules;
using MtaLint.Tests.Infrastructure;

namespace MtaLint.Tests.Ecosystem;

/// <summary>The README's ecosystem sections say what the program does.</summary>
public sealed partial class ReadmeTests
{
    private static readonly string Readme = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "README.md"));

    [Fact]
    public void Readme_links_every_rule_doc()
    {
        foreach (var id in RuleDocs.ById.Keys.Where(k => k != Linter.SyntaxErrorId))
        {
            Assert.Contains($"[{id}](rules/{id}.md)", Readme);
        }
    }

    [Fact]
    public void Readme_config_example_is_a_valid_mtalint_yaml()
    {
        var block = ConfigBlock().Match(Readme);
        Assert.True(block.Success, "README has no ```yaml block with disable: and banner:");
        var config = ProjectConfigReader.Parse("/repo/.mtalint.yaml", block.Groups[1].Value);
        Assert.Equal("$myhostname ESMTP", config.Banner.Template);
        Assert.Contains("MTA107", config.Disable);
    }

    [Fact]
    public void Readme_names_every_format_and_hook()
    {
        foreach (var format in MtaLint.Reporting.ReportFormats.CreateDefault().Names)
        {
            Assert.True(Readme.Contains($"`{format}`") || Readme.Contains($"--format {format}"), $"README does not mention --format {format}");
        }

        Assert.Contains("- id: mtalint", Readme);
        Assert.Contains("upload-sarif", Readme);
        Assert.Contains("codequality:", Readme);
        Assert.Contains("dotnet tool install -g", Readme);
        Assert.Contains("schemas/mtalint-report.schema.json", Readme);
    }

    [GeneratedRegex(@"```yaml\n(disable:.*?banner:.*?)```", RegexOptions.Singleline)]
    private static partial Regex ConfigBlock();
}
