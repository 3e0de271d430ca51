using System.Text.Json;
using MtaLint.Tests.Infrastructure;

namespace MtaLint.Tests.Cli;

/// <summary>
/// A pull request cannot pull a file the CI runner can read into a public log. Each case is a
/// config that reaches a file outside the linted tree the way its MTA allows (an absolute or
/// relative <c>.include</c>, a symlink in the tree, a conf.d fragment that is a symlink, a macro whose
/// value lives outside, Sendmail's <c>include()</c>, a Postfix master.cf linked elsewhere); the
/// outside files hold canary strings. No output of any format, nor stderr, may hold them; the
/// findings in such a file keep their file, line and column.
/// </summary>
public sealed class OutsideTreeTests
{
    private const string KeyCanary = "MIIEvQIBADANcanaryKEYmaterial0123456789";
    private const string PasswordCanary = "hunter2canaryPASSWORD";
    private const string TokenCanary = "ghp_canaryTOKEN0123456789";

    private static readonly string[][] Outputs =
    [
        ["--format", "text"], ["--format", "json"], ["--format", "sarif"], ["--format", "github"], ["--format", "junit"],
        ["--format", "gitlab"], ["--statistics"], ["--show-fixes"], ["--diff"], ["--unsafe-fixes", "--diff"],
    ];

    /// <summary>The runner's files: a private key, a macro file with a password, a git config with a token, a master.cf.</summary>
    private static TempDir Runner()
    {
        var dir = new TempDir();
        dir.Write("secret/key.pem", $"-----BEGIN PRIVATE KEY-----\n{KeyCanary}\nsmtp_banner = {KeyCanary}\n-----END PRIVATE KEY-----\n");
        dir.Write("secret/macros.conf", $"DB_PASSWORD = {PasswordCanary}\nsmtp_banner = {PasswordCanary} ESMTP Exim 4.96\n");
        dir.Write("repo/.git/config", $"[remote \"origin\"]\n\turl = https://x-access-token:{TokenCanary}@github.com/o/r.git\n");
        dir.Write("secret/master.cf", $"smtp inet n - y - - smtpd -o smtpd_banner={PasswordCanary}\n");
        return dir;
    }

    public static TheoryData<string> EximCases() => ["absolute", "relative", "symlink", "macro", "git-config", "banner-in-outside-file"];

    [Theory]
    [MemberData(nameof(EximCases))]
    public void Exim_include_outside_the_tree_shows_positions_never_text(string name)
    {
        using var dir = Runner();
        var config = name switch
        {
            "absolute" => $"primary_hostname = mx.example.com\n.include {dir.File("secret/key.pem")}\n",
            "relative" => "primary_hostname = mx.example.com\n.include ../secret/key.pem\n",
            "symlink" => "primary_hostname = mx.example.com\n.include " + dir.File("repo/harmless.conf") + "\n",
            "macro" => $"primary_hostname = mx.example.com\n.include {dir.File("secret/macros.conf")}\nsmtp_banner = DB_PASSWORD Exim\n",
            "git-config" => "primary_hostname = mx.example.com\n.include ../.git/config\n",
            _ => $"primary_hostname = mx.example.com\n.include {dir.File("secret/macros.conf")}\n",
        };
        dir.Write(name == "git-config" ? "repo/exim/exim4.conf" : "repo/exim4.conf", config);
        if (name == "symlink")
        {
            File.CreateSymbolicLink(dir.File("repo/harmless.conf"), dir.File("secret/key.pem"));
        }

        var target = name == "git-config" ? dir.File("repo/exim") : dir.File("repo");
        var text = AssertNoCanary(target, dir);

        var withheld = name switch
        {
            "macro" => null, // the findings are in the tree; only their quotes of the macro are masked
            "git-config" => ".git/config:1:1:",
            "symlink" => "repo/harmless.conf:1:1:",
            "banner-in-outside-file" => "secret/macros.conf:2:",
            _ => "secret/key.pem:1:1:",
        };
        if (withheld is not null)
        {
            Assert.Contains(withheld, text);
            Assert.Contains("its text is withheld: the file lies outside the linted tree", text);
        }
        else
        {
            Assert.Contains("repo/exim4.conf:3:", text); // the banner findings stay, at the banner
            Assert.Contains("[withheld]", text);
        }
    }

    [Fact]
    public void Exim_conf_d_fragment_that_is_a_symlink_out_of_the_tree_is_withheld()
    {
        using var dir = Runner();
        dir.Write("repo/exim4/conf.d/main/01_host", "primary_hostname = mx.example.com\n");
        File.CreateSymbolicLink(dir.File("repo/exim4/conf.d/main/02_local"), dir.File("secret/key.pem"));
        var text = AssertNoCanary(dir.File("repo/exim4/conf.d/main/01_host"), dir);
        Assert.Contains("repo/exim4/conf.d/main/02_local:1:1: error[MTA000]", text);
    }

    [Fact]
    public void Exim_positions_of_withheld_findings_are_kept_in_json()
    {
        using var dir = Runner();
        dir.Write("repo/exim4.conf", $"primary_hostname = mx.example.com\n.include {dir.File("secret/key.pem")}\n");
        var r = CliRunner.RunReal("--format", "json", dir.File("repo"));
        using var json = JsonDocument.Parse(r.Stdout);
        var lines = json.RootElement.GetProperty("diagnostics").EnumerateArray()
            .Where(d => d.GetProperty("file").GetString() == dir.File("secret/key.pem"))
            .Select(d => (d.GetProperty("line").GetInt32(), d.GetProperty("column").GetInt32(), d.GetProperty("endColumn").GetInt32()))
            .ToArray();
        Assert.Equal([(1, 1, 1), (2, 1, 1), (4, 1, 1)], lines); // where each finding starts, not how far it reaches
    }

    [Fact]
    public void Sendmail_include_outside_the_tree_is_never_shown()
    {
        using var dir = Runner();
        dir.Write("repo/sendmail.mc", $"divert(-1)\ninclude(`{dir.File("secret/key.pem")}')dnl\nsinclude(`../secret/macros.conf')dnl\ndefine(`confSMTP_LOGIN_MSG', `$j Sendmail $v/$Z; $b')dnl\nMAILER(smtp)dnl\n");
        AssertNoCanary(dir.File("repo"), dir);
    }

    [Fact]
    public void Postfix_master_cf_linked_out_of_the_tree_is_never_shown()
    {
        using var dir = Runner();
        dir.Write("repo/postfix/main.cf", "myhostname = mx.example.com\nsmtpd_banner = $myhostname ESMTP $mail_name\n");
        File.CreateSymbolicLink(dir.File("repo/postfix/master.cf"), dir.File("secret/master.cf"));
        AssertNoCanary(dir.File("repo"), dir);
        AssertNoCanary(dir.File("repo/postfix/main.cf"), dir);
    }

    [Fact]
    public void A_file_named_on_the_command_line_is_shown_wherever_it_leads()
    {
        // The user asked for it by name: the tree holds it, also through a symlink.
        using var dir = Runner();
        File.CreateSymbolicLink(dir.File("repo/exim4.conf"), dir.File("secret/macros.conf"));
        var r = CliRunner.RunReal("--hostname", "mx.example.com", dir.File("repo/exim4.conf"));
        Assert.Contains(PasswordCanary, r.Stdout);
    }

    [Fact]
    public void Includes_inside_the_tree_are_shown_as_before()
    {
        using var dir = new TempDir();
        dir.Write("repo/exim4.conf", "primary_hostname = mx.example.com\n.include local.conf\n");
        dir.Write("repo/local.conf", "smtp_banner = $smtp_active_hostname ESMTP Exim 4.96\n");
        var r = CliRunner.RunReal(dir.File("repo"));
        Assert.Contains(" 1 | smtp_banner = $smtp_active_hostname ESMTP Exim 4.96", r.Stdout);
        Assert.Contains("clients see: 220 mx.example.com ESMTP Exim 4.96", r.Stdout);
        Assert.DoesNotContain("withheld", r.All);
    }

    [Fact(Timeout = 60_000)]
    public async Task Probe_compare_quotes_nothing_of_a_file_outside_the_config_tree()
    {
        // MTA421 shows what the config renders beside what the wire shows: here a macro from outside.
        using var dir = Runner();
        dir.Write("repo/exim4.conf", $"primary_hostname = mx.example.com\n.include {dir.File("secret/macros.conf")}\nsmtp_banner = $smtp_active_hostname ESMTP DB_PASSWORD\n");
        await using var server = new MtaLint.Tests.Probe.LoopbackServer(MtaLint.Tests.Probe.SmtpScript.Server(MtaLint.Tests.Probe.SmtpScript.Parse("""
            S: 220 mx.example.com ESMTP
            C: EHLO x
            S: 250 mx.example.com
            C: QUIT
            S: 221 bye
            """)));
        foreach (var format in new[] { "text", "json", "sarif", "github" })
        {
            var r = await Task.Run(() => CliRunner.RunReal("probe", $"127.0.0.1:{server.Port}", "--timeout", "10", "--format", format, "--compare", dir.File("repo")), TestContext.Current.CancellationToken);
            Assert.DoesNotContain(PasswordCanary, r.All);
            Assert.Contains("MTA421", r.Stdout);
            if (format != "json")
            {
                Assert.Contains("[withheld]", r.Stdout); // the note "config renders: 220 mx.example.com ESMTP [withheld]" (JSON has no notes)
            }
        }
    }

    [Fact]
    public void Text_output_of_an_include_of_a_private_key()
    {
        using var dir = Runner();
        dir.Write("repo/exim4.conf", $"primary_hostname = mx.example.com\n.include {dir.File("secret/key.pem")}\n");
        Snapshot.Verify(CliRunner.RunReal("--hostname", "mx.example.com", dir.File("repo")).Normalized(dir.Path));
    }

    /// <summary>Runs every output (and <c>show</c>) on <paramref name="target"/>; none may hold a canary. Returns the text output.</summary>
    private static string AssertNoCanary(string target, TempDir dir)
    {
        var runs = Outputs.Select(o => (string[])[.. o, "--hostname", "mx.example.com", target])
            .Append(["show", "--hostname", "mx.example.com", target])
            .Append(["show", "--format", "json", "--hostname", "mx.example.com", target]);
        string? text = null;
        foreach (var args in runs)
        {
            var r = CliRunner.RunReal(args);
            var what = "mtalint " + string.Join(' ', args).Replace(dir.Path, "<dir>", StringComparison.Ordinal);
            foreach (var canary in new[] { KeyCanary, PasswordCanary, TokenCanary, "BEGIN PRIVATE KEY", "x-access-token" })
            {
                Assert.False(r.All.Contains(canary, StringComparison.Ordinal), $"{what} shows \"{canary}\":\n{r.All}");
            }

            Assert.DoesNotContain("internal error", r.Stderr);
            text ??= r.Stdout + r.Stderr;
        }

        return text!.Replace(dir.Path + "/", string.Empty, StringComparison.Ordinal);
    }
}
