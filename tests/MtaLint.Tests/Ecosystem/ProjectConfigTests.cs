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
        Assert.True(config.IsDisabledFor("/repo/main.cf", "MTA107"));
    }

    [Theory]
    [InlineData("disable: [MTA107]\nseverty: {MTA101: error}\n", 2, 1, "unknown setting 'severty' (did you mean 'severity'?)")]
    [InlineData("disable: [MTA107, MTA999]\n", 1, 19, "unknown rule 'MTA999'")]
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
