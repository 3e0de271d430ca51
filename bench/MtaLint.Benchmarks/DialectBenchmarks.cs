using BenchmarkDotNet.Attributes;
using MtaLint.Engine;
using MtaLint.Model;

namespace MtaLint.Benchmarks;

/// <summary>
/// Throughput of each stage per dialect over its corpus: parse + model (Analyze), and the whole
/// lint (model + every rule). One operation is one file, so the mean is the time per file;
/// the MB/s and files/s columns are derived from it (see <see cref="ThroughputColumns"/>).
/// </summary>
[MemoryDiagnoser]
public class DialectBenchmarks
{
    private CorpusSet _corpus = null!;
    private Linter _linter = null!;

    [Params("postfix", "exim", "sendmail")]
    public string Dialect { get; set; } = "postfix";

    [GlobalSetup]
    public void Setup()
    {
        _corpus = CorpusSet.Load(Dialect);
        _linter = new Linter(RuleSet.Default, new AnalysisOptions(Hostname: "mx.example.com"));
        BenchmarkSizes.Record(Dialect, _corpus.Files.Count, _corpus.Bytes);
    }

    [Benchmark(Description = "parse+model")]
    public int Analyze()
    {
        var count = 0;
        foreach (var file in _corpus.Files)
        {
            count += _corpus.Dialect.Analyze([file], _linter.Options).Errors.Count;
        }

        return count;
    }

    [Benchmark(Description = "parse+model+rules")]
    public int Lint()
    {
        var count = 0;
        foreach (var file in _corpus.Files)
        {
            count += _linter.Lint(_corpus.Dialect, [file]).Diagnostics.Count;
        }

        return count;
    }
}
