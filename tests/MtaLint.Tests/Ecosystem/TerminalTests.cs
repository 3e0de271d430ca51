using MtaLint.Cli;
using MtaLint.Tests.Cli;

namespace MtaLint.Tests.Ecosystem;

public sealed class TerminalTests
{
    private const string Text = "x = bad\ny = risky\nz = bad\n";

    [Fact]
    public void Quiet_prints_findings_without_the_summary()
    {
        using var dir = new TempDir();
        dir.Write("main.fake", Text);
        var loud = CliRunner.Run(dir.File("main.fake"));
        var quiet = CliRunner.Run(dir.File("main.fake"), "--quiet");
        Assert.Equal(1, quiet.ExitCode);
        Assert.Contains("warning[MTA901]", quiet.Stdout);
        Assert.Contains("fixable with --fix", loud.Stdout);
        Assert.DoesNotContain("fixable with --fix", quiet.Stdout);
        dir.Write("clean.fake", "tls = on\n");
        Assert.Equal(string.Empty, CliRunner.Run(dir.File("clean.fake"), "-q").Stdout);
    }

    [Fact]
    public void Statistics_counts_per_rule_most_frequent_first()
    {
        using var dir = new TempDir();
        dir.Write("main.fake", Text);
        var result = CliRunner.Run(dir.File("main.fake"), "--statistics");
        Assert.Equal(1, result.ExitCode);
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("4\tMTA901\t[*] MTA901  warning", lines[0]);
        Assert.StartsWith("Found 4 findings in 1 file", lines[^1]);
    }

    [Fact]
    public void Show_fixes_prints_the_diff_of_each_fix_and_lists_applied_fixes()
    {
        using var dir = new TempDir();
        dir.Write("main.fake", "x = bad\ntls = on\n");
        var check = CliRunner.Run(dir.File("main.fake"), "--show-fixes");
        Assert.Contains("-x = bad", check.Stdout);
        Assert.Contains("+x = good", check.Stdout);
        Assert.Contains("@@ -1,2 +1,2 @@", check.Stdout);
        var fix = CliRunner.Run(dir.File("main.fake"), "--fix", "--show-fixes");
        Assert.Contains("Fixed 1 finding:", fix.Stdout);
        Assert.Contains("1 × MTA901 (MTA901)", fix.Stdout);
    }

    [Theory]
    [InlineData("always", false, true)]
    [InlineData("never", true, false)]
    [InlineData("auto", true, true)]
    [InlineData("auto", false, false)]
    public void Color_option_overrides_terminal_detection(string mode, bool terminal, bool expectColor)
    {
        using var dir = new TempDir();
        dir.Write("main.fake", Text);
        var result = CliRunner.Run(CliRunner.FakeHost(terminal: terminal), dir.File("main.fake"), "--color", mode);
        Assert.Equal(expectColor, result.Stdout.Contains('\u001b'));
    }

    [Fact]
    public void Diff_is_coloured_only_when_colour_is_on_and_stays_a_valid_patch_otherwise()
    {
        using var dir = new TempDir();
        dir.Write("main.fake", "x = bad\r\ntls = on\r\n");
        var plain = CliRunner.Run(dir.File("main.fake"), "--diff");
        Assert.DoesNotContain('\u001b', plain.Stdout);
        Assert.Contains("-x = bad\r\n+x = good\r\n", plain.Stdout);
        var colored = CliRunner.Run(dir.File("main.fake"), "--diff", "--color", "always");
        Assert.Contains("\u001b[31m-x = bad\u001b[0m\r\n", colored.Stdout);
        Assert.Contains("\u001b[32m+x = good\u001b[0m\r\n", colored.Stdout);
        Assert.Contains("\u001b[36m@@", colored.Stdout);
    }

    [Fact]
    public void Bad_color_value_is_a_usage_error()
    {
        var result = CliRunner.Run(".", "--color", "sometimes");
        Assert.Equal(2, result.ExitCode);
    }

    [Theory]
    [InlineData("bash", "complete -o default -o bashdefault -F _mtalint_complete mtalint")]
    [InlineData("zsh", "compdef _mtalint_complete mtalint")]
    [InlineData("fish", "complete -c mtalint")]
    public void Completion_scripts_call_the_suggest_directive(string shell, string registration)
    {
        var result = CliRunner.Run("completion", shell);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains(registration, result.Stdout);
        Assert.Contains("[suggest:", result.Stdout);
    }

    [Fact]
    public void Suggest_directive_completes_formats_and_options()
    {
        var formats = CliRunner.Run("[suggest:17]", "mtalint --format ");
        Assert.Equal(["github", "gitlab", "json", "junit", "sarif", "text"], formats.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var options = CliRunner.Run("[suggest:13]", "mtalint --sta");
        Assert.Equal("--statistics", options.Stdout.Trim());
    }

    [Fact]
    public void Help_shows_examples_with_the_ecosystem_options()
    {
        var result = CliRunner.Run("--help");
        Assert.Equal(0, result.ExitCode);
        foreach (var text in new[] { "--format sarif", "--statistics", "--show-fixes", "--config", "--no-inline-ignores", "--color", "--quiet", "mtalint: disable=MTA103", "completion bash" })
        {
            Assert.Contains(text, result.Stdout);
        }
    }
}
