using MtaLint.Benchmarks;
using MtaLint.Dialects;
using MtaLint.Engine;
using MtaLint.Model;
using MtaLint.Model.Postfix;
using MtaLint.Syntax.Exim;
using MtaLint.Tests.Cli;
using MtaLint.Tests.Exim;
using MtaLint.Tests.Infrastructure;
using MtaLint.Text;

namespace MtaLint.Tests.Performance;

/// <summary>
/// Small inputs that once made unbounded work (issue 14): Exim includes that fan out, Postfix
/// references that double at each level, a long banner. Each is bounded by what it allocates on
/// this thread (deterministic), never by time: the benchmark (bench/large-bench.sh) times them as
/// whole processes. A bound that holds at 20 levels must hold at 40, where the unbounded code
/// needed 2^20 times the work.
/// </summary>
public sealed class BoundedWorkTests
{
    private static readonly AnalysisOptions Options = new(Hostname: "mx.example.com");

    [Theory]
    [InlineData(20)]
    [InlineData(40)]
    public void Exim_includes_that_fan_out_stop_at_the_inclusion_bound(int levels)
    {
        using var dir = Write(Bombs.EximIncludeFanOut(levels));

        var (result, allocated) = Measure(() => EximTestHost.Analyze(dir.File("exim4.conf")));

        // 20 levels cross the number of inclusions; 40 first cross the nesting bound, on the way down.
        var error = Assert.Single(result.Errors);
        Assert.StartsWith(".include inc-", error.Location.Text, StringComparison.Ordinal);
        Assert.StartsWith(levels <= EximReader.MaxIncludeDepth
            ? $"this is the configuration's inclusion number {EximReader.MaxInclusions + 1:N0}, and mtalint follows at most {EximReader.MaxInclusions:N0}"
            : $".include nested more than {EximReader.MaxIncludeDepth} deep", error.Message, StringComparison.Ordinal);
        // 1,000 inclusions of 40-byte files; 2^levels before.
        Assert.True(allocated < 32 << 20, $"{allocated:N0} bytes allocated for {levels} levels");
    }

    [Fact]
    public void Forty_levels_of_exim_includes_cost_what_twenty_cost()
    {
        using var twenty = Write(Bombs.EximIncludeFanOut(20));
        using var forty = Write(Bombs.EximIncludeFanOut(40));
        EximTestHost.Analyze(twenty.File("exim4.conf")); // once before measuring: one-time loading is not per-input work

        var (_, small) = Measure(() => EximTestHost.Analyze(twenty.File("exim4.conf")));
        var (_, large) = Measure(() => EximTestHost.Analyze(forty.File("exim4.conf")));

        Assert.True(large < small * 1.5, $"20 levels: {small:N0} bytes, 40 levels: {large:N0} bytes");
    }

    [Fact]
    public void Exim_text_included_again_and_again_stops_at_the_text_bound()
    {
        // A 40 KB file of ACL lines included 500 times: 20 MB of text through 501 inclusions.
        using var dir = new TempDir();
        dir.Write("acl-lines", string.Concat(Enumerable.Range(0, 1600).Select(i => $"  deny hosts = 192.0.{i / 256}.{i % 256}\n")));
        dir.Write("exim4.conf", "acl_smtp_rcpt = check\nbegin acl\ncheck:\n" + string.Concat(Enumerable.Repeat(".include acl-lines\n", 500)) + "  accept\n");

        var (result, allocated) = Measure(() => EximTestHost.Analyze(dir.File("exim4.conf")));

        var error = Assert.Single(result.Errors);
        Assert.Equal(".include acl-lines", error.Location.Text);
        Assert.Contains($"add up to more than {EximReader.MaxIncludedChars >> 20} MiB of text", error.Message, StringComparison.Ordinal);
        Assert.True(error.Location.Start.Line < 500, $"stopped at line {error.Location.Start.Line}");
        // Each included char read costs what a char of a config costs; the bound keeps it to 16 Mi of them.
        Assert.True(allocated < 40L * EximReader.MaxIncludedChars, $"{allocated:N0} bytes allocated");
    }

    [Theory]
    [InlineData('$')]
    [InlineData('{')]
    [InlineData('(')]
    public void A_postfix_expansion_bomb_is_a_finding_at_the_value_that_uses_it(char style)
    {
        var text = Bombs.PostfixExpansionBomb(40, style);

        var (result, allocated) = Measure(() => Analyze("postfix", ("main.cf", text)));

        var error = Assert.Single(result.Errors);
        Assert.Equal(new LinePosition(2, 1), error.Location.Start); // smtpd_banner = $myhostname ESMTP $a0
        Assert.StartsWith($"smtpd_banner: its $references expand past {PostfixExpansionBudget.BaseChars + (4L * text.Length):N0} characters", error.Message, StringComparison.Ordinal);
        Assert.Contains("smtpd_banner → $a0 → $a1 → … →", error.Message, StringComparison.Ordinal);
        Assert.Contains("from $a0 on each uses the next at least 2 times, so the text doubles at each level", error.Message, StringComparison.Ordinal);
        // The budget is about a million chars (2 MB), built about twice over on the way up the levels.
        Assert.True(allocated < 16 << 20, $"{allocated:N0} bytes allocated");
    }

    [Fact]
    public void Postfix_expands_every_level_in_full_so_the_bound_is_mtalints()
    {
        // What the real postconf does with 12 levels: 4,096 chars. At 40 it would be 2^40 (postconf -x and -n do not finish).
        using var dir = new TempDir();
        dir.Write("main.cf", Bombs.PostfixExpansionBomb(12));
        dir.Write("master.cf", string.Empty);

        var postconf = Oracle.Run("usr/sbin/postconf", ["-c", dir.Path, "-x", "-h", "a0"], libDir: "usr/lib/postfix");

        Assert.Equal(0, postconf.ExitCode);
        Assert.Equal(new string('x', 4096), postconf.Stdout.Trim());
        Assert.Empty(Analyze("postfix", ("main.cf", Bombs.PostfixExpansionBomb(12))).Errors);
    }

    [Fact]
    public void A_bomb_made_of_master_cf_overrides_alone_is_found_too()
    {
        var overrides = string.Concat(Enumerable.Range(0, 40).Select(i => $"  -o a{i}=$a{i + 1}$a{i + 1}\n"));
        var master = $"smtp      inet  n       -       y       -       -       smtpd\n  -o smtpd_banner=$a0\n{overrides}  -o a40=x\n";

        var (result, allocated) = Measure(() => Analyze("postfix", ("main.cf", "myhostname = mx.example.com\n"), ("master.cf", master)));

        var error = Assert.Single(result.Errors);
        Assert.EndsWith("master.cf", error.Location.File.Path, StringComparison.Ordinal);
        Assert.Contains("its $references expand past", error.Message, StringComparison.Ordinal);
        Assert.True(allocated < 16 << 20, $"{allocated:N0} bytes allocated");
    }

    [Fact]
    public void A_long_banner_is_read_in_place()
    {
        var linter = new Linter(RuleSet.Default, Options);
        var postfix = DialectRegistry.Find("postfix")!;
        var text = Bombs.PostfixLongBanner(1 << 20).Replace(" (Debian/GNU)", " welcome", StringComparison.Ordinal);
        linter.Lint(postfix, [new SourceFile("/tmp/mtalint-work/main.cf", "myhostname = a.b\n")]);

        var (result, allocated) = Measure(() => linter.Lint(postfix, [new SourceFile("/tmp/mtalint-work/main.cf", text)]));

        // The banner is held once, as the file's text: its value, its literal, its expansion, the
        // text clients see and the text the banner rules read are slices of it. A copy of it would
        // be 2 bytes per char (UTF-16); what is allocated is under a quarter of one (0.23 bytes per
        // char). It was 10 bytes per char, and 34 per input byte before that.
        Assert.Contains(result.Diagnostics, d => d.RuleId == "MTA106");
        Assert.True(allocated < text.Length / 2, $"{allocated / (double)text.Length:F2} bytes per char");
    }

    [Fact]
    public void Cutting_a_word_every_few_words_from_a_long_banner_costs_the_new_value_and_little_more()
    {
        var linter = new Linter(RuleSet.Default, Options);
        var postfix = DialectRegistry.Find("postfix")!;
        var text = Bombs.PostfixLongBanner(1 << 20);
        linter.Lint(postfix, [new SourceFile("/tmp/mtalint-work/main.cf", "myhostname = a.b\n")]);

        var (result, allocated) = Measure(() => linter.Lint(postfix, [new SourceFile("/tmp/mtalint-work/main.cf", text)]));

        var os = Assert.Single(result.Diagnostics, d => d.RuleId == "MTA102");
        Assert.Equal("remove \"(Debian/GNU)\"", os.Fix!.Description);
        var value = text.Split('\n')[1]["smtpd_banner = ".Length..];
        Assert.Equal(value.Replace(" (Debian/GNU)", string.Empty, StringComparison.Ordinal), Assert.Single(os.Fix.Edits).NewText);
        // The new value is two thirds of the banner, 1.3 bytes per char: the one copy made. Besides
        // it, a piece per word found (16 bytes), a range and a stretch per cut: 2.85 bytes per char
        // in all. It was 17, with an object per word, the words sorted again, a gap buffer of the
        // whole value and a string per word cut.
        Assert.True(allocated < 13L * text.Length / 4, $"{allocated / (double)text.Length:F2} bytes per char");
    }

    [Fact]
    public void Clients_see_the_beginning_of_a_long_banner_and_how_long_it_is()
    {
        using var dir = new TempDir();
        var text = Bombs.PostfixLongBanner(100_000);
        dir.Write("main.cf", text);

        var r = CliRunner.RunReal("--hostname", "mx.example.com", "--color", "never", dir.File("main.cf"));

        var seen = r.Stdout.Split('\n').Where(l => l.Contains("clients see:", StringComparison.Ordinal)).ToArray();
        Assert.NotEmpty(seen);
        var bannerLength = text.Split('\n')[1].Length - "smtpd_banner = $myhostname".Length + "mx.example.com".Length + 4;
        Assert.All(seen, l => Assert.EndsWith($"… ({bannerLength:N0} characters)", l, StringComparison.Ordinal));
        Assert.All(seen, l => Assert.Contains("clients see: 220 mx.example.com ESMTP welcome welcome welcome (Debian/GNU)", l, StringComparison.Ordinal));
        Assert.True(r.Stdout.Length < 10_000, $"{r.Stdout.Length:N0} chars of output");
    }

    [Fact]
    public void A_policy_glob_that_backtracks_does_not_stall_the_run()
    {
        // The step bound of one match is GlobTests'; here the whole run with the file of the issue.
        using var dir = Write(Bombs.PolicyGlob(200));

        var r = CliRunner.RunReal("--hostname", "mx.example.com", "--format", "json", dir.Path);

        Assert.Equal(1, r.ExitCode); // the main.cf deep in the folder is linted: it offers no STARTTLS
        Assert.Contains("\"files\": 1", r.Stdout, StringComparison.Ordinal);
    }

    private static TempDir Write(IReadOnlyList<(string Name, string Text)> files)
    {
        var dir = new TempDir();
        foreach (var (name, text) in files)
        {
            dir.Write(name, text);
        }

        return dir;
    }

    private static AnalysisResult Analyze(string dialect, params (string Name, string Text)[] files) =>
        DialectRegistry.Find(dialect)!.Analyze([.. files.Select(f => new SourceFile("/tmp/mtalint-work/" + f.Name, f.Text))], Options);

    private static (T Result, long Allocated) Measure<T>(Func<T> work)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = work();
        return (result, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
