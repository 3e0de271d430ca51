using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.NoEmit;
using MtaLint.Benchmarks;

// `--smoke`: one short in-process iteration of every benchmark, so CI proves the benchmark
// builds and runs without spending minutes on it (a Debug build is allowed there: it proves
// the code path, not the figures). `--generate DIR [SCALE]`: writes the large inputs as files
// (bench/large-bench.sh times the CLI on them); `--generate-template-pairs` the template-cost pairs. Anything else goes to BenchmarkDotNet.
if (args is ["--generate", var root, ..])
{
    LargeInputSet.Write(root, args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 1, Console.Out);
    return 0;
}

// `--generate-template-pairs DIR LINES...`: for each dialect and size, a literal config and a template of the same shape
// (bench/template-bench.sh compares their cost, issue 15's "at most 1.5x a literal file").
if (args is ["--generate-template-pairs", var pairsRoot, .. var sizes])
{
    TemplatePairs.Write(pairsRoot, sizes.Select(s => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).ToList(), Console.Out);
    return 0;
}

var smoke = args.Contains("--smoke");
var config = DefaultConfig.Instance
    .AddColumn(new ThroughputColumn(megabytes: false), new ThroughputColumn(megabytes: true));
if (smoke)
{
    config = config.AddJob(Job.Dry.WithToolchain(InProcessNoEmitToolchain.Instance))
        .WithOptions(ConfigOptions.DisableLogFile | ConfigOptions.DisableOptimizationsValidator);
    args = args.Where(a => a != "--smoke").ToArray();
    Environment.SetEnvironmentVariable(LargeInputBenchmarks.SmokeVariable, "1");
}

var summaries = BenchmarkSwitcher.FromAssembly(typeof(DialectBenchmarks).Assembly).Run(args.Length == 0 ? ["--filter", "*"] : args, config);
var failed = summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success));
return failed ? 1 : 0;
