using System.Diagnostics;
using MtaLint.Tests.Infrastructure;

namespace MtaLint.Tests.Performance;

/// <summary>
/// CI does not run the benchmark (too noisy on a shared 2-core machine); it proves that the
/// benchmark builds with the solution and runs one short in-process iteration of every case.
/// </summary>
public class BenchmarkSmokeTests
{
    [Fact]
    public async Task Benchmark_runs_one_short_iteration_of_every_case()
    {
        // The benchmark is built by the solution in the same configuration as this test assembly.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var dll = Path.Combine(TestPaths.RepoRoot, "bench", "MtaLint.Benchmarks", "bin", configuration, "net10.0", "MtaLint.Benchmarks.dll");
        Assert.True(File.Exists(dll), $"benchmark not built: {dll}");

        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetTempPath() };
        psi.ArgumentList.Add(dll);
        psi.ArgumentList.Add("--smoke");
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("benchmark smoke run did not finish in 3 minutes");
        }

        var output = await stdout;
        Assert.True(process.ExitCode == 0, $"benchmark failed ({process.ExitCode}):\n{output}\n{await stderr}");
        Assert.Contains("executed benchmarks: 6", output);
        foreach (var dialect in RegisteredDialects.Names)
        {
            Assert.Contains($"| parse+model+rules | {dialect}", output);
        }
    }
}
