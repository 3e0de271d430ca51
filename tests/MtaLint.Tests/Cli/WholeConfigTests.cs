using MtaLint.Model;
using MtaLint.Tests.Infrastructure;

namespace MtaLint.Tests.Cli;

/// <summary>
/// The ways people run mtalint on part of a config: a file named alone is judged with the files the MTA
/// reads with it, an include that is not in the repository does not hide the rest, and <c>--root</c>
/// (or <c>root:</c>) finds absolute includes in the repository.
/// </summary>
public partial class WholeConfigTests
{
    /// <summary>The output with Exim's $tod_full masked: it moves on between two runs.</summary>
    private static string Untimed(string text) => TodFull().Replace(text, "<tod_full>");

    [System.Text.RegularExpressions.GeneratedRegex(@"[A-Z][a-z]{2}, \d{1,2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}")]
    private static partial System.Text.RegularExpressions.Regex TodFull();

    private static TempDir CopyOf(string relativeFolder)
    {
        var dir = new TempDir();
        var source = Path.Combine(TestPaths.RepoRoot, relativeFolder);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            dir.WriteBytes(Path.GetRelativePath(source, file), File.ReadAllBytes(file));
        }

        return dir;
    }

    [Fact]
    public void A_master_cf_named_alone_is_judged_with_its_main_cf_and_fix_does_not_weaken_tls()
    {
        using var dir = CopyOf("testdata/postfix/hardened");
        var master = dir.Read("master.cf");
        var run = CliRunner.RunReal(dir.File("master.cf"));
        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith($"{dir.File("master.cf")}: note: read as one configuration with {dir.File("main.cf")}, as the MTA reads them\n", run.Stdout, StringComparison.Ordinal);

        var fix = CliRunner.RunReal("--fix", dir.File("master.cf"));
        Assert.Equal(0, fix.ExitCode);
        Assert.Equal(master, dir.Read("master.cf"));

        // Without its main.cf the same master.cf is judged on Postfix's defaults: the findings a run on it alone used to give.
        File.Delete(dir.File("main.cf"));
        var alone = CliRunner.RunReal(dir.File("master.cf"));
        Assert.Equal(1, alone.ExitCode);
        Assert.Contains("MTA201", alone.Stdout, StringComparison.Ordinal);
        Assert.Single(alone.Stdout.Split('\n'), l => l.Contains("note: no main.cf beside it", StringComparison.Ordinal));
    }

    [Fact]
    public void A_main_cf_named_alone_knows_the_transports_its_master_cf_defines()
    {
        using var dir = new TempDir();
        dir.Write("main.cf", "smtpd_banner = $myhostname ESMTP\ndovecot_destination_recipient_limit = 1\nslow_destination_concurrency_limit = 2\n");
        dir.Write("master.cf",
            "smtp      inet  n       -       y       -       -       smtpd\n"
            + "dovecot   unix  -       n       n       -       -       pipe\n  flags=DRhu user=vmail argv=/usr/lib/dovecot/deliver -d ${recipient}\n"
            + "slow      unix  -       -       y       -       -       smtp\n");
        var run = CliRunner.RunReal("--format", "json", dir.File("main.cf"));
        Assert.DoesNotContain("MTA304", run.Stdout, StringComparison.Ordinal);

        var unsafeFix = CliRunner.RunReal("--diff", "--unsafe-fixes", dir.File("main.cf"));
        Assert.DoesNotContain("smtp_destination", unsafeFix.Stdout, StringComparison.Ordinal);

        // The contrast: without master.cf those names are unknown to Postfix.
        File.Delete(dir.File("master.cf"));
        Assert.Contains("MTA304", CliRunner.RunReal("--format", "json", dir.File("main.cf")).Stdout, StringComparison.Ordinal);
    }

    /// <summary>norm/config-pubstandards' configure (corpus): it includes /etc/exim/basic.conf and five more, laid out as on the server.</summary>
    private static TempDir IncludingTree(bool withIncludes)
    {
        var dir = new TempDir();
        var corpus = Path.Combine(TestPaths.Corpus, "exim");
        dir.WriteBytes("etc/exim/configure", File.ReadAllBytes(Path.Combine(corpus, "norm__config-pubstandards__exim_configure")));
        if (withIncludes)
        {
            dir.WriteBytes("etc/exim/basic.conf", File.ReadAllBytes(Path.Combine(corpus, "norm__config-pubstandards__exim_basic.conf")));
            dir.WriteBytes("etc/exim/acl.conf", File.ReadAllBytes(Path.Combine(corpus, "norm__config-pubstandards__exim_acl.conf")));
        }

        return dir;
    }

    [Fact]
    public void A_missing_include_is_reported_at_its_line_and_the_rest_is_linted_without_fixes()
    {
        using var dir = IncludingTree(withIncludes: false);
        var configure = dir.File("etc/exim/configure");
        var run = CliRunner.RunReal("--format", "json", configure);
        Assert.Equal(2, run.ExitCode);
        using var json = System.Text.Json.JsonDocument.Parse(run.Stdout);
        var diagnostics = json.RootElement.GetProperty("diagnostics").EnumerateArray().ToList();
        var missing = diagnostics.Where(d => d.GetProperty("rule").GetString() == "MTA000").Select(d => d.GetProperty("line").GetInt32()).ToList();
        Assert.Equal([3, 6, 9, 12, 15, 18], missing);
        Assert.Contains("if the repository keeps it, --root DIR reads it as DIR/etc/exim/basic.conf", diagnostics[^6].GetProperty("message").GetString(), StringComparison.Ordinal);

        // The rest is read: Exim's default banner with the version, reported, with the note, and not fixed.
        var banner = Assert.Single(diagnostics, d => d.GetProperty("rule").GetString() == "MTA101");
        Assert.False(banner.GetProperty("fixable").GetBoolean());
        var text = CliRunner.RunReal(configure).Stdout;
        Assert.Contains("= part of the config could not be read (/etc/exim/basic.conf (included at " + configure + ":3) and 5 more): this holds only if it changes nothing here; not fixed", text, StringComparison.Ordinal);
        var before = dir.Read("etc/exim/configure");
        CliRunner.RunReal("--fix", configure);
        Assert.Equal(before, dir.Read("etc/exim/configure"));
    }

    [Fact]
    public void Root_maps_absolute_includes_into_the_repository_like_a_chroot()
    {
        using var dir = IncludingTree(withIncludes: true);
        var configure = dir.File("etc/exim/configure");
        var run = CliRunner.RunReal("--root", dir.Path, configure);
        Assert.Equal(2, run.ExitCode); // routers.conf and three more are not in this tree either
        Assert.Contains($"{configure}: note: read as one configuration with {dir.File("etc/exim/basic.conf")}, {dir.File("etc/exim/acl.conf")}, as the MTA reads them", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("basic.conf does not exist", run.Stdout, StringComparison.Ordinal);
        Assert.Contains($"included file /etc/exim/routers.conf does not exist (looked for {dir.File("etc/exim/routers.conf")})", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("220 pubstandards.com ESMTP Exim", run.Stdout, StringComparison.Ordinal); // basic.conf's primary_hostname

        // root: in .mtalint.yaml does the same, relative to the file's folder.
        dir.Write(".mtalint.yaml", "root: .\n");
        Assert.Equal(Untimed(run.Stdout), Untimed(CliRunner.RunReal(configure).Stdout));

        // Naming an included file lints the config that includes it.
        Assert.Equal(Untimed(run.Stdout).Replace($"{configure}: note", $"{dir.File("etc/exim/basic.conf")}: note", StringComparison.Ordinal)
                .Replace($"with {dir.File("etc/exim/basic.conf")}, ", $"with {configure}, ", StringComparison.Ordinal),
            Untimed(CliRunner.RunReal(dir.File("etc/exim/basic.conf")).Stdout));
    }

    [Theory]
    [InlineData("/etc/exim/x.conf", "etc/exim/x.conf")]
    [InlineData("/../../etc/x", "etc/x")]
    [InlineData("/etc/../../../x", "x")]
    public void Root_never_reaches_above_itself(string path, string inside)
    {
        var options = AnalysisOptions.Default with { Root = "/repo/tree" };
        Assert.Equal("/repo/tree/" + inside, options.Locate(path));
    }

    [Fact]
    public void A_root_that_is_not_a_folder_is_a_usage_error()
    {
        using var dir = new TempDir();
        var run = CliRunner.RunReal("--root", dir.File("nope"), dir.Path);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--root", run.Stderr, StringComparison.Ordinal);

        dir.Write(".mtalint.yaml", "root: missing\n");
        var config = CliRunner.RunReal(dir.Path);
        Assert.Equal(2, config.ExitCode);
        Assert.Contains(".mtalint.yaml:1:7: error: root 'missing' is not a folder", config.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_setting_in_an_included_file_is_fixed_there()
    {
        using var dir = new TempDir();
        dir.Write("exim.conf", "primary_hostname = mx.example.com\n.include banner.conf\nbegin acl\n");
        dir.Write("banner.conf", "smtp_banner = $smtp_active_hostname ESMTP Exim $version_number\n");
        var fix = CliRunner.RunReal("--fix", dir.File("exim.conf"));
        Assert.Equal("smtp_banner = $smtp_active_hostname ESMTP\n", dir.Read("banner.conf"));
        Assert.Equal("primary_hostname = mx.example.com\n.include banner.conf\nbegin acl\n", dir.Read("exim.conf"));
        Assert.Contains("Fixed", fix.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sendmail_mc_is_read_with_the_files_it_includes()
    {
        using var dir = new TempDir();
        dir.Write("etc/mail/sendmail.mc", "divert(-1)dnl\ndivert(0)dnl\nOSTYPE(`debian')dnl\ninclude(`/etc/mail/m4/greeting.m4')dnl\nMAILER(`local')dnl\nMAILER(`smtp')dnl\n");
        dir.Write("etc/mail/m4/greeting.m4", "define(`confSMTP_LOGIN_MSG', `$j Sendmail $v')dnl\n");
        var run = CliRunner.RunReal("--root", dir.Path, "--format", "json", dir.File("etc/mail/sendmail.mc"));
        Assert.Contains($"\"file\": \"{dir.File("etc/mail/m4/greeting.m4")}\"", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"MTA101\"", run.Stdout, StringComparison.Ordinal);

        // Naming the included file lints the .mc that includes it (found in the folder above). No $b in the
        // greeting: the two runs would render the clock apart when they straddle a second.
        var named = CliRunner.RunReal("--root", dir.Path, "--format", "json", dir.File("etc/mail/m4/greeting.m4"));
        Assert.Equal(run.Stdout, named.Stdout);
        Assert.StartsWith($"{dir.File("etc/mail/m4/greeting.m4")}: note: read as one configuration with {dir.File("etc/mail/sendmail.mc")}, as the MTA reads them\n",
            CliRunner.RunReal("--root", dir.Path, dir.File("etc/mail/m4/greeting.m4")).Stdout, StringComparison.Ordinal);

        CliRunner.RunReal("--root", dir.Path, "--fix", dir.File("etc/mail/sendmail.mc"));
        Assert.DoesNotContain("$v", dir.Read("etc/mail/m4/greeting.m4"), StringComparison.Ordinal);

        // Without --root the include is looked for where it says, and is not there.
        var missing = CliRunner.RunReal(dir.File("etc/mail/sendmail.mc"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("sendmail.mc:4:1: error[MTA000] included file /etc/mail/m4/greeting.m4 does not exist", missing.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void An_include_outside_the_linted_tree_is_judged_but_neither_quoted_nor_written()
    {
        using var dir = new TempDir();
        var shared = dir.Write("shared/banner.conf", "smtp_banner = $smtp_active_hostname ESMTP Exim $version_number secret-words\n");
        dir.Write("repo/etc/exim/exim.conf", $"primary_hostname = mx.example.com\n.include {shared}\nbegin acl\n");
        var config = dir.File("repo/etc/exim/exim.conf");

        // Read where it says (no --root): judged, but its text is withheld and --fix leaves it alone.
        var run = CliRunner.RunReal(dir.File("repo"));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"{shared}:1:", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-words", run.Stdout, StringComparison.Ordinal);
        var fix = CliRunner.RunReal("--fix", dir.File("repo"));
        Assert.Equal("smtp_banner = $smtp_active_hostname ESMTP Exim $version_number secret-words\n", File.ReadAllText(shared));
        Assert.DoesNotContain("secret-words", fix.Stdout + fix.Stderr, StringComparison.Ordinal);

        // The same file mapped in through --root is inside the tree: quoted, and fixed where it is.
        dir.Write("repo/etc/exim/banner.conf", File.ReadAllText(shared));
        dir.Write("repo/etc/exim/exim.conf", "primary_hostname = mx.example.com\n.include /etc/exim/banner.conf\nbegin acl\n");
        var rooted = CliRunner.RunReal("--root", dir.File("repo"), config);
        Assert.Contains("secret-words", rooted.Stdout, StringComparison.Ordinal);
        CliRunner.RunReal("--root", dir.File("repo"), "--fix", config);
        Assert.DoesNotContain("$version_number", dir.Read("repo/etc/exim/banner.conf"), StringComparison.Ordinal);
    }
}
