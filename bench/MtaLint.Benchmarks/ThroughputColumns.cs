using System.Collections.Concurrent;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace MtaLint.Benchmarks;

/// <summary>Corpus sizes per dialect, recorded by the benchmark's setup for the throughput columns.</summary>
/// <remarks>A file beside the results rather than memory: BenchmarkDotNet runs benchmarks in child processes.</remarks>
public static class BenchmarkSizes
{
    private static string PathFor(string dialect) => Path.Combine(Path.GetTempPath(), $"mtalint-bench-{dialect}.size");

    public static void Record(string dialect, int files, long bytes) => File.WriteAllText(PathFor(dialect), $"{files} {bytes}");

    public static (int Files, long Bytes)? Read(string dialect)
    {
        var path = PathFor(dialect);
        if (!File.Exists(path))
        {
            return null;
        }

        var parts = File.ReadAllText(path).Split(' ');
        return (int.Parse(parts[0]), long.Parse(parts[1]));
    }
}

/// <summary>files/s and MB/s from a benchmark's mean time over its whole corpus.</summary>
public sealed class ThroughputColumn(bool megabytes) : IColumn
{
    private static readonly ConcurrentDictionary<string, (int Files, long Bytes)?> Cache = new();

    public string Id => megabytes ? "MBps" : "FilesPerSecond";

    public string ColumnName => megabytes ? "MB/s" : "files/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => megabytes ? 1 : 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => megabytes ? "Corpus megabytes (10^6 bytes) per second" : "Corpus files per second";

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var dialect = benchmarkCase.Parameters["Dialect"] as string ?? string.Empty;
        var size = Cache.GetOrAdd(dialect, BenchmarkSizes.Read);
        var meanNs = summary[benchmarkCase]?.ResultStatistics?.Mean;
        if (size is not { } s || meanNs is not { } ns || ns <= 0)
        {
            return "-";
        }

        var seconds = ns / 1e9;
        return megabytes ? (s.Bytes / 1e6 / seconds).ToString("F1") : (s.Files / seconds).ToString("F0");
    }
}
