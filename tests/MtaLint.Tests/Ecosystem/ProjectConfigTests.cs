using MtaLint.Policy;
using MtaLint.Rules;
using MtaLint.Tests.Cli;

namespace MtaLint.Tests.Ecosystem;

public sealed class ProjectConfigTests
{
    private static ProjectConfigException Error(string yaml) =>
        Assert.Throws<ProjectConfigException>(() => ProjectConfigReader.Parse("/repo/.mtalint.yaml", yaml));

    [Fact]
    public void Reads_every_setting()
    {
        var config = ProjectConfigReader.Parse("/repo/.mtalint.yaml", """
            disable: [MTA107]
            enable: [mta305]
            severity:
              MTA101: error
              MTA102: info
            fail-on: error
            exclude: ["legacy/**", "*.orig"]
            per-file:
              "conf.d/*": {disable: [MTA105]}
            hostname: mx.example.org
            banner:
              template: "$myhostname ESMTP"
              forbid: [Postfix, Debian]
              require: [ESMTP]
            """);
        Assert.Equal(["MTA107"], config.Disable);
        Assert.Equal(["MTA305"], config.Enable);
        Assert.Equal(Severity.Error, config.Severities["MTA101"]);
        Assert.Equal(Severity.Info, config.Severities["MTA102"]);
        Assert.Equal("error", config.FailOn);
        Assert.Equal("mx.example.org", config.Hostname);
        Assert.Equal("$myhostname ESMTP", config.Banner.Template);
        Assert.Equal(["Postfix", "Debian"], config.Banner.Forbid);
        Assert.True(config.IsExcluded("/repo/legacy/old/main.cf"));
        Assert.True(config.IsExcluded("/repo/a/b/main.cf.orig"));
        Assert.False(config.IsExcluded("/repo/main.cf"));
        Assert.True(config.IsDisabledFor("/repo/conf.d/00_main", "MTA105"));
        Assert.False(config.IsDisabledFor("/repo/conf.d.orig/00_main", "MTA105"));
        Assert.False(config.IsDisabledFor("/repo/main.cf", "MTA105"));
        Assert.False(config.IsDisabledFor("/repo/main.cf", "MTA107")); // disable: selects rules; per-file: is what IsDisabledFor answers
        Assert.Equal(["MTA101", "MTA305"], RuleSelection.Resolve(["MTA101", "MTA107"], config.Selection).Order());
    }

    [Theory]
    [InlineData("disable: [MTA107]\nseverty: {MTA101: error}\n", 2, 1, "unknown setting 'severty' (did you mean 'severity'?)")]
    [InlineData("disable: [MTA107, MTA999]\n", 1, 19, "'MTA999' is not a rule mtalint knows")]
    [InlineData("severity:\n  MTA101: loud\n", 2, 11, "severity 'loud' for MTA101 is not error, warning or info")]
    [InlineData("fail-on: sometimes\n", 1, 10, "fail-on 'sometimes' is not one of error, warning, info, never")]
    [InlineData("disable: MTA107\n", 1, 10, "must be a list of rule ids")]
    [InlineData("per-file:\n  \"*.cf\": {enable: [MTA101]}\n", 2, 12, "unknown per-file setting 'enable'")]
    [InlineData("banner:\n  template: \"\"\n", 2, 13, "the banner template is empty")]
    [InlineData("banner:\n  forbid: Postfix\n", 2, 11, "banner forbid must be a list of words")]
    [InlineData("exclude: [\"[abc\"]\n", 1, 11, "bad glob '[abc'")]
    [InlineData("hostname: mx example\n", 1, 11, "is not a host name")]
    [InlineData("disable: [MTA107\n", 2, 1, "not valid YAML")]
    // YamlDotNet throws InvalidOperationException (not YamlException) here: it was an internal error.
    [InlineData("disable: [MTA206\nseverity: {MTA103: loud}\n", 2, 1, "not valid YAML")]
    [InlineData("- MTA107\n", 1, 1, "must be a mapping of settings")]
    [InlineData("disable: [MTA107]\ndisable: [MTA101]\n", 2, 1, "")]
    public void Mistakes_are_errors_with_line_and_column(string yaml, int line, int column, string message)
    {
        var e = Error(yaml);
        Assert.Equal((line, column), (e.Line, e.Column));
        Assert.Contains(message, e.Problem);
        Assert.StartsWith($"/repo/.mtalint.yaml:{line}:{column}: ", e.Message);
    }

    [Fact]
    public void Rules_are_named_by_id_name_or_prefix_everywhere()
    {
        var config = ProjectConfigReader.Parse("/repo/.mtalint.yaml", """
            disable: [MTA1, vrfy-enabled]
            enable: [banner-os]
            severity:
              Banner-Version: error
            per-file:
              "conf.d/*": {disable: [MTA2]}
            """);
        Assert.Equal(Severity.Error, config.Severities["MTA101"]);
        Assert.Equal(["MTA101", "MTA102", "MTA103"], new[] { "MTA101", "MTA102", "MTA103", "MTA201" }.Where(id => !config.IsDisabledFor("/repo/conf.d/x", id)));
        var on = RuleSelection.Resolve(["MTA101", "MTA102", "MTA103", "MTA201", "MTA301"], config.Selection);
        Assert.Equal(["MTA102", "MTA201"], on.Order()); // the name is narrower than the prefix: it wins
    }

    [Theory]
    [InlineData("disable: [MTA107]\n\tseverity: {MTA101: error}\n", 2, 1, "not valid YAML: a tab in the indentation; YAML indents with spaces only")]
    [InlineData("disable:\n  - MTA107\n \t- MTA101\n", 3, 2, "not valid YAML: a tab in the indentation")]
    [InlineData("disable: [mta1o7]\n", 1, 11, "'mta1o7' is not a rule mtalint knows; did you mean MTA107 (banner-personal)?")]
    [InlineData("severity:\n  bannerr-os: error\n", 2, 3, "'bannerr-os' is not a rule mtalint knows; did you mean MTA102 (banner-os)?")]
    [InlineData("severity:\n  MTA1: error\n", 2, 3, "'MTA1' names 10 rules; give a severity to one rule at a time")]
    [InlineData("severity:\n  mta101: loud\n", 2, 11, "severity 'loud' for mta101 is not error, warning or info")]
    [InlineData("disable: [banner-os]\nenable: [MTA102]\n", 2, 10, "'MTA102' is both enabled and disabled (disable: lists 'banner-os' on line 1)")]
    public void Mistakes_quote_the_text_as_written_and_point_at_its_line(string yaml, int line, int column, string message)
    {
        var e = Error(yaml);
        Assert.Equal((line, column), (e.Line, e.Column));
        Assert.StartsWith(message, e.Problem);
    }

    [Fact]
    public void An_empty_file_is_the_default_policy()
    {
        var config = ProjectConfigReader.Parse("/repo/.mtalint.yaml", "# nothing yet\n");
        Assert.Empty(config.Disable);
        Assert.True(config.Banner.IsEmpty);
    }

    [Fact]
    public void Cli_reports_a_bad_config_with_position_and_exit_2_before_any_output()
    {
        using var dir = new TempDir();
        dir.Write("main.fake", "x = bad\n");
        dir.Write(".mtalint.yaml", "disable: [MTA901]\nseverity:\n  MTA901: fatal\n");
        var result = CliRunner.Run(dir.Path);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal(string.Empty, result.Stdout);
        Assert.Equal($"{dir.File(".mtalint.yaml")}:3:11: error: severity 'fatal' for MTA901 is not error, warning or info\n", result.Stderr);
    }

    [Fact]
    public void Config_is_found_in_a_parent_folder_and_disables_rules()
    {
        using var dir = new TempDir();
        dir.Write("etc/postfix/main.fake", "x = bad\ntls = on\n");
        Assert.Equal(1, CliRunner.Run(dir.File("etc/postfix/main.fake")).ExitCode);
        dir.Write(".mtalint.yaml", "disable: [MTA901]\n");
        var result = CliRunner.Run(dir.File("etc/postfix/main.fake"));
        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain("MTA901", result.Stdout);
    }

    [Fact]
    public void Explicit_config_wins_and_a_missing_one_is_an_error()
    {
        using var dir = new TempDir();
        dir.Write("main.fake", "x = bad\ntls = on\n");
        dir.Write("policy/strict.yaml", "severity: {MTA901: info}\nfail-on: warning\n");
        var result = CliRunner.Run(dir.File("main.fake"), "--config", dir.File("policy/strict.yaml"), "--format", "json");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("\"severity\": \"info\"", result.Stdout);
        var missing = CliRunner.Run(dir.File("main.fake"), "--config", dir.File("nope.yaml"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("nope.yaml:1:1: error: no such config file", missing.Stderr);
    }

    [Fact]
    public void Fail_on_from_the_config_unless_given_on_the_command_line()
    {
        using var dir = new TempDir();
        dir.Write("main.fake", "x = bad\ntls = on\n");
        dir.Write(".mtalint.yaml", "fail-on: error\n");
        Assert.Equal(0, CliRunner.Run(dir.File("main.fake")).ExitCode);
        Assert.Equal(1, CliRunner.Run(dir.File("main.fake"), "--fail-on", "warning").ExitCode);
    }

    [Fact]
    public void Per_file_globs_and_excludes_apply_relative_to_the_config()
    {
        using var dir = new TempDir();
        dir.Write("a/main.fake", "x = bad\ntls = on\n");
        dir.Write("b/main.fake", "x = bad\ntls = on\n");
        dir.Write("old/main.fake", "x = bad\ntls = on\n");
        dir.Write(".mtalint.yaml", "exclude: [old]\nper-file:\n  \"a/*.fake\": {disable: [MTA901]}\n");
        var result = CliRunner.Run(dir.Path, "--format", "json");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("b/main.fake", result.Stdout);
        Assert.DoesNotContain("a/main.fake", result.Stdout);
        Assert.DoesNotContain("old/main.fake", result.Stdout);
        Assert.Contains("\"files\": 2", result.Stdout);
    }

    [Theory]
    [InlineData("main.cf", "main.cf", true)]
    [InlineData("main.cf", "etc/postfix/main.cf", true)]
    [InlineData("etc/*.cf", "etc/main.cf", true)]
    [InlineData("etc/*.cf", "etc/postfix/main.cf", false)]
    [InlineData("etc/**/*.cf", "etc/postfix/main.cf", true)]
    [InlineData("etc/**/*.cf", "etc/main.cf", true)]
    [InlineData("conf.d", "conf.d/main/00_local", true)]
    [InlineData("*.m[ac]", "x/sendmail.mc", true)]
    [InlineData("*.m[!c]", "x/sendmail.mc", false)]
    [InlineData("mai?.cf", "main.cf", true)]
    [InlineData("mai?.cf", "mai/.cf", false)]
    public void Glob_semantics(string pattern, string path, bool matches) => Assert.Equal(matches, new Glob(pattern).IsMatch(path));
}
