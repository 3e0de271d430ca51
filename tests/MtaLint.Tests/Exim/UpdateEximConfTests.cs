using MtaLint.Dialects;
using MtaLint.Syntax.Exim;
using MtaLint.Tests.Cli;
using MtaLint.Text;

namespace MtaLint.Tests.Exim;

/// <summary>
/// update-exim4.conf.conf is shell that update-exim4.conf sources: its assignments are read as sh reads
/// them, anything else is a command mtalint does not run (reported at its line), and a file with an Exim
/// config's name that holds it is read as what it is, not as Exim options.
/// </summary>
public class UpdateEximConfTests
{
    private static ShellAssignments Parse(string text) => ShellAssignments.Parse(new SourceFile("update-exim4.conf.conf", text));

    [Theory]
    [InlineData("a='x ; y'\n", "x ; y")]
    [InlineData("a=\"x $b\"\n", "x B")]
    [InlineData("a=\"x ${b}z\"\n", "x Bz")]
    [InlineData("a='it'\\''s'\n", "it's")]
    [InlineData("a=plain\n", "plain")]
    [InlineData("a=one\\ two\n", "one two")]
    [InlineData("a=\"line \\\ncontinued\"\n", "line continued")]
    [InlineData("export a='x'\n", "x")]
    [InlineData("a=x # a comment\n", "x")]
    [InlineData("a=x#y\n", "x#y")]
    [InlineData("a=\"\\$not \\\"quoted\\\"\"\n", "$not \"quoted\"")]
    [InlineData("a='multi\nline'\n", "multi\nline")]
    [InlineData("a=x; c=y\n", "x")]
    public void Assignments_are_read_as_sh_reads_them(string text, string expected)
    {
        var parsed = Parse("b=B\n" + text);
        Assert.Empty(parsed.Commands);
        Assert.Equal(expected, parsed["a"]);
    }

    [Theory]
    [InlineData("MAIN_TLS_ENABLE = true\n")]
    [InlineData("a=$(hostname)\n")]
    [InlineData("a=`hostname`\n")]
    [InlineData("a=${b:-x}\n")]
    [InlineData("if true; then a=1; fi\n")]
    [InlineData("a='unterminated\n")]
    public void Anything_but_assignments_is_a_command(string text)
    {
        var parsed = Parse(text);
        var command = Assert.Single(parsed.Commands);
        Assert.Equal(1, command.Start.Line);
    }

    [Fact]
    public void Export_of_a_name_alone_sets_nothing_and_is_no_command()
    {
        var parsed = Parse("export MAIN_SMTP_BANNER\ndc_x='1'\n");
        Assert.Empty(parsed.Commands);
        Assert.Equal("1", parsed["dc_x"]);
        Assert.Null(parsed["MAIN_SMTP_BANNER"]);
    }

    [Fact]
    public void A_command_is_reported_at_its_line_and_the_config_is_read_without_it()
    {
        using var dir = new TempDir();
        dir.Write("update-exim4.conf.conf", "dc_eximconfig_configtype='local'\ndc_local_interfaces='127.0.0.1'\nMAIN_TLS_ENABLE = true\n");
        dir.Write("exim4.conf.template", "UPEX4CmacrosUPEX4C = 1\n.ifdef MAIN_LOCAL_INTERFACES\nlocal_interfaces = MAIN_LOCAL_INTERFACES\n.endif\n");
        var run = CliRunner.RunReal("--format", "json", dir.File("exim4.conf.template"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("\"line\": 3", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("update-exim4.conf would run this as a shell command", run.Stdout, StringComparison.Ordinal);
        var show = CliRunner.RunReal("show", "--format", "json", dir.File("exim4.conf.template"));
        Assert.Contains("\"local_interfaces\": \"127.0.0.1\"", show.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_with_an_exim_name_that_holds_update_exim4_conf_conf_is_not_read_as_exim_options()
    {
        using var dir = new TempDir();
        var path = dir.Write("exim4.conf", File.ReadAllText(Path.Combine(DebianBuild.DebianTree, "etc", "exim4", "update-exim4.conf.conf")));
        Assert.True(EximDialect.IsUpdateEximConf(SourceFile.FromBytes(path, File.ReadAllBytes(path))));

        // Read as Exim it would be 13 unknown options (MTA304) and a banner with the version.
        var run = CliRunner.RunReal(path);
        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain("MTA304", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("is Debian's update-exim4.conf.conf", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("neither is there", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void An_exim_config_that_assigns_dc_names_is_still_exim()
    {
        var exim = new SourceFile("exim4.conf", "dc_note = 1\nprimary_hostname = mx.example.com\nbegin acl\n");
        Assert.False(EximDialect.IsUpdateEximConf(exim));
    }

    [Fact]
    public void A_split_config_value_update_exim4_conf_refuses_is_reported()
    {
        using var dir = new TempDir();
        dir.Write("update-exim4.conf.conf", "dc_eximconfig_configtype='local'\ndc_use_split_config='yes'\n");
        dir.Write("exim4.conf.template", "UPEX4CmacrosUPEX4C = 1\n");
        var run = CliRunner.RunReal(dir.File("exim4.conf.template"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("update-exim4.conf.conf:2:21: error[MTA000] update-exim4.conf stops here: dc_use_split_config must be true or false, not \"yes\"", run.Stdout, StringComparison.Ordinal);
    }
}
