using System.Text;
using MtaLint.Tests.Cli;
using MtaLint.Tests.Infrastructure;

namespace MtaLint.Tests.Robustness;

/// <summary>
/// <c>--diff</c> prints a patch that applies to the file as it is on disk: a Latin-1 file's lines
/// as Latin-1 bytes (not their UTF-8 rendering, which no longer matches the file), the byte order
/// mark on the first line. Applied with git, the patch gives exactly what <c>--fix</c> writes.
/// </summary>
public sealed class PatchEncodingTests
{
    public static TheoryData<string, string> Files() => new()
    {
        // A Latin-1 comment next to the change and a Latin-1 word in the changed line itself.
        { "latin1", "main.cf" },
        { "latin1-crlf", "main.cf" },
        { "utf8-bom", "main.cf" },
        // A real non-UTF-8 Sendmail file from the corpus, with a Latin-1 comment near the fix.
        { "knecht", "knecht.mc" },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void The_diff_applies_with_git_and_gives_what_fix_writes(string kind, string name)
    {
        var bytes = Content(kind);
        using var dir = new TempDir();
        var path = dir.WriteBytes(name, bytes);
        var expected = dir.WriteBytes("fixed/" + name, bytes);

        var diff = CliRunner.RunRealBytes("--diff", "--unsafe-fixes", "--color", "never", path);
        var fix = CliRunner.RunReal("--fix", "--unsafe-fixes", "--color", "never", expected);

        Assert.Equal(1, diff.ExitCode);
        Assert.InRange(fix.ExitCode, 0, 1);
        Assert.Equal(bytes, File.ReadAllBytes(path)); // --diff wrote nothing
        Assert.NotEqual(bytes, File.ReadAllBytes(expected));
        var patch = dir.WriteBytes("fix.patch", diff.Stdout);
        Git("/", "apply", "--check", "-p1", patch);
        Git("/", "apply", "-p1", patch);
        Assert.Equal(File.ReadAllBytes(expected), File.ReadAllBytes(path));
    }

    [Fact]
    public void A_latin1_line_in_the_diff_is_latin1_bytes()
    {
        using var dir = new TempDir();
        var path = dir.WriteBytes("main.cf", Content("latin1"));

        var diff = CliRunner.RunRealBytes("--diff", "--color", "never", path);

        var text = diff.Stdout;
        Assert.True(Contains(text, [.. " # G"u8, 0xE9, .. "rard's caf"u8, 0xE9, (byte)'\n']), Encoding.Latin1.GetString(text));
        Assert.False(Contains(text, [0xC3, 0xA9]), "UTF-8 é in the patch of a Latin-1 file");
        Assert.True(Contains(text, "--- a/"u8.ToArray()));
    }

    private static byte[] Content(string kind) => kind switch
    {
        "latin1" => Latin1("# G\u00e9rard's caf\u00e9\nsmtpd_banner = $myhostname ESMTP $mail_name (caf\u00e9)\nmyhostname = mx.example.com\n"),
        "latin1-crlf" => Latin1("# G\u00e9rard's caf\u00e9\r\nsmtpd_banner = $myhostname ESMTP $mail_name\r\n# \u00fcber\r\n"),
        "utf8-bom" => [0xEF, 0xBB, 0xBF, .. "# first line\nsmtpd_banner = $myhostname ESMTP $mail_name $mail_version\n"u8],
        _ => Knecht(),
    };

    private static byte[] Knecht()
    {
        var original = File.ReadAllBytes(Path.Combine(TestPaths.Corpus, "sendmail", "hrs-allbsd__sendmail__cf_cf_knecht.mc"));
        var text = Encoding.Latin1.GetString(original);
        Assert.Contains("\u00b1", text); // the file is not UTF-8
        var at = text.IndexOf("MAILER(`local')", StringComparison.Ordinal);
        Assert.True(at > 0);
        return Encoding.Latin1.GetBytes(text[..at] + "dnl Gr\u00fc\u00dfe an die Postmaster\n" + text[at..]);
    }

    private static byte[] Latin1(string text) => Encoding.Latin1.GetBytes(text);

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;

    private static void Git(string folder, params string[] args) => GitCli.Run(folder, args);
}
