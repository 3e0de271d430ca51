using System.Diagnostics;

namespace MtaLint.Tests.Cli;

/// <summary>
/// Paths mtalint cannot open say why, and the run exits 2: a name that is not UTF-8 (.NET reads it
/// with U+FFFD, so it opens nothing; it was "no such file or directory"), a path longer than
/// PATH_MAX (it was skipped, and the run said "All checks passed"). The names are made and passed
/// with the shell, byte for byte, as a user's shell would.
/// </summary>
public sealed class UnopenablePathTests
{
    [Fact]
    public void A_file_named_on_the_command_line_whose_name_is_not_utf8_says_so()
    {
        using var dir = new TempDir();
        Shell(dir.Path, "printf 'myhostname = mx.example.com\\n' > \"$(printf 'main\\351.cf')\"");

        var r = Shell(dir.Path, "exec \"$0\" --dialect postfix \"$(printf 'main\\351.cf')\"", ProcessSmokeTests.Executable);

        Assert.Equal(2, r.Exit);
        Assert.Contains("main\uFFFD.cf: error[MTA000] its name is not valid UTF-8, and mtalint cannot open a file by such a name;"
            + " rename it, or lint it from standard input: mtalint - --stdin-filename NAME < FILE", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_still_missing_whatever_its_name()
    {
        using var dir = new TempDir();

        var r = Shell(dir.Path, "exec \"$0\" --dialect postfix \"$(printf 'gone\\351.cf')\"", ProcessSmokeTests.Executable);

        Assert.Equal(2, r.Exit);
        Assert.Contains("gone\uFFFD.cf: error[MTA000] no such file or directory", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_config_deeper_than_path_max_fails_the_run_walked_or_named()
    {
        using var dir = new TempDir();
        try
        {
            // 22 folders of 200 chars: 4,400 chars, over Linux's 4,096. mkdir and cd one at a time, as only relative paths reach there.
            Shell(dir.Path, "d=$(printf 'd%.0s' $(seq 200)); for i in $(seq 22); do mkdir \"$d\" && cd \"$d\" || exit 1; done;"
                + " printf 'myhostname = mx.example.com\\nsmtpd_banner = $myhostname ESMTP\\n' > main.cf");
            var deep = Path.Combine([dir.Path, .. Enumerable.Repeat(new string('d', 200), 22), "main.cf"]);

            var walked = CliRunner.RunReal("--hostname", "mx.example.com", dir.Path);
            var named = CliRunner.RunReal("--hostname", "mx.example.com", deep);

            Assert.Equal(2, walked.ExitCode);
            Assert.DoesNotContain("All checks passed", walked.All, StringComparison.Ordinal);
            Assert.Contains("error[MTA000] the path is longer than the system opens (PATH_MAX, 4,096 bytes); run mtalint from a folder nearer to it", walked.Stdout, StringComparison.Ordinal);
            Assert.Equal(2, named.ExitCode);
            Assert.Contains($"{deep}: error[MTA000] the path is longer than the system opens (PATH_MAX, 4,096 bytes)", named.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            Shell(dir.Path, "rm -rf ./d*"); // rm walks down with relative paths; .NET's delete cannot
        }
    }

    /// <summary>Runs <paramref name="script"/> with /bin/sh in <paramref name="folder"/>, <paramref name="zero"/> as its $0.</summary>
    private static (int Exit, string Stdout, string Stderr) Shell(string folder, string script, string zero = "sh") =>
        ProcessSmokeTests.RunProgram("/bin/sh", folder, ["-c", script, zero]);
}
