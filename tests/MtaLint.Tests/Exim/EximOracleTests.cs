using System.Text.RegularExpressions;
using MtaLint.Tests.Infrastructure;

namespace MtaLint.Tests.Exim;

/// <summary>
/// The real Exim (Debian's 4.96, unpacked by scripts/oracles.sh) decides: for every config it
/// accepts (<c>-bV</c>), each main option the file sets must read as <c>exim -C FILE -bP NAME</c>
/// prints it, each option a router, transport or authenticator sets as <c>-bP routers</c> (...)
/// prints it (options that add up, such as <c>headers_remove</c>, with all their values joined), and the banner must render as the first line(s) of <c>exim -C FILE -bs</c> (the
/// time is compared by pattern: it moves on between the two runs). A config Exim refuses must be
/// listed in <see cref="ExpectedRefusals"/>.
/// </summary>
public partial class EximOracleTests(ITestOutputHelper output)
{
    /// <summary>
    /// Configs Exim refuses as they are (<c>-bV</c>), each with words of its refusal (checked, so a config
    /// refused for another reason is noticed) and why. A config listed here that Exim reads fails the tests too.
    /// </summary>
    private static readonly Dictionary<string, string> ExpectedRefusals = new(StringComparer.Ordinal)
    {
        // Written for an Exim built with OpenSSL (Alpine); Debian's Exim uses GnuTLS.
        ["testdata/corpus/exim/devture__exim-relay__exim.conf"] = "openssl_options is set but we're using GnuTLS",

        // Options of builds with more compiled in than Debian's exim4-daemon-light (the oracle): content
        // scanning (exim4-daemon-heavy) and DMARC (PLD's build).
        ["testdata/corpus/exim/hestiacp__hestiacp__install_deb_exim_exim4.conf.template"] = "main option \"acl_smtp_mime\" unknown",
        ["testdata/corpus/exim/kisilam__fastpanel-sieve-filtering__exim4_exim4.conf.template"] = "main option \"spamd_address\" unknown",
        ["testdata/corpus/exim/pld-linux__exim__exim4.conf"] = "main option \"dmarc_tld_file\" unknown",

        // Fragments of a split config (an ACL, a transport, a file made to be included): alone, their
        // section's "begin" line is missing, so Exim reads their names as main options.
        ["testdata/corpus/exim/jprk__etckeeper.zolotarev__exim4_conf.d_acl_30_exim4-config_check_rcpt"] = "main option \"acl_check_rcpt\" unknown",
        ["testdata/corpus/exim/jprk__etckeeper.zolotarev__exim4_conf.d_transport_30_exim4-config_remote_smtp"] = "main option \"remote_smtp\" unknown",
        ["testdata/corpus/exim/norm__config-pubstandards__exim_acl.conf"] = "main option \"acl_check_rcpt\" unknown",

        // Includes files by absolute path (/etc/exim/basic.conf) that the corpus does not hold.
        ["testdata/corpus/exim/norm__config-pubstandards__exim_configure"] = "failed to open included configuration file /etc/exim/basic.conf",
    };

    public static TheoryData<string> Configs()
    {
        var data = new TheoryData<string>();
        foreach (var path in EximTestHost.TestDataConfigs().Concat(TestPaths.CorpusFiles("exim")))
        {
            data.Add(path);
        }

        data.Add(Path.Combine(TestPaths.OracleRoot, "etc", "exim4", "exim4.conf.template"));
        return data;
    }

    /// <summary>
    /// Whether Exim accepts <paramref name="path"/>, asserting that it refuses exactly the configs in
    /// <see cref="ExpectedRefusals"/>, and for the reason listed.
    /// </summary>
    public static bool EximAccepts(string path)
    {
        var check = EximTestHost.RunExim("-C", path, "-bV");
        var key = Path.GetRelativePath(TestPaths.RepoRoot, path);
        if (ExpectedRefusals.TryGetValue(key, out var refusal))
        {
            Assert.True(check.ExitCode != 0, $"{key} is listed as refused ({refusal}), but exim -bV accepts it");
            Assert.True(check.Stderr.Contains(refusal, StringComparison.Ordinal), $"exim refuses {key} for another reason than the one listed ({refusal}):\n{check.Stderr}");
            return false;
        }

        Assert.True(check.ExitCode == 0, $"exim -bV refuses {key}; list it in {nameof(ExpectedRefusals)} with its reason:\n{check.Stderr}");
        return true;
    }

    [Theory]
    [MemberData(nameof(Configs))]
    public void Settings_equal_exim_bP_for_every_option_the_file_sets(string path)
    {
        var result = EximTestHost.Analyze(path);
        var accepted = EximAccepts(path);
        if (result.Errors.Count > 0)
        {
            // What mtalint refuses, Exim refuses too (a missing include, a macro defined twice...).
            Assert.False(accepted, "mtalint reports errors Exim does not: " + string.Join("; ", result.Errors));
            return;
        }

        Assert.NotNull(result.Config);
        if (!accepted)
        {
            // An expected refusal (options of other builds, a fragment read alone): no oracle to compare with.
            return;
        }

        var mismatches = Mismatches(path, result.Config!.EffectiveSettings);
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
        Assert.NotEmpty(result.Config.EffectiveSettings);
    }

    [Theory]
    [MemberData(nameof(Configs))]
    public void Driver_settings_equal_exim_bP_for_every_option_a_driver_sets(string path)
    {
        var result = EximTestHost.Analyze(path);
        if (result.Errors.Count > 0 || !EximAccepts(path))
        {
            // The test above checks that mtalint and Exim refuse alike; no reading to compare here.
            return;
        }

        var mismatches = DriverMismatches(path, result.Config!.ScopedSettings);
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    /// <summary>
    /// Each driver option in <paramref name="scoped"/> against <c>exim -bP routers transports authenticators</c>
    /// (one run: a <c>NAME router:</c> line, then that router's options).
    /// </summary>
    internal static List<string> DriverMismatches(string path, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> scoped)
    {
        var shown = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        Dictionary<string, string>? current = null;
        foreach (var line in EximTestHost.RunExim("-C", path, "-bP", "routers", "transports", "authenticators").Stdout.Split('\n'))
        {
            var header = DriverHeader().Match(line);
            if (header.Success)
            {
                current = new Dictionary<string, string>(StringComparer.Ordinal);
                shown[$"exim {header.Groups[2].Value}s {header.Groups[1].Value}"] = current;
            }
            else if (current is not null && line.Length > 0)
            {
                var eq = line.IndexOf(" =", StringComparison.Ordinal);
                var (name, value) = eq > 0 ? (line[..eq], line[(eq + 2)..].TrimStart(' '))
                    : line.StartsWith("no_", StringComparison.Ordinal) ? (line[3..], "false") : (line, "true");
                current[name] = value;
            }
        }

        var mismatches = new List<string>();
        foreach (var (scope, settings) in scoped)
        {
            if (!shown.TryGetValue(scope, out var exim))
            {
                mismatches.Add($"{Path.GetFileName(path)}: exim -bP shows no {scope}");
                continue;
            }

            foreach (var (name, value) in settings)
            {
                var expected = exim.TryGetValue(name, out var v) ? v : "<not shown>";
                if (expected != value)
                {
                    mismatches.Add($"{Path.GetFileName(path)}: {scope} {name}: mtalint [{value}] exim [{expected}]");
                }
            }
        }

        return mismatches;
    }

    [GeneratedRegex(@"^(\S+) (router|transport|authenticator):$")]
    private static partial Regex DriverHeader();

    internal static List<string> Mismatches(string path, IReadOnlyDictionary<string, string> settings)
    {
        var names = settings.Keys.ToArray();
        var bp = EximTestHost.RunExim(["-C", path, "-bP", .. names]);
        var lines = bp.Stdout.Split('\n').Where(l => l.Length > 0).ToArray();
        var mismatches = new List<string>();
        if (lines.Length != names.Length)
        {
            mismatches.Add($"exim -bP printed {lines.Length} lines for {names.Length} options: {bp.Stdout}{bp.Stderr}");
            return mismatches;
        }

        for (var i = 0; i < names.Length; i++)
        {
            var expected = lines[i] == names[i] ? "true"
                : lines[i] == "no_" + names[i] ? "false"
                : lines[i].StartsWith(names[i] + " =", StringComparison.Ordinal) ? lines[i][(names[i].Length + 2)..].TrimStart(' ')
                : "<" + lines[i] + ">";
            if (expected != settings[names[i]])
            {
                mismatches.Add($"{Path.GetFileName(path)}: {names[i]}: mtalint [{settings[names[i]]}] exim [{expected}]");
            }
        }

        return mismatches;
    }

    [Theory]
    [MemberData(nameof(Configs))]
    public void Banner_renders_as_exim_sends_it(string path)
    {
        if (!EximAccepts(path))
        {
            return; // an expected refusal (EximAccepts checks it is listed): Exim starts no session to compare with
        }

        var hostname = EximTestHost.RunExim("-C", path, "-bP", "primary_hostname").Stdout.Trim().Replace("primary_hostname = ", string.Empty);
        var options = EximTestHost.Options with { Hostname = hostname };
        var config = EximTestHost.Dialect.Analyze(EximTestHost.Read([path]), options).Config!;
        var banner = config.Services[0].Banner;
        var session = EximTestHost.RunEximWithInput("QUIT\r\n", "-C", path, "-bs");
        if (!session.Stdout.StartsWith("220", StringComparison.Ordinal) && session.Stderr.Contains("log file", StringComparison.Ordinal))
        {
            // The config logs where this machine has no folder for Exim: a copy without
            // log_file_path (which has no bearing on the banner) starts a session.
            var copy = Path.Combine(Directory.CreateTempSubdirectory("mtalint-exim-").FullName, Path.GetFileName(path));
            File.WriteAllLines(copy, File.ReadAllLines(path).Select(l => l.TrimStart().StartsWith("log_file_path", StringComparison.Ordinal) ? "# " + l : l));
            session = EximTestHost.RunEximWithInput("QUIT\r\n", "-C", copy, "-bs");
        }

        var greeting = session.Stdout.Split("\r\n").TakeWhile(l => l.StartsWith("220", StringComparison.Ordinal)).ToArray();
        Assert.NotEmpty(greeting);
        Assert.Equal(greeting.Length, banner.ReplyLines.Count);
        for (var i = 0; i < greeting.Length; i++)
        {
            Assert.Equal(WithoutTime(greeting[i]), WithoutTime(banner.ReplyLines[i]));
        }
    }

    /// <summary>Exim's $tod_full: <c>Sun, 22 Nov 2026 03:22:41 +0000</c>.</summary>
    private static string WithoutTime(string line) => TodFull().Replace(line, "<tod_full>");

    [GeneratedRegex(@"[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}")]
    private static partial Regex TodFull();

    [Fact]
    public void Agreement_over_testdata_and_corpus()
    {
        int files = 0, accepted = 0, options = 0, agreed = 0, driverOptions = 0, driverAgreed = 0;
        foreach (var path in Configs().Select(r => (string)r.Data))
        {
            files++;
            if (!EximAccepts(path))
            {
                output.WriteLine($"exim -bV refuses {Path.GetFileName(path)}, as listed");
                continue;
            }

            accepted++;
            var config = EximTestHost.Analyze(path).Config!;
            var settings = config.EffectiveSettings;
            var mismatches = Mismatches(path, settings);
            options += settings.Count;
            agreed += settings.Count - mismatches.Count;
            var written = config.ScopedSettings.Values.Sum(s => s.Count);
            driverOptions += written;
            driverAgreed += written - DriverMismatches(path, config.ScopedSettings).Count;
        }

        output.WriteLine($"exim accepts {accepted} of {files} configs; mtalint agrees with exim -bP on {agreed} of {options} main options and {driverAgreed} of {driverOptions} driver options");
        Assert.Equal(options, agreed);
        Assert.Equal(driverOptions, driverAgreed);
        Assert.True(accepted >= 4, $"only {accepted} configs could be checked against exim");
    }
}
