using System.Diagnostics;
using MtaLint.Tests.Infrastructure;

namespace MtaLint.Tests.Cli;

/// <summary>The built <c>mtalint</c> executable as a whole process: arguments, streams, exit codes.</summary>
public sealed class ProcessSmokeTests
{
    internal static string Executable
    {
        get
        {
            // Built by the solution in the same configuration as this test assembly.
            var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
            return Path.Combine(TestPaths.RepoRoot, "src", "MtaLint.Cli", "bin", configuration, "net10.0", "mtalint");
        }
    }

    internal static (int Exit, string Stdout, string Stderr) Run(string workingDirectory, params string[] args)
    {
        Assert.True(File.Exists(Executable), $"mtalint not built: {Executable}");
        return RunProgram(Executable, workingDirectory, args);
    }

    /// <summary>Runs a program with empty standard input and captured output, failing the test if it takes over 60 s.</summary>
    internal static (int Exit, string Stdout, string Stderr) RunProgram(string program, string workingDirectory, IEnumerable<string> args)
    {
        var psi = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = workingDirectory,
        };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{Path.GetFileName(program)} {string.Join(' ', args)} did not finish in 60 s");
        }

        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    [Fact]
    public void Version_help_and_usage_errors_as_a_process()
    {
        var version = Run(Path.GetTempPath(), "--version");
        Assert.Equal(0, version.Exit);
        Assert.Equal(ReleaseInfo.VersionLine(ReleaseInfo.HeadCommit), version.Stdout);

        var help = Run(Path.GetTempPath(), "--help");
        Assert.Equal(0, help.Exit);
        Assert.Contains("Examples:", help.Stdout);

        var bad = Run(Path.GetTempPath(), "--no-such-option");
        Assert.Equal(2, bad.Exit);
        Assert.Contains("unknown option '--no-such-option'", bad.Stderr);
        Assert.Equal(string.Empty, bad.Stdout);
    }

    [Fact]
    public void Missing_input_as_a_process_exits_2_with_relative_paths_and_no_colour_in_a_pipe()
    {
        using var dir = new TempDir();
        var r = Run(dir.Path, "no/such/main.cf", "--format", "text");
        Assert.Equal(2, r.Exit);
        Assert.StartsWith("no/such/main.cf: error[MTA000] no such file or directory\n", r.Stdout);
        Assert.DoesNotContain("\u001b[", r.Stdout);
        Assert.DoesNotContain("   at ", r.Stdout + r.Stderr);
    }
}
