using System.Diagnostics;

namespace MtaLint.Tests.Infrastructure;

/// <summary>
/// Runs a real MTA binary from the unpacked Debian packages. The oracles must be there
/// (<c>scripts/oracles.sh</c>, which the test script runs): a missing oracle fails the test, never skips it.
/// </summary>
public static class Oracle
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    /// <summary>Runs <paramref name="relativeExe"/> (below the oracle root) with the library folders it needs.</summary>
    public static Result Run(string relativeExe, IEnumerable<string> args, string? stdin = null, string? libDir = null, TimeSpan? timeout = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var exe = Path.Combine(TestPaths.OracleRoot, relativeExe);
        if (!File.Exists(exe))
        {
            throw new InvalidOperationException($"oracle {exe} is missing: run scripts/oracles.sh");
        }

        var psi = new ProcessStartInfo(exe)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        if (libDir is not null)
        {
            psi.Environment["LD_LIBRARY_PATH"] = Path.Combine(TestPaths.OracleRoot, libDir);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            psi.Environment[name] = value;
        }

        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            process.StandardInput.Write(stdin);
        }

        process.StandardInput.Close();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromSeconds(30)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"oracle {relativeExe} did not finish");
        }

        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }
}
