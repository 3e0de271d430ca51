using System.Text;

using MtaLint.Engine;
using MtaLint.Tests.Cli;

namespace MtaLint.Tests.Robustness;

/// <summary>
/// Hostile inputs, each bounded in time and ending with exit 0/1/2 and no stack trace;
/// and symlinks in a walked folder that lead out of it, which are skipped unless asked for.
/// </summary>
public sealed class RegressionTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    private static CliRunner.Result RunBounded(params string[] args)
    {
        var run = Task.Run(() => CliRunner.RunReal(args));
        Assert.True(run.Wait(Bound), $"mtalint {string.Join(' ', args)} did not finish in {Bound.TotalSeconds} s");
        var result = run.Result;
        Assert.InRange(result.ExitCode, 0, 2);
        Assert.DoesNotContain("   at ", result.Stderr);
        Assert.DoesNotContain("Exception", result.All);
        return result;
    }

    [Fact]
    public void Exim_include_of_itself_is_bounded()
    {
        using var dir = new TempDir();
        var path = dir.Write("exim4.conf", $".include {dir.File("exim4.conf")}\nsmtp_banner = $smtp_active_hostname ESMTP\n");
        RunBounded("--fix", "--color", "never", path);
    }

    /// <summary>
    /// Fuzz seeds 5181, 6040, 7686 (MTALINT_FUZZ_MUTANTS=8000 MTALINT_FUZZ_SEED=1): with an empty
    /// myhostname the banner's host name renders empty, and MTA105's fix prepended $myhostname
    /// on every pass without ever settling. Now MTA105 reports the empty host name, with no fix.
    /// </summary>
    [Fact]
    public void Empty_host_name_does_not_make_the_banner_fix_loop()
    {
        using var dir = new TempDir();
        var path = dir.Write("main.cf", "myhostname = \nsmtpd_banner = $myhostname ESMTP\n");
        var run = RunBounded("--fix", "--unsafe-fixes", "--color", "never", path);
        Assert.Equal(1, run.ExitCode);
        Assert.DoesNotContain("did not settle", run.All);
        Assert.Contains("the host name the banner uses is empty", run.Stdout);
        Assert.Contains("smtpd_banner = $myhostname ESMTP\n", File.ReadAllText(path));
        Assert.DoesNotContain("$myhostname $myhostname", File.ReadAllText(path));
    }

    /// <summary>
    /// Fuzz seed 2376 (MTALINT_FUZZ_MUTANTS=3000 MTALINT_FUZZ_SEED=2): an Exim banner that is one
    /// over-deep `${` item. MTA105 prepended $smtp_active_hostname, but the whole value stayed one
    /// opaque item, so it prepended again on every pass. Text before the first `${` is now split.
    /// </summary>
    [Fact]
    public void Exim_banner_fix_in_front_of_an_over_deep_expansion_settles()
    {
        var banner = string.Concat(Enumerable.Repeat("${a:", 100)) + "$version_number";
        var file = new MtaLint.Text.SourceFile("exim4.conf", $"primary_hostname = mx.example.com\nsmtp_banner = {banner}\n");
        var linter = new MtaLint.Engine.Linter(
            new MtaLint.Engine.RuleSet([MtaLint.Rules.RuleCatalog.Find("MTA105")!]),
            new MtaLint.Model.AnalysisOptions(Hostname: "mx.example.com"));
        var result = new MtaLint.Fixes.Fixer(linter, includeUnsafe: true).Fix(MtaLint.Dialects.DialectRegistry.Find("exim")!, [file]);
        Assert.Null(result.Problem);
        Assert.Equal($"primary_hostname = mx.example.com\nsmtp_banner = $smtp_active_hostname {banner}\n", Assert.Single(result.Files).Text);
    }

    /// <summary>
    /// Fuzz seed 1361 (MTALINT_FUZZ_SEED=2): an unknown name close to myhostname whose value is a
    /// 2,000-deep, unclosed <c>${a:</c>. Postfix never reads an unknown name's value, so the file
    /// was fine; MTA304's rename to myhostname put the value to use, Postfix could not expand it
    /// (MTA000), and the fixer refused the pass. The model now records the value's error and MTA304
    /// does not offer the rename.
    /// </summary>
    [Fact]
    public void Rename_of_an_unknown_setting_whose_value_does_not_expand_is_not_offered()
    {
        var line = "my,hostname = mx.exam" + string.Concat(Enumerable.Repeat("${a:", 2000)) + new string('}', 1500) + "ple.com\n";
        var file = new MtaLint.Text.SourceFile("main.cf", line + line);
        var linter = new MtaLint.Engine.Linter(MtaLint.Engine.RuleSet.Default, new MtaLint.Model.AnalysisOptions(Hostname: "mx.example.com"));

        var result = new MtaLint.Fixes.Fixer(linter, includeUnsafe: true).Fix(MtaLint.Dialects.DialectRegistry.Find("postfix")!, [file]);

        Assert.Null(result.Problem);
        Assert.DoesNotContain(result.Applied, d => d.RuleId == "MTA304");
        var unknown = result.Remaining.Diagnostics.First(d => d.RuleId == "MTA304");
        Assert.Null(unknown.Fix);
        Assert.Contains("not renamed: its value would then be read and fail: unreasonable macro call nesting", unknown.Message);
        Assert.StartsWith("my,hostname = mx.exam${a:", Assert.Single(result.Files).Text);
    }

    /// <summary>
    /// Fuzz seed 20261442 (default seed, after the mutator learnt splice-other): a quoted define
    /// value that holds <c>DOMAIN(`debian-mta')</c>. Rendering that value for the model ran the
    /// DOMAIN call, which redefined confPRIVACY_FLAGS after the whole file, so every define MTA301
    /// inserted was overridden and the fix never settled. Rendering a value now leaves the
    /// definitions as the file made them.
    /// </summary>
    [Fact]
    public void Sendmail_rendering_a_value_does_not_redefine_settings()
    {
        const string mc = "divert(0)dnl\nOSTYPE(`linux')dnl\nDOMAIN(`generic')dnl\n"
            + "define(`confDOMAIN_NAME', `mail.example.org DOMAIN(`debian-mta')')dnl\n"
            + "define(`confPRIVACY_FLAGS', `authwarnings,novrfy,noexpn')dnl\nMAILER(`local')dnl\nMAILER(`smtp')dnl\n";
        var file = new MtaLint.Text.SourceFile("sendmail.mc", mc);
        var linter = new MtaLint.Engine.Linter(MtaLint.Engine.RuleSet.Default, new MtaLint.Model.AnalysisOptions(Hostname: "mx.example.com"));

        var lint = linter.Lint(MtaLint.Dialects.DialectRegistry.Find("sendmail")!, [file]);
        var result = new MtaLint.Fixes.Fixer(linter, includeUnsafe: true).Fix(MtaLint.Dialects.DialectRegistry.Find("sendmail")!, [file]);

        Assert.Equal("authwarnings,novrfy,noexpn", lint.Config!.EffectiveSettings["confPRIVACY_FLAGS"]);
        Assert.DoesNotContain(lint.Diagnostics, d => d.RuleId is "MTA301" or "MTA302");
        Assert.Null(result.Problem);
        Assert.True(result.Converged);
    }

    /// <summary>
    /// A cycle of references among parameters Postfix uses is fatal ("unreasonable macro call
    /// nesting", as postconf shows), so it is MTA000; and MTA304 does not rename a typo into one:
    /// <c>myhostnme = mx.$mydomain</c> beside <c>mydomain = $myhostname</c> is harmless until renamed.
    /// </summary>
    [Fact]
    public void Postfix_reference_cycles_are_fatal_and_no_rename_makes_one()
    {
        using var dir = new TempDir();
        dir.Write("cycle/main.cf", "mydomain = $myhostname\nmyhostname = mx.$mydomain\n");
        dir.Write("typo/main.cf", "mydomain = $myhostname\nmyhostnme = mx.$mydomain\nsmtpd_banner = $myhostname ESMTP\n");

        var postconf = MtaLint.Tests.Infrastructure.Oracle.Run("usr/sbin/postconf", ["-c", dir.File("cycle"), "-x", "myhostname"], libDir: "usr/lib/postfix");
        var cycle = RunBounded("--color", "never", dir.File("cycle/main.cf"));
        var typo = RunBounded("--fix", "--unsafe-fixes", "--color", "never", dir.File("typo/main.cf"));
        var noDotHost = RunBounded("--hostname", "vm", "--color", "never", dir.File("typo/main.cf"));

        Assert.NotEqual(0, postconf.ExitCode);
        Assert.Contains("unreasonable macro call nesting", postconf.Stderr);
        Assert.Equal(2, cycle.ExitCode);
        Assert.Contains("main.cf:2:1: error[MTA000] myhostname: unreasonable macro call nesting", cycle.Stdout);
        Assert.NotEqual(2, typo.ExitCode);
        Assert.Contains("myhostnme = mx.$mydomain\n", dir.Read("typo/main.cf"));
        Assert.Contains("not renamed: its value would then be read and fail: unreasonable macro call nesting", typo.Stdout);
        Assert.DoesNotContain("MTA000", noDotHost.Stdout); // a host default is computed, not expanded: no cycle
    }

    /// <summary>
    /// Fuzz seeds 269 (MTALINT_FUZZ_SEED=1), 920, 1370, 2245 (seed 2) and 2849 (seed 3): text spliced into
    /// confPRIVACY_FLAGS put a <c>dnl</c> in the value. sendmail-cf rescans the value, so the dnl
    /// ate the flags MTA301 appended, and it appended them again on every pass. The flags now go
    /// where they survive m4 (in front), as the real m4 and sendmail-cf confirm.
    /// </summary>
    [Fact]
    public void Sendmail_privacy_flags_are_added_where_m4_keeps_them()
    {
        using var dir = new TempDir();
        const string mc = "divert(0)dnl\nOSTYPE(`linux')dnl\nDOMAIN(`generic')dnl\n"
            + "define(`confPRIVACY_FLAGS', `authwarnings dnl the rest of this line is gone\n')dnl\nMAILER(`local')dnl\nMAILER(`smtp')dnl\n";
        var file = new MtaLint.Text.SourceFile(dir.File("sendmail.mc"), mc);
        var linter = new MtaLint.Engine.Linter(
            new MtaLint.Engine.RuleSet([MtaLint.Rules.RuleCatalog.Find("MTA301")!, MtaLint.Rules.RuleCatalog.Find("MTA302")!]),
            new MtaLint.Model.AnalysisOptions(Hostname: "mx.example.com"));

        var result = new MtaLint.Fixes.Fixer(linter, includeUnsafe: true).Fix(MtaLint.Dialects.DialectRegistry.Find("sendmail")!, [file]);

        Assert.Null(result.Problem);
        Assert.True(result.Converged);
        var text = Assert.Single(result.Files).Text;
        Assert.Contains("define(`confPRIVACY_FLAGS', `novrfy,noexpn,authwarnings dnl the rest of this line is gone\n')dnl", text);
        File.WriteAllText(file.Path, mc);
        var before = Lines(MtaLint.Tests.Sendmail.SendmailTestFiles.BuildCf(file.Path));
        File.WriteAllText(file.Path, text);
        var after = Lines(MtaLint.Tests.Sendmail.SendmailTestFiles.BuildCf(file.Path));
        Assert.Equal("O PrivacyOptions=novrfy,noexpn,authwarnings ", after.Single(l => l.StartsWith("O PrivacyOptions=", StringComparison.Ordinal)));
        // Only that line changed: the dnl still ends at the value's own line break, not at proto.m4's.
        Assert.Equal(before.Where(l => !l.StartsWith("O PrivacyOptions=", StringComparison.Ordinal)), after.Where(l => !l.StartsWith("O PrivacyOptions=", StringComparison.Ordinal)));
    }

    private static string[] Lines(string? cf)
    {
        Assert.NotNull(cf);
        return cf.Split('\n').Where(l => !l.StartsWith("##### ", StringComparison.Ordinal)).ToArray();
    }

    /// <summary>
    /// Fuzz seed 7988 (MTALINT_FUZZ_MUTANTS=10000 MTALINT_FUZZ_SEED=9): a master.cf without main.cf
    /// and 222 copies of a 19 KB listener line took over 20 s. Every listener made its own copy of the
    /// edit shared by all listeners (the text from the first to the last), and scanned every
    /// listener's tokens for its insertion point: listeners × file size (200 lines: 1.6 GB). The edit is
    /// made once, the insertion point found once; four times the listeners cost about four times the work.
    /// </summary>
    [Fact]
    public void Master_cf_listeners_sharing_a_default_cost_linear_work()
    {
        static long Allocated(int listeners)
        {
            var line = "127.0.0.1:2525 inet n - y - - smtpd -o x" + new string('a', 4000) + "=yes\n";
            var file = new MtaLint.Text.SourceFile("master.cf", string.Concat(Enumerable.Repeat(line, listeners)));
            var linter = new MtaLint.Engine.Linter(MtaLint.Engine.RuleSet.Default, new MtaLint.Model.AnalysisOptions(Hostname: "mx.example.com"));
            var postfix = MtaLint.Dialects.DialectRegistry.Find("postfix")!;
            linter.Lint(postfix, [file]);
            var before = GC.GetAllocatedBytesForCurrentThread();
            Assert.NotNull(linter.Lint(postfix, [file]).Config);
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }

        var small = Allocated(50);
        var large = Allocated(200);

        var ratio = (double)large / small;
        Assert.True(ratio < 6.0, $"50 listeners: {small:N0} bytes, 200: {large:N0} bytes (×{ratio:F2}; linear is ×4, quadratic ×16)");
    }

    /// <summary>Fuzz seed 4343 (MTALINT_FUZZ_MUTANTS=8000 MTALINT_FUZZ_SEED=1): a NUL byte inside an .include name threw from Path.GetFullPath.</summary>
    [Fact]
    public void Exim_include_name_with_a_nul_byte_is_a_finding_not_a_crash()
    {
        using var dir = new TempDir();
        var path = dir.WriteBytes("exim4.conf", Encoding.ASCII.GetBytes(".include /etc/exim4/a\0b.conf\nsmtp_banner = $smtp_active_hostname ESMTP\n"));
        var run = RunBounded("--color", "never", path);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("exim4.conf:1:", run.Stdout);
    }

    /// <summary>A FIFO named by <c>.include</c> would block a plain read forever (no writer); it is refused as not a regular file.</summary>
    [Theory]
    [InlineData(".include")]
    [InlineData(".include_if_exists")]
    public void Exim_include_of_a_fifo_is_refused_not_waited_for(string directive)
    {
        using var dir = new TempDir();
        var fifo = dir.File("macros.fifo");
        Assert.Equal(0, Mkfifo(fifo));
        var path = dir.Write("exim4.conf", $"primary_hostname = mx.example.com\n{directive} {fifo}\nsmtp_banner = $smtp_active_hostname ESMTP\n");

        var run = RunBounded("--color", "never", path);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"exim4.conf:2:1: error[MTA000] cannot read included file {fifo}: not a regular file", run.Stdout);
    }

    [Fact]
    public void Exim_include_of_a_folder_is_reported_as_unreadable()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.File("conf.inc"));
        var path = dir.Write("exim4.conf", $".include {dir.File("conf.inc")}\n");

        var run = RunBounded("--color", "never", path);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"exim4.conf:1:1: error[MTA000] cannot read included file {dir.File("conf.inc")}: is a folder", run.Stdout);
    }

    [Fact]
    public void Exim_deeply_nested_expansion_is_bounded()
    {
        using var dir = new TempDir();
        const int depth = 20_000;
        var text = "smtp_banner = " + string.Concat(Enumerable.Repeat("${if def:h_x:{", depth)) + "x" + new string('}', depth * 2) + "\n";
        var path = dir.Write("exim4.conf", text);
        RunBounded("--fix", "--color", "never", path);
    }

    [Fact]
    public void Sendmail_m4_self_recursive_macro_is_bounded()
    {
        using var dir = new TempDir();
        var path = dir.Write("sendmail.mc", "define(`LOOP', `LOOP LOOP')dnl\ndefine(`confSMTP_LOGIN_MSG', `LOOP')dnl\nLOOP\nMAILER(smtp)dnl\n");
        RunBounded("--fix", "--color", "never", path);
    }

    [Theory]
    [InlineData("main.cf", "smtpd_banner = ")]
    [InlineData("exim4.conf", "smtp_banner = ")]
    [InlineData("sendmail.mc", "define(`confSMTP_LOGIN_MSG', `")]
    public void Enormous_line_is_bounded(string fileName, string prefix)
    {
        using var dir = new TempDir();
        var path = dir.WriteBytes(fileName, Encoding.ASCII.GetBytes(prefix + new string('x', 4 * 1024 * 1024) + "\n"));
        RunBounded("--diff", "--color", "never", path);
        RunBounded("--fix", "--color", "never", path);
    }

    [Fact]
    public void A_symlink_out_of_the_walked_folder_is_reported_and_not_written()
    {
        using var outside = new TempDir();
        using var tree = new TempDir();
        const string bad = "smtpd_banner = $myhostname ESMTP $mail_name $mail_version\n";
        var target = outside.Write("main.cf", bad);
        File.CreateSymbolicLink(tree.File("main.cf"), target);

        var run = RunBounded("--fix", "--color", "never", tree.Path);

        Assert.Contains("main.cf: a symlink out of the folder, skipped (--follow-symlinks lints it)", run.Stderr);
        Assert.Equal(bad, File.ReadAllText(target));
        Assert.NotNull(new FileInfo(tree.File("main.cf")).LinkTarget);
    }

    [Fact]
    public void Follow_symlinks_lints_and_fixes_through_the_link()
    {
        using var outside = new TempDir();
        using var tree = new TempDir();
        const string bad = "smtpd_banner = $myhostname ESMTP $mail_name $mail_version\n";
        var target = outside.Write("main.cf", bad);
        File.CreateSymbolicLink(tree.File("main.cf"), target);

        var run = RunBounded("--fix", "--follow-symlinks", "--color", "never", tree.Path);

        Assert.DoesNotContain("a symlink out of the folder", run.Stderr);
        Assert.NotEqual(bad, File.ReadAllText(target));
        Assert.NotNull(new FileInfo(tree.File("main.cf")).LinkTarget); // the link stays a link
    }

    [Fact]
    public void A_symlink_inside_the_walked_folder_is_linted()
    {
        using var tree = new TempDir();
        Directory.CreateDirectory(tree.File("real"));
        tree.Write("real/main.cf.orig", "smtpd_banner = $myhostname ESMTP $mail_name $mail_version\n");
        File.CreateSymbolicLink(tree.File("main.cf"), tree.File("real/main.cf.orig"));

        var run = RunBounded("--color", "never", tree.Path);

        Assert.DoesNotContain("a symlink out of the folder", run.Stderr);
        Assert.Contains("MTA101", run.Stdout);
    }

    [Fact]
    public void Broken_symlinks_loops_fifos_and_odd_names_in_a_walk_do_not_stop_it()
    {
        using var tree = new TempDir();
        File.CreateSymbolicLink(tree.File("broken.cf"), tree.File("nowhere"));
        File.CreateSymbolicLink(tree.File("loop-a"), tree.File("loop-b"));
        File.CreateSymbolicLink(tree.File("loop-b"), tree.File("loop-a"));
        Directory.CreateSymbolicLink(tree.File("dirloop"), tree.Path);
        Assert.Equal(0, Mkfifo(tree.File("main.cf.fifo")));
        Directory.CreateDirectory(tree.File("dir with spaces ü"));
        tree.Write("dir with spaces ü/main.cf", "smtpd_banner = $myhostname ESMTP $mail_name $mail_version\n");

        var run = RunBounded("--color", "never", tree.Path);

        Assert.Contains("dir with spaces ü/main.cf", run.Stdout);
        Assert.Contains("MTA101", run.Stdout);
    }

    [Fact]
    public void Fix_keeps_the_owner_and_group_of_the_file()
    {
        using var dir = new TempDir();
        var path = dir.Write("main.cf", "smtpd_banner = $myhostname ESMTP $mail_name $mail_version\n");
        var wanted = Environment.UserName == "root" ? "4321:8765" : Stat(path);
        if (Environment.UserName == "root")
        {
            Assert.Equal(0, Chown(path, 4321, 8765));
        }

        RunBounded("--fix", "--color", "never", path);

        Assert.DoesNotContain("$mail_version", File.ReadAllText(path));
        Assert.Equal(wanted, Stat(path));
    }

    private static string Stat(string path)
    {
        var psi = new System.Diagnostics.ProcessStartInfo("stat", ["-c", "%u:%g", path]) { RedirectStandardOutput = true };
        using var p = System.Diagnostics.Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEnd().Trim();
        p.WaitForExit();
        return output;
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "chown", SetLastError = true)]
    private static extern int Chown([System.Runtime.InteropServices.MarshalAs(System.Runtime.InteropServices.UnmanagedType.LPUTF8Str)] string path, uint uid, uint gid);

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "mkfifo", SetLastError = true)]
    private static extern int Mkfifo(string path, uint mode = 0x1A4);
}
