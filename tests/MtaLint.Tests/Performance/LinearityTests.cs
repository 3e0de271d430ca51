using MtaLint.Benchmarks;
using MtaLint.Dialects;
using MtaLint.Engine;
using MtaLint.Model;
using MtaLint.Text;

namespace MtaLint.Tests.Performance;

/// <summary>
/// No parser, model or rule may be quadratic in line count or line length. Timing belongs in the
/// benchmark (bench/MtaLint.Benchmarks, LargeInputBenchmarks); here the work is measured by what it
/// allocates on this thread, which is deterministic: four times the input must cost about four
/// times the allocations, where a quadratic step (a substring per line of the rest, a rescan per
/// line) costs sixteen times.
/// </summary>
public class LinearityTests
{
    private static readonly Linter Linter = new(RuleSet.Default, new AnalysisOptions(Hostname: "mx.example.com"));

    public static TheoryData<string, string, string, int> Inputs => new()
    {
        { "postfix main.cf lines", "postfix", "main.cf", 5_000 },
        { "exim lines", "exim", "exim4.conf", 5_000 },
        { "sendmail lines", "sendmail", "sendmail.mc", 2_000 },
        // Templates up to 256 KB are read a second time for their whole-file findings (WholeFileProbe): both sizes
        // stay under it, so both do the same kind of work.
        { "postfix template lines", "postfix", "main.cf.j2", 2_000 },
        { "postfix duplicate settings", "postfix", "main.cf", 5_000 },
        { "exim template lines", "exim", "exim4.conf.j2", 2_000 },
        // Past 256 KB at both sizes: whole-file findings are left out unprobed, every other finding's projection is still read.
        { "exim template lines past the probe", "exim", "exim4.conf.j2", 15_000 },
        { "sendmail template lines", "sendmail", "sendmail.mc.j2", 1_500 },
        // A finding on every line, each asked again of a projection of the template (the rule runs once per projection).
        { "exim template duplicate settings", "exim", "exim4.conf.j2", 2_000 },
        { "postfix logical line bytes", "postfix", "main.cf", 64 * 1024 },
        { "postfix physical line bytes", "postfix", "main.cf", 64 * 1024 },
        { "exim logical line bytes", "exim", "exim4.conf", 64 * 1024 },
        { "sendmail line bytes", "sendmail", "sendmail.mc", 64 * 1024 },
        // A banner is read in place (about 2 bytes allocated per char, its fix's new value and the
        // pieces it cuts): at 64 KB the run's fixed cost would outweigh it, and 4 times as much
        // input would not look like 4 times the work.
        { "postfix banner bytes", "postfix", "main.cf", 1024 * 1024 },
    };

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Four_times_the_input_costs_about_four_times_the_work(string shape, string dialect, string fileName, int size)
    {
        var small = Allocated(dialect, fileName, Generate(shape, size));
        var large = Allocated(dialect, fileName, Generate(shape, size * 4));

        var ratio = (double)large / small;
        Assert.True(ratio is > 2.5 and < 6.0, $"{shape}: {size} → {small:N0} bytes allocated, {size * 4} → {large:N0} bytes (×{ratio:F2}; linear is ×4, quadratic ×16)");
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Generated_inputs_parse_without_syntax_errors(string shape, string dialect, string fileName, int size)
    {
        var result = Linter.Lint(DialectRegistry.Find(dialect)!, [new SourceFile(fileName, Generate(shape, size))]);

        Assert.DoesNotContain(result.Diagnostics, d => d.RuleId == Linter.SyntaxErrorId);
    }

    private static long Allocated(string dialect, string fileName, string text)
    {
        var mta = DialectRegistry.Find(dialect)!;
        var file = new SourceFile(fileName, text);
        Linter.Lint(mta, [file]); // once before measuring: one-time loading (defaults, rule docs) is not per-input work
        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = Linter.Lint(mta, [file]);
        var after = GC.GetAllocatedBytesForCurrentThread();
        Assert.NotNull(result);
        return after - before;
    }

    private static string Generate(string shape, int size) => shape switch
    {
        "postfix main.cf lines" => LargeConfigs.PostfixMainCf(size),
        "exim lines" => LargeConfigs.EximConfig(size),
        "sendmail lines" => LargeConfigs.SendmailMc(size),
        "postfix template lines" => LargeConfigs.PostfixMainCfTemplate(size),
        "postfix duplicate settings" => LargeConfigs.PostfixDuplicates(size),
        "exim template lines" or "exim template lines past the probe" => LargeConfigs.EximConfigTemplate(size),
        "sendmail template lines" => LargeConfigs.SendmailMcTemplate(size),
        "exim template duplicate settings" => LargeConfigs.EximDuplicatesTemplate(size),
        "postfix logical line bytes" => LargeConfigs.PostfixLongLogicalLine(size),
        "postfix physical line bytes" => LargeConfigs.PostfixLongPhysicalLine(size),
        "exim logical line bytes" => LargeConfigs.EximLongLogicalLine(size),
        "sendmail line bytes" => LargeConfigs.SendmailLongLine(size),
        "postfix banner bytes" => Bombs.PostfixLongBanner(size),
        _ => throw new ArgumentException(shape),
    };
}
