using MtaLint.Tests.Infrastructure;

namespace MtaLint.Tests.Cli;

/// <summary>Every option and exit code of the lint command, in-process on the fake dialect.</summary>
public sealed class CliOptionTests
{
    [Fact]
    public void Help_lists_options_examples_and_exit_codes()
    {
        var r = CliRunner.Run("--help");
        Assert.Equal(0, r.ExitCode);
        foreach (var expected in new[] { "--fix", "--unsafe-fixes", "--diff", "--format", "--fail-on", "--hostname", "--dialect", "--define", "show", "rules", "explain", "Examples:", "Exit codes:" })
        {
            Assert.Contains(expected, r.Stdout);
        }
    }

    [Fact]
    public void Version_prints_the_project_version_and_the_commit_it_was_built_from()
    {
        // The build embeds git's HEAD (SourceRevisionId); a test run builds the checkout it tests.
        var r = CliRunner.Run("--version");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(ReleaseInfo.VersionLine(ReleaseInfo.HeadCommit), r.Stdout);
    }

    [Theory]
    [InlineData("0.2.0+0123456789abcdef0123456789abcdef01234567", "mtalint 0.2.0 (commit 0123456789abcdef0123456789abcdef01234567)")]
    [InlineData("0.2.0", "mtalint 0.2.0")]
    public void Version_line_names_the_commit_when_the_build_knows_it(string informational, string line)
    {
        Assert.Equal(line, MtaLint.Cli.Cli.VersionLine(informational));
    }

    [Theory]
    [InlineData("--fxi")]
    [InlineData("--format", "xml")]
    [InlineData("--fail-on", "sometimes")]
    [InlineData("--dialect", "qmail")]
    [InlineData("--define", "no spaces=1")]
    [InlineData("--hostname", "")]
    [InlineData("explain")]
    public void Usage_errors_exit_2_with_a_message_and_no_stack_trace(params string[] args)
    {
        using var dir = new TempDir();
        dir.Write("a.fake", "tls = on\n");
        var r = CliRunner.Run([.. args, dir.File("a.fake")]);
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("mtalint: ", r.Stderr);
        Assert.DoesNotContain("   at ", r.All);
    }

    [Fact]
    public void A_file_named_like_an_option_goes_after_double_dash()
    {
        var r = CliRunner.Run("--", "--fxi");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--fxi: error[MTA000] no such file or directory", r.Stdout);
    }

    [Fact]
    public void Clean_input_exits_0_with_all_checks_passed()
    {
        using var dir = new TempDir();
        var file = dir.Write("a.fake", "tls = on\n");
        var r = CliRunner.Run(file);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("All checks passed\n", r.Stdout);
        Assert.Equal(string.Empty, r.Stderr);
    }

    [Fact]
    public void Warnings_exit_1_by_default()
    {
        using var dir = new TempDir();
        var r = CliRunner.Run(dir.Write("a.fake", "tls = on\nbanner = bad\n"));
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("1 warning in 1 file (1 fixable with --fix)", r.Stdout);
    }

    [Theory]
    [InlineData("never", "banner = bad\n", 0)]
    [InlineData("error", "banner = bad\n", 0)]
    [InlineData("warning", "banner = bad\n", 1)]
    [InlineData("warning", "x = note\n", 0)]
    [InlineData("info", "x = note\n", 1)]
    [InlineData("info", "x = ok\n", 0)]
    public void Fail_on_sets_the_lowest_failing_severity(string failOn, string extra, int expected)
    {
        using var dir = new TempDir();
        var r = CliRunner.Run("--fail-on", failOn, dir.Write("a.fake", "tls = on\n" + extra));
        Assert.Equal(expected, r.ExitCode);
    }

    [Fact]
    public void Syntax_errors_exit_2_even_with_fail_on_never_and_point_at_file_line_column()
    {
        using var dir = new TempDir();
        var file = dir.Write("a.fake", "tls = on\n  what is this\n");
        var r = CliRunner.Run("--fail-on", "never", file);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains($"{file}:2:3: error[MTA000] expected 'name = value'", r.Stdout);
        Assert.DoesNotContain("   at ", r.All);
    }

    [Fact]
    public void A_missing_file_is_reported_and_the_other_files_are_still_linted()
    {
        using var dir = new TempDir();
        var good = dir.Write("a.fake", "tls = on\nbanner = bad\n");
        var r = CliRunner.Run(dir.File("missing.fake"), good);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("missing.fake: error[MTA000] no such file or directory", r.Stdout);
        Assert.Contains("warning[MTA901] banner says bad", r.Stdout);
    }

    [Fact]
    public void An_unreadable_file_exits_2()
    {
        using var dir = new TempDir();
        var fifo = dir.File("pipe.fake");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [fifo]))
        {
            mkfifo.WaitForExit();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        var r = CliRunner.Run(fifo);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("pipe.fake: error[MTA000] cannot read the file: not a regular file", r.Stdout);
    }

    [Fact]
    public void A_file_no_dialect_recognises_is_a_usage_error_unless_dialect_is_given()
    {
        using var dir = new TempDir();
        var odd = dir.Write("odd.txt", "tls = on\nbanner = bad\n");
        var r = CliRunner.Run(odd);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("not a mail server config mtalint recognises", r.Stdout);
        Assert.Contains("--dialect fake", r.Stdout);

        var forced = CliRunner.Run("--dialect", "fake", odd);
        Assert.Equal(1, forced.ExitCode);
        Assert.Contains("banner says bad", forced.Stdout);
    }

    [Fact]
    public void Folders_are_walked_in_sorted_order_skipping_hidden_folders_and_unrecognised_files()
    {
        using var dir = new TempDir();
        dir.Write("b/z.fake", "tls = on\nx = bad\n");
        dir.Write("b/a.fake", "tls = on\nx = bad\n");
        dir.Write("a.fake", "tls = on\nx = bad\n");
        dir.Write(".git/c.fake", "tls = on\nx = bad\n");
        dir.Write(".cache/d.fake", "tls = on\nx = bad\n");
        dir.Write("readme.txt", "x = bad\n");
        dir.Write("sniffed", "#fake\ntls = on\nx = bad\n");
        var r = CliRunner.Run("--format", "json", dir.Path);
        var files = System.Text.RegularExpressions.Regex.Matches(r.Stdout, "\"file\": \"([^\"]+)\"").Select(m => m.Groups[1].Value.Replace(dir.Path, "<dir>")).ToArray();
        Assert.Equal(["<dir>/a.fake", "<dir>/b/a.fake", "<dir>/b/z.fake", "<dir>/sniffed"], files);

        var named = CliRunner.Run("--format", "json", dir.File(".cache"));
        Assert.Contains("d.fake", named.Stdout); // a hidden folder named on the command line is walked
    }

    [Fact]
    public void Finding_no_config_is_said_on_stderr()
    {
        var r = CliRunner.Run(new MtaLint.Cli.CliHost(Dialects: [new FakeDialect()], Rules: CliRunner.FakeHost().Rules), "--dialect", "fake", Path.Combine(TestPaths.RepoRoot, "src"));
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("no mail server config found", r.Stderr);
    }

    [Fact]
    public void Files_of_one_unit_are_read_together()
    {
        using var dir = new TempDir();
        var main = dir.Write("a.fake", "x = 1\n");
        dir.Write("a.fake.extra", "tls = on\n");
        var r = CliRunner.Run(dir.Path);
        Assert.Equal(0, r.ExitCode); // tls is set in the second file of the unit
    }

    [Fact]
    public void Hostname_reaches_the_dialect()
    {
        using var dir = new TempDir();
        var file = dir.Write("a.fake", "tls = on\n");
        var r = CliRunner.Run("show", "--hostname", "mx.example.org", "--format", "json", file);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("\"rendered\": \"mx.example.org ESMTP\"", r.Stdout);
    }

    [Fact]
    public void Defines_are_parsed_as_name_value_pairs()
    {
        using var dir = new TempDir();
        var file = dir.Write("a.fake", "tls = on\n");
        Assert.Equal(0, CliRunner.Run("-D", "TLS=1", "--define", "EMPTY", "-DX=y", file).ExitCode);
        var show = CliRunner.Run("show", "--format", "json", "-D", "TLS=a=b", "--define", "EMPTY", file);
        Assert.Equal(0, show.ExitCode);
        Assert.Contains("\"-DTLS\": \"a=b\"", show.Stdout);
        Assert.Contains("\"-DEMPTY\": \"\"", show.Stdout);
        Assert.Equal(2, CliRunner.Run("--define", "=1", file).ExitCode);
    }

    [Fact]
    public void An_internal_error_is_one_line_and_debug_shows_the_trace()
    {
        using var dir = new TempDir();
        var file = dir.Write("a.fake", "tls = on\nx = crash\n");
        var r = CliRunner.Run(file);
        Assert.Equal(2, r.ExitCode);
        Assert.Single(r.Stderr.TrimEnd('\n').Split('\n'));
        Assert.Contains("internal error: InvalidOperationException: boom", r.Stderr);
        Assert.DoesNotContain("   at ", r.All);

        var debug = CliRunner.Run("--debug", file);
        Assert.Equal(2, debug.ExitCode);
        Assert.Contains("   at ", debug.Stderr);
    }

    [Fact]
    public void Colour_only_on_a_terminal_and_never_with_NO_COLOR()
    {
        using var dir = new TempDir();
        var file = dir.Write("a.fake", "tls = on\nbanner = bad\n");
        Assert.DoesNotContain("\u001b[", CliRunner.Run(CliRunner.FakeHost(terminal: false), file).Stdout);
        Assert.Contains("\u001b[", CliRunner.Run(CliRunner.FakeHost(terminal: true), file).Stdout);
        Assert.DoesNotContain("\u001b[", CliRunner.Run(CliRunner.FakeHost(terminal: true, noColor: "1"), file).Stdout);
        Assert.Contains("\u001b[", CliRunner.Run(CliRunner.FakeHost(terminal: true, noColor: ""), file).Stdout);
    }

    [Fact]
    public void Control_chars_from_a_config_do_not_reach_the_terminal()
    {
        using var dir = new TempDir();
        var file = dir.Write("a.fake", "tls = on\nbanner = bad\u001b[31m\n");
        var r = CliRunner.Run(file);
        Assert.DoesNotContain("\u001b", r.Stdout);
    }

    [Theory]
    [InlineData("MTA000")]
    [InlineData("mta000")]
    [InlineData("syntax-error")]
    public void Explain_prints_the_rule_doc_without_front_matter(string id)
    {
        var r = CliRunner.Run("explain", id);
        Assert.Equal(0, r.ExitCode);
        Assert.StartsWith("# MTA000 syntax-error\n", r.Stdout);
        Assert.DoesNotContain("---", r.Stdout);
        Assert.EndsWith("Severity: error. Fix: none. MTAs: postfix, exim, sendmail.\n", r.Stdout);
    }

    [Fact]
    public void Explain_of_an_unknown_rule_exits_2_with_a_suggestion_when_close()
    {
        var r = CliRunner.Run("explain", "MTA9999");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("unknown rule 'MTA9999'", r.Stderr);
        Assert.Contains("did you mean MTA000?", CliRunner.Run("explain", "MTA00").Stderr);
    }

    [Fact]
    public void Rules_prints_a_header_and_one_line_per_documented_rule()
    {
        var r = CliRunner.Run("rules");
        Assert.Equal(0, r.ExitCode);
        var lines = r.Stdout.TrimEnd('\n').Split('\n');
        Assert.StartsWith("ID", lines[0]);
        Assert.Equal(MtaLint.Rules.RuleDocs.ById.Count + 1, lines.Length);
    }
}
