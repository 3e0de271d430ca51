using MtaLint.Tests.Cli;
using MtaLint.Tests.Infrastructure;

namespace MtaLint.Tests.Robustness;

/// <summary>
/// Mutated configs through the real command line (all dialects and rules), in a temp folder:
/// <c>--diff</c> never writes, <c>--fix</c> never crashes, exits 0/1/2 without a stack trace,
/// and what it writes is stable (a second <c>--fix</c> leaves the file as it is).
/// <c>MTALINT_CLI_FUZZ_MUTANTS</c> sets the mutants per dialect (default 40, a few seconds in CI),
/// <c>MTALINT_FUZZ_SEED</c> the base seed shared with <see cref="FuzzTests"/>.
/// </summary>
public sealed class CliFuzzTests
{
    public static TheoryData<string, string> Dialects() => new()
    {
        { "postfix", "main.cf" },
        { "exim", "exim4.conf" },
        { "sendmail", "sendmail.mc" },
    };

    [Theory]
    [MemberData(nameof(Dialects))]
    public void Mutated_configs_through_the_cli_never_crash_or_damage(string dialect, string fileName)
    {
        var mutants = int.TryParse(Environment.GetEnvironmentVariable("MTALINT_CLI_FUZZ_MUTANTS"), out var m) ? m : 40;
        var baseSeed = int.TryParse(Environment.GetEnvironmentVariable("MTALINT_FUZZ_SEED"), out var s) ? s : 20261122;
        var inputs = new[] { Path.Combine(TestPaths.TestData, dialect), Path.Combine(TestPaths.Corpus, dialect) }
            .Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d, "*", SearchOption.AllDirectories))
            .Where(p => !p.EndsWith(".md", StringComparison.Ordinal) && !p.Contains(".verified.", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(File.ReadAllBytes)
            .ToList();
        Assert.NotEmpty(inputs);

        var failures = new List<string>();
        for (var i = 0; i < mutants; i++)
        {
            var seed = baseSeed + i;
            var random = new Random(seed);
            var (bytes, description) = new Mutator(seed).Mutate(inputs[random.Next(inputs.Count)], inputs[random.Next(inputs.Count)]);
            if (Check(fileName, bytes) is { } failure)
            {
                failures.Add($"seed {seed} ({description}): {failure}");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {mutants} mutants failed:\n" + string.Join("\n", failures.Take(10)));
    }

    private static string? Check(string fileName, byte[] bytes)
    {
        using var dir = new TempDir();
        var path = dir.WriteBytes(fileName, bytes);

        var diff = CliRunner.RunReal("--diff", "--unsafe-fixes", "--color", "never", dir.Path);
        if (Problem("--diff", diff) is { } p1)
        {
            return p1;
        }

        if (!File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes))
        {
            return "--diff wrote the file";
        }

        var fix = CliRunner.RunReal("--fix", "--color", "never", dir.Path);
        if (Problem("--fix", fix) is { } p2)
        {
            return p2;
        }

        var fixedOnce = File.ReadAllBytes(path);
        var again = CliRunner.RunReal("--fix", "--color", "never", dir.Path);
        if (Problem("second --fix", again) is { } p3)
        {
            return p3;
        }

        return File.ReadAllBytes(path).AsSpan().SequenceEqual(fixedOnce) ? null : "a second --fix changed the file again";
    }

    private static string? Problem(string what, CliRunner.Result result)
    {
        if (result.ExitCode is < 0 or > 2)
        {
            return $"{what}: exit {result.ExitCode}: {result.Stderr}";
        }

        // What .NET and mtalint print for an exception, not the word: stdout holds the config's own
        // text (a --diff of a one-line file is the whole file, and corpus comments say "Exception:").
        return result.Stderr.Contains("   at ", StringComparison.Ordinal) || result.Stderr.Contains("internal error", StringComparison.Ordinal)
            || result.All.Contains("Unhandled exception", StringComparison.Ordinal)
            ? $"{what}: a stack trace or exception reached the user: {result.Stderr}"
            : null;
    }
}
