using System.Security.Cryptography;
using System.Text;
using MtaLint.Tests.Infrastructure;

namespace MtaLint.Tests.FixEffect;

/// <summary>
/// Proof that a safe fix changes only what it says. For every unit under <c>testdata/</c> (the cases, the
/// corpus and the gathered real-world configs) and every way of naming it (all its files, each file
/// alone as pre-commit passes them), <c>--fix</c> runs on a copy; the real MTA then reads the unit before
/// and after (<see cref="IEffectOracle"/>). It must still accept it; every setting it reports differently
/// must be one the applied findings name; no TLS level, relay restriction, VRFY/EXPN refusal or
/// AUTH-after-TLS rule may become weaker anywhere (the definitions are in each oracle's Weakenings);
/// a second <c>--fix</c> must change nothing; the command line must write what the in-process run wrote.
/// A unit the MTA refuses before any fix is listed in <see cref="ExpectedRefusals"/> with the MTA's reason,
/// and is still fixed and checked for idempotence.
/// </summary>
public abstract class FixEffectOracleTests(IEffectOracle oracle, ITestOutputHelper output)
{
    protected void Check(string key)
    {
        var unit = FixEffectUnits.ByKey(key);
        var work = Directory.CreateTempSubdirectory("mtalint-fix-effect-").FullName;
        try
        {
            // Oracle output per content: namings that fix the unit alike are read once.
            var read = new Dictionary<string, Effective>(StringComparer.Ordinal);
            Effective Read(string copy)
            {
                var hash = ContentHash(copy);
                if (!read.TryGetValue(hash, out var effective))
                {
                    effective = oracle.Read(unit, copy);
                    read[hash] = effective;
                }

                return effective;
            }

            var pristine = CopyOf(unit, Path.Combine(work, "before"));
            var before = Read(pristine);
            var expected = ExpectedRefusals.For(oracle.Dialect, key);
            if (before.Refusal is null)
            {
                Assert.True(expected is null, $"{key} is listed as refused ({expected}), but the MTA reads it");
            }
            else
            {
                Assert.True(expected is not null, $"the MTA refuses {key}; list it in {nameof(ExpectedRefusals)} with its reason:\n{before.Refusal}");
                Assert.True(before.Refusal.Contains(expected, StringComparison.Ordinal),
                    $"the MTA refuses {key} for another reason than the one listed ({expected}):\n{before.Refusal}");
            }

            var failures = new List<string>();
            var runs = new HashSet<string>(StringComparer.Ordinal);
            int applied = 0, compared = 0;
            for (var i = 0; i < unit.Namings.Count; i++)
            {
                var naming = unit.Namings[i];
                var label = naming.Count == unit.Paths.Count ? "naming the whole unit" : "naming " + naming[0];

                // --fix is a function of the units the named paths make and of the files' bytes: a naming that
                // makes the same units as one already run (any fragment of a conf.d names the whole tree) is not run again.
                if (!runs.Add(FixRun.UnitsOf(InCopy(unit, pristine, naming), pristine)))
                {
                    continue;
                }

                var copy = CopyOf(unit, Path.Combine(work, "fixed" + i));
                var named = InCopy(unit, copy, naming);
                var run = FixRun.Apply(named);
                applied += run.Applied.Count;
                failures.AddRange(run.Problems.Select(p => $"{label}: --fix reported a problem: {p.Replace(copy + "/", string.Empty, StringComparison.Ordinal)}"));

                var cliCopy = CopyOf(unit, Path.Combine(work, "cli" + i));
                var cli = FixRun.Cli(InCopy(unit, cliCopy, naming));
                if (ContentHash(cliCopy) != ContentHash(copy))
                {
                    failures.Add($"{label}: the command line wrote other files than the in-process run (exit {cli.ExitCode}): {cli.Output.Replace(cliCopy + "/", string.Empty, StringComparison.Ordinal)}");
                }

                var fixedHash = ContentHash(copy);
                var again = FixRun.Apply(named);
                if (again.Applied.Count > 0 || ContentHash(copy) != fixedHash)
                {
                    failures.Add($"{label}: a second --fix applied {string.Join(", ", again.Applied.Select(d => d.RuleId))}");
                }

                var after = Read(copy);
                if (before.Refusal is not null)
                {
                    continue; // no reading to compare; idempotence and the command line were checked above
                }

                if (after.Refusal is not null)
                {
                    failures.Add($"{label}: the MTA refuses the fixed config: {after.Refusal}");
                    continue;
                }

                var names = NamedSettings.Of(oracle.Dialect, run.Applied);
                compared += before.Settings.Count;
                foreach (var changed in Effective.Changed(before, after).Where(k => !oracle.Governing(k).Any(names.Contains)))
                {
                    failures.Add($"{label}: {changed} changed from {before.Describe(changed)} to {after.Describe(changed)}, "
                        + $"but the applied findings ({Rules(run)}) name only [{string.Join(", ", names.Order(StringComparer.Ordinal))}]");
                }

                failures.AddRange(oracle.Weakenings(before, after).Select(w => $"{label}: weaker after the fixes ({Rules(run)}): {w}"));
            }

            output.WriteLine($"fix-effect {oracle.Dialect} {key}: namings {unit.Namings.Count} ({runs.Count} run), fixes applied {applied}, "
                + $"settings compared {compared}, oracle readings {read.Count}, refused before the fix: {(before.Refusal is null ? "no" : "yes")}");
            Assert.True(failures.Count == 0, string.Join("\n", failures.Distinct()));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>A repository-relative path in a copy made by <see cref="CopyOf"/>.</summary>
    private static string[] InCopy(FixEffectUnit unit, string copy, IEnumerable<string> paths) =>
        paths.Select(p => Path.Combine(copy, p)).ToArray();

    private static string Rules(FixRun run) => string.Join(", ", run.Applied.Select(d => d.RuleId).Distinct().Order(StringComparer.Ordinal));

    /// <summary>
    /// Copies the unit's root folder to the same repository-relative place below <paramref name="target"/>
    /// (<c>TARGET/testdata/exim/...</c>): dialects recognise some files by their path, and the copy must be
    /// found as the original is. Returns <paramref name="target"/>.
    /// </summary>
    private static string CopyOf(FixEffectUnit unit, string target)
    {
        WritableCopy.Tree(Path.Combine(TestPaths.RepoRoot, unit.Root), Path.Combine(target, unit.Root));
        return target;
    }

    /// <summary>The files under a copy, names and bytes: equal hashes, equal input to the MTA.</summary>
    private static string ContentHash(string folder)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(Path.GetRelativePath(folder, file) + "\0"));
            hash.AppendData(File.ReadAllBytes(file));
            hash.AppendData([0]);
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }
}

public sealed class PostfixFixEffectTests(ITestOutputHelper output) : FixEffectOracleTests(new PostfixEffect(), output)
{
    public static TheoryData<string> Units => FixEffectUnits.Keys("postfix");

    [Theory]
    [MemberData(nameof(Units))]
    public void A_safe_fix_changes_only_what_its_findings_name(string unit) => Check(unit);
}

public sealed class EximFixEffectTests(ITestOutputHelper output) : FixEffectOracleTests(new EximEffect(), output)
{
    public static TheoryData<string> Units => FixEffectUnits.Keys("exim");

    [Theory]
    [MemberData(nameof(Units))]
    public void A_safe_fix_changes_only_what_its_findings_name(string unit) => Check(unit);
}

public sealed class SendmailFixEffectTests(ITestOutputHelper output) : FixEffectOracleTests(new SendmailEffect(), output)
{
    public static TheoryData<string> Units => FixEffectUnits.Keys("sendmail");

    [Theory]
    [MemberData(nameof(Units))]
    public void A_safe_fix_changes_only_what_its_findings_name(string unit) => Check(unit);
}
