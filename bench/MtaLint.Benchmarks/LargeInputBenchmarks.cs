using BenchmarkDotNet.Attributes;
using MtaLint.Dialects;
using MtaLint.Engine;
using MtaLint.Model;
using MtaLint.Text;

namespace MtaLint.Benchmarks;

/// <summary>
/// Whole lints (parse, model, every rule) of generated large inputs: the targets are a
/// 100,000-line main.cf and a 20,000-line Exim config under a second each, and no parser quadratic
/// in line length (a 1 MB logical line).
/// </summary>
[MemoryDiagnoser]
public class LargeInputBenchmarks
{
    /// <summary>Set to 1 by <c>--smoke</c> (the benchmarks run in process there).</summary>
    public const string SmokeVariable = "MTALINT_BENCH_SMOKE";

    private Linter _linter = null!;
    private SourceFile _postfix = null!;
    private SourceFile _exim = null!;
    private SourceFile _postfixLongLine = null!;
    private SourceFile _eximLongLine = null!;
    private SourceFile _sendmailLongLine = null!;

    [GlobalSetup]
    public void Setup()
    {
        // The smoke run (CI) proves the code path on inputs a hundred times smaller.
        var scale = Environment.GetEnvironmentVariable(SmokeVariable) == "1" ? 100 : 1;
        _linter = new Linter(RuleSet.Default, new AnalysisOptions(Hostname: "mx.example.com"));
        _postfix = new SourceFile("main.cf", LargeConfigs.PostfixMainCf(100_000 / scale));
        _exim = new SourceFile("exim4.conf", LargeConfigs.EximConfig(20_000 / scale));
        _postfixLongLine = new SourceFile("main.cf", LargeConfigs.PostfixLongLogicalLine((1 << 20) / scale));
        _eximLongLine = new SourceFile("exim4.conf", LargeConfigs.EximLongLogicalLine((1 << 20) / scale));
        _sendmailLongLine = new SourceFile("sendmail.mc", LargeConfigs.SendmailLongLine((1 << 20) / scale));
    }

    [Benchmark(Description = "postfix main.cf 100,000 lines")]
    public int Postfix100kLines() => Lint("postfix", _postfix);

    [Benchmark(Description = "exim 20,000 lines")]
    public int Exim20kLines() => Lint("exim", _exim);

    [Benchmark(Description = "postfix 1 MB logical line")]
    public int PostfixLongLine() => Lint("postfix", _postfixLongLine);

    [Benchmark(Description = "exim 1 MB logical line")]
    public int EximLongLine() => Lint("exim", _eximLongLine);

    [Benchmark(Description = "sendmail 1 MB line")]
    public int SendmailLongLine() => Lint("sendmail", _sendmailLongLine);

    private int Lint(string dialect, SourceFile file) =>
        _linter.Lint(DialectRegistry.Find(dialect)!, [file]).Diagnostics.Count;
}
