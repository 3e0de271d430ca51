using System.Diagnostics;
using System.Text.RegularExpressions;
using MtaLint.Tests.Infrastructure;

namespace MtaLint.Tests.Cli;

/// <summary>On a terminal, long messages wrap at words to its width; in a pipe or a file they stay on one line.</summary>
public sealed partial class TerminalWrapTests
{
    /// <summary>A name long enough that the message naming it cannot fit one line (the fake rule names the setting).</summary>
    private static readonly string LongName = "a_setting_" + string.Join("_", Enumerable.Range(1, 12).Select(i => "part" + i));

    private static string Text => $"banner = bad\n{LongName} = bad and then some more words to wrap\ny = note\n";

    [Fact]
    public void Messages_wrap_at_words_to_the_terminal_width_and_source_lines_do_not()
    {
        // From standard input, so the path (and so the breaks) does not depend on the temporary folder.
        var r = CliRunner.Run(CliRunner.FakeHost(terminal: true, noColor: "1", width: 50).WithInput(Text), "-", "--stdin-filename", "conf/a.fake");
        var lines = r.Stdout.Split('\n');
        Assert.All(lines.Where(l => !SourceLine().IsMatch(l)), l => Assert.True(l.Length <= 50 || !l.Trim().Contains(' '), $"longer than 50 columns: '{l}'"));

        // Every word of each message is there, in order, whatever the breaks; the source line is whole.
        var flat = Regex.Replace(r.Stdout, @"\n {2,}", " ");
        Assert.Contains($"{LongName} says bad", flat);
        Assert.Contains("tls is unset; senders deliver in plaintext", flat);
        Assert.Contains($" 2 | {LongName} = bad and then some more words to wrap\n", r.Stdout);
        Assert.Contains("conf/a.fake:1:10: warning[MTA901] banner says bad\n", r.Stdout);
        Snapshot.Verify(r.Normalized("conf"));
    }

    [Fact]
    public void A_pipe_a_file_and_json_are_not_wrapped()
    {
        using var dir = new TempDir();
        var file = dir.Write("a.fake", Text);
        var piped = CliRunner.Run(CliRunner.FakeHost(terminal: false, width: 50), file);
        Assert.Contains($"{LongName} says bad\n", piped.Stdout);
        var json = CliRunner.Run(CliRunner.FakeHost(terminal: true, width: 50), "--format", "json", file);
        Assert.Contains($"\"message\": \"{LongName} says bad\"", json.Stdout);
        CliRunner.Run(CliRunner.FakeHost(terminal: true, width: 50), "--output-file", dir.File("report.txt"), file);
        Assert.Contains($"{LongName} says bad\n", dir.Read("report.txt"));
    }

    /// <summary>The built program on a real pseudo-terminal (util-linux <c>script</c>) asks the terminal its width.</summary>
    [Fact]
    public void A_real_terminal_is_asked_its_width()
    {
        using var dir = new TempDir();
        dir.Write("main.cf", "smtpd_banner = $myhostname ESMTP $mail_name (Debian/GNU)\n");
        var lines = OnTerminal(ProcessSmokeTests.Executable, dir.Path, 60, "--color", "never", "--hostname", "mx.example.com", "main.cf").Split('\n');
        Assert.Contains(lines, l => l.StartsWith("main.cf:1:34: info[MTA103] the banner names the mail", StringComparison.Ordinal));
        Assert.All(lines.Where(l => !SourceLine().IsMatch(l)), l => Assert.True(l.Length <= 60, $"longer than 60 columns: '{l}'"));
        Assert.Contains(lines, l => l.StartsWith("    ", StringComparison.Ordinal) && !l.TrimStart().StartsWith('='));

        var piped = ProcessSmokeTests.Run(dir.Path, "--hostname", "mx.example.com", "main.cf");
        Assert.Contains(piped.Stdout.Split('\n'), l => l.Length > 60 && !SourceLine().IsMatch(l));
    }

    /// <summary>What <paramref name="program"/> prints on a pseudo-terminal of <paramref name="columns"/> columns (COLUMNS unset), control sequences removed, LF line ends.</summary>
    internal static string OnTerminal(string program, string workingDirectory, int columns, params string[] args)
    {
        var command = $"stty cols {columns} rows 40; exec {string.Join(' ', args.Prepend(program).Select(Quote))}";
        var psi = new ProcessStartInfo("script", ["-q", "-e", "-c", command, "/dev/null"])
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        psi.Environment.Remove("COLUMNS");
        using var process = Process.Start(psi)!;
        process.StandardInput.Close();
        var stderr = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(60_000), $"{program} on a pty did not finish");
        Assert.True(stderr.Result.Length == 0, stderr.Result);
        return AnsiControl().Replace(output, string.Empty).Replace("\r\n", "\n");
    }

    private static string Quote(string path) => "'" + path.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>A source line or its carets: <c> 3 | text</c>, <c>   |   ^^^</c>.</summary>
    [GeneratedRegex(@"^ *\d* \|")]
    private static partial Regex SourceLine();

    /// <summary>Terminal control sequences (the keypad mode .NET sets on a terminal).</summary>
    [GeneratedRegex(@"\x1b(\[[0-9;?]*[A-Za-z]|[=>])")]
    private static partial Regex AnsiControl();
}
