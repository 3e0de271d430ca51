using MtaLint.Cli;
using MtaLint.Tests.Infrastructure;

namespace MtaLint.Tests.Cli;

/// <summary><c>mtalint - --stdin-filename PATH</c>: standard input linted, fixed and diffed as if it were the file PATH.</summary>
public sealed partial class StandardInputTests
{
    private const string Config = "banner = bad\nx = risky\ny = note\n";

    private static CliRunner.Result Run(string input, params string[] args) => CliRunner.Run(CliRunner.FakeHost().WithInput(input), args);

    [Fact]
    public void The_name_picks_the_dialect_and_shows_in_the_findings()
    {
        var r = Run(Config, "-", "--stdin-filename", "conf/main.fake");
        Assert.Equal(1, r.ExitCode);
        Assert.StartsWith("conf/main.fake: warning[MTA901] inbound TLS is off\n", r.Stdout);
        Assert.Contains("\nconf/main.fake:1:10: warning[MTA901] banner says bad\n", r.Stdout);
        Assert.EndsWith("1 file checked, 1 with findings: 3 warnings, 1 info (2 fixable with --fix, 1 more with --unsafe-fixes)\n", r.Stdout);
        Assert.Equal(string.Empty, r.Stderr);
    }

    [Fact]
    public void Stdin_filename_alone_reads_standard_input_too()
    {
        Assert.Equal(Run(Config, "-", "--stdin-filename", "a.fake").Stdout, Run(Config, "--stdin-filename", "a.fake").Stdout);
    }

    [Fact]
    public void Without_a_name_the_content_decides_or_the_run_says_what_is_missing()
    {
        var sniffed = Run("#fake\n" + Config, "-");
        Assert.Equal(1, sniffed.ExitCode);
        Assert.Contains("\n-:2:10: warning[MTA901] banner says bad\n", sniffed.Stdout);

        var unknown = Run(Config, "-");
        Assert.Equal(2, unknown.ExitCode);
        Assert.StartsWith("-: error[MTA000] standard input is not a config mtalint recognises by its content: name the file it stands for with --stdin-filename PATH (or use --dialect fake)", unknown.Stdout);

        var forced = Run(Config, "--dialect", "fake", "-");
        Assert.Equal(1, forced.ExitCode);
        Assert.Contains("\n-:1:10: warning[MTA901] banner says bad\n", forced.Stdout);
    }

    [Fact]
    public void Skip_unrecognized_passes_over_standard_input_that_is_no_config()
    {
        var refused = Run(Config, "-", "--stdin-filename", "notes.txt");
        Assert.Equal(2, refused.ExitCode);
        Assert.StartsWith("notes.txt: error[MTA000] not a mail server config mtalint recognises", refused.Stdout);

        var skipped = Run(Config, "--skip-unrecognized", "--fix", "-", "--stdin-filename", "notes.txt");
        Assert.Equal(0, skipped.ExitCode);
        Assert.Equal(Config, skipped.Stdout); // a filter gives back what it cannot lint
        Assert.Contains("mtalint: note: notes.txt: not a mail server config by its name or content, skipped\n", skipped.Stderr);
    }

    [Fact]
    public void The_file_on_disk_is_neither_read_nor_written()
    {
        using var dir = new TempDir();
        var path = dir.Write("main.fake", "tls = on\n");
        var check = Run(Config, "-", "--stdin-filename", path);
        Assert.Contains("banner says bad", check.Stdout);

        var fix = Run(Config, "--fix", "-", "--stdin-filename", path);
        Assert.Equal("tls = on\n", dir.Read("main.fake"));
        Assert.Equal("banner = good\nx = risky\ny = note\ntls = on\n", fix.Stdout);
    }

    [Fact]
    public void Fix_prints_the_fixed_text_and_reports_on_stderr()
    {
        var r = Run(Config, "--fix", "-", "--stdin-filename", "main.fake");
        Assert.Equal(1, r.ExitCode); // the unsafe fix is not applied: its finding remains
        Assert.Equal("banner = good\nx = risky\ny = note\ntls = on\n", r.Stdout);
        Assert.Contains("main.fake:2:5: warning[MTA901] x says risky", r.Stderr);
        Assert.Contains("Fixed 2 findings in 1 file.", r.Stderr);

        var all = Run(Config, "--fix", "--unsafe-fixes", "--format", "json", "-", "--stdin-filename", "main.fake");
        Assert.Equal(0, all.ExitCode);
        Assert.Equal("banner = good\nx = careful\ny = note\ntls = on\n", all.Stdout);
        using var json = System.Text.Json.JsonDocument.Parse(all.Stderr);
        Assert.Equal(3, json.RootElement.GetProperty("summary").GetProperty("fixed").GetInt32());
    }

    [Fact]
    public void Fix_keeps_the_bytes_of_a_latin1_crlf_input()
    {
        var input = System.Text.Encoding.Latin1.GetBytes("# caf\u00e9\r\nbanner = bad\r\ntls = on\r\n");
        var (code, stdout, _) = CliRunner.RunBytes(CliRunner.FakeHost().WithInput(input), "--fix", "-", "--stdin-filename", "main.fake");
        Assert.Equal(0, code);
        Assert.Equal(System.Text.Encoding.Latin1.GetBytes("# caf\u00e9\r\nbanner = good\r\ntls = on\r\n"), stdout);
    }

    [Theory]
    [InlineData("banner = bad\nwhat\n")]
    [InlineData("x = crash\n")]
    public void Fix_of_input_it_cannot_fix_prints_the_input_unchanged(string input)
    {
        var r = Run(input, "--fix", "-", "--stdin-filename", "main.fake");
        Assert.Equal(input, r.Stdout);
        Assert.Equal(2, r.ExitCode);
    }

    [Fact]
    public void Fix_with_a_broken_policy_prints_the_input_unchanged()
    {
        using var dir = new TempDir();
        dir.Write(".mtalint.yaml", "disable: [MTA9O1]\n");
        var r = Run(Config, "--fix", "-", "--stdin-filename", dir.File("main.fake"));
        Assert.Equal(2, r.ExitCode);
        Assert.Equal(Config, r.Stdout);
        Assert.StartsWith($"{dir.File(".mtalint.yaml")}:1:11: error: 'MTA9O1' is not a rule mtalint knows; did you mean MTA901?", r.Stderr);
    }

    [Fact]
    public void Diff_names_the_file_in_its_headers()
    {
        var r = Run(Config, "--diff", "-", "--stdin-filename", "etc/main.fake");
        Assert.Equal(1, r.ExitCode);
        Assert.StartsWith("--- a/etc/main.fake\n+++ b/etc/main.fake\n@@ -1,3 +1,4 @@\n-banner = bad\n+banner = good\n", r.Stdout);
        Assert.Equal("mtalint: would fix 2 findings in 1 file (apply with --fix)\n", r.Stderr);
    }

    [Fact]
    public void The_policy_is_the_one_for_the_named_file()
    {
        using var dir = new TempDir();
        dir.Write("etc/.mtalint.yaml", "disable: [MTA901]\nexclude: [legacy]\n");
        var r = Run(Config, "-", "--stdin-filename", dir.File("etc/main.fake"));
        Assert.DoesNotContain("MTA901", r.Stdout);
        Assert.Contains("info[MTA902]", r.Stdout);

        var excluded = Run(Config, "--fix", "-", "--stdin-filename", dir.File("etc/legacy/main.fake"));
        Assert.Equal(0, excluded.ExitCode);
        Assert.Equal(Config, excluded.Stdout); // a filter never eats its input
        Assert.Contains($"mtalint: note: {dir.File("etc/legacy/main.fake")}: excluded by {dir.File("etc/.mtalint.yaml")} (exclude: \"legacy\"), not checked", excluded.Stderr);
    }

    [Fact]
    public void The_other_files_of_the_config_are_read_from_disk_and_left_alone()
    {
        using var dir = new TempDir();
        var banner = dir.Write("banner.conf", "smtp_banner = $smtp_active_hostname ESMTP Exim $version_number\n");
        var main = $"primary_hostname = mx.example.com\n.include {banner}\n";
        var check = CliRunner.Run(new CliHost().WithInput(main), "--select", "banner-version", "-", "--stdin-filename", dir.File("exim.conf"));
        Assert.Equal(1, check.ExitCode);
        Assert.StartsWith($"{dir.File("exim.conf")}: note: read as one configuration with {banner}, as the MTA reads them\n\n{banner}:1:", check.Stdout);
        Assert.Contains("warning[MTA101]", check.Stdout);

        var fix = CliRunner.Run(new CliHost().WithInput(main), "--select", "banner-version", "--fix", "-", "--stdin-filename", dir.File("exim.conf"));
        Assert.Equal(main, fix.Stdout); // only standard input is fixed, and it needs nothing
        Assert.Equal("smtp_banner = $smtp_active_hostname ESMTP Exim $version_number\n", dir.Read("banner.conf"));
        Assert.Contains($"{banner}:1:", fix.Stderr); // the finding in the included file remains
        Assert.Equal(1, fix.ExitCode);
    }

    [Theory]
    [InlineData(new[] { "-", "a.fake" }, "mtalint: '-' (standard input) is linted on its own: give it as the only PATH")]
    [InlineData(new[] { "--stdin-filename", "a.fake", "b.fake" }, "mtalint: --stdin-filename names standard input: give '-' as the only PATH, or no PATH")]
    [InlineData(new[] { "--stdin-filename", "" }, "mtalint: --stdin-filename '' is not a file name")]
    public void Misuse_is_a_usage_error(string[] args, string message)
    {
        var r = Run(Config, args);
        Assert.Equal(2, r.ExitCode);
        Assert.Equal(message + "\n", r.Stderr);
        Assert.Equal(string.Empty, r.Stdout);
    }

    [Fact]
    public void Input_over_the_size_limit_is_refused()
    {
        var huge = new byte[MtaLint.Text.InputFile.MaxBytes + 1];
        var r = CliRunner.Run(CliRunner.FakeHost().WithInput(huge), "-", "--stdin-filename", "a.fake");
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("mtalint: standard input is larger than 64 MiB; no mail server config is\n", r.Stderr);
    }

    /// <summary>Every testdata file gives the same report from standard input as from disk, in text and JSON.</summary>
    [Fact]
    public void Real_configs_report_the_same_from_standard_input_as_from_disk()
    {
        var checkedFiles = 0;
        foreach (var mta in new[] { "postfix", "exim", "sendmail" })
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(TestPaths.TestData, mta), "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var bytes = File.ReadAllBytes(file);
                foreach (var format in new[] { "text", "json" })
                {
                    string[] args = ["--dialect", mta, "--hostname", "mx.example.com", "--format", format];
                    var fromDisk = CliRunner.RunReal([.. args, file]);
                    var fromStdin = CliRunner.Run(new CliHost().WithInput(bytes), [.. args, "-", "--stdin-filename", file]);
                    // Banners that show the time (Exim's $tod_full) differ by the second between two runs.
                    var (disk, stdin) = (TimeOfDay().Replace(fromDisk.Stdout, "hh:mm:ss"), TimeOfDay().Replace(fromStdin.Stdout, "hh:mm:ss"));
                    Assert.True(disk == stdin, $"{file} ({format}): standard input differs from the file\n--- disk\n{disk}\n--- stdin\n{stdin}");
                    Assert.Equal(fromDisk.ExitCode, fromStdin.ExitCode);
                }

                checkedFiles++;
            }
        }

        Assert.True(checkedFiles > 20, $"only {checkedFiles} testdata files");
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\b\d{2}:\d{2}:\d{2}\b")]
    private static partial System.Text.RegularExpressions.Regex TimeOfDay();
}
