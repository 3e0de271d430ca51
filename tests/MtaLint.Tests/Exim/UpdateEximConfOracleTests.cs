using System.Text.RegularExpressions;
using MtaLint.Model;
using MtaLint.Syntax.Exim;
using MtaLint.Tests.Infrastructure;
using MtaLint.Text;

namespace MtaLint.Tests.Exim;

/// <summary>
/// Debian's update-exim4.conf.conf is read as <c>update-exim4.conf</c> reads it. The real script builds
/// the config from Debian's own conf.d and template with Debian's default file and varied ones
/// (<c>testdata/debian/variants</c>), and the real Exim reads what it built: the macros mtalint makes must
/// be the ones the script writes, and mtalint's model of the unit (every option the config sets, the
/// listeners and whether they are loopback only, the banner) must be what <c>exim -C OUT -bP</c> and
/// <c>exim -C OUT -bs</c> show.
/// </summary>
public partial class UpdateEximConfOracleTests(ITestOutputHelper output)
{
    /// <summary>Debian's default file and the variants, each built from the template and from conf.d.</summary>
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var conf in Confs())
        {
            data.Add(conf, "false");
            data.Add(conf, "true");
        }

        return data;
    }

    private static IEnumerable<string> Confs() =>
        new[] { "etc/exim4/update-exim4.conf.conf" }
            .Concat(Directory.EnumerateFiles(Path.Combine(DebianBuild.DebianTree, "variants")).Order(StringComparer.Ordinal)
                .Select(f => Path.GetRelativePath(DebianBuild.DebianTree, f)));

    /// <summary>
    /// The unit mtalint lints for the tree: update-exim4.conf.conf with the template, or with conf.d. The host
    /// name is Exim's for the built config (its primary_hostname: this machine's name unless the config sets
    /// one), as <c>--hostname</c> would give it; <c>hostname --fqdn</c> in the script said <see cref="DebianBuild.Fqdn"/>.
    /// </summary>
    private static AnalysisResult Lint(string root, bool split, string built)
    {
        var options = EximTestHost.Options with { Hostname = BP(built, "primary_hostname"), Root = root };
        var exim4 = Path.Combine(root, "etc", "exim4");
        var given = split ? Path.Combine(exim4, "conf.d", "main", "02_exim4-config_options") : Path.Combine(exim4, "exim4.conf.template");
        var unit = EximTestHost.Dialect.Group([given], options).Single();
        Assert.Equal(Path.Combine(exim4, "update-exim4.conf.conf"), unit.Paths[0]);
        return EximTestHost.Dialect.Analyze(EximTestHost.Read(unit.Paths), options);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Macros_are_the_ones_update_exim4_conf_writes(string conf, string split)
    {
        var root = DebianBuild.Tree(Path.Combine(DebianBuild.DebianTree, conf), split);
        var built = DebianBuild.Run(root);
        var file = Path.Combine(root, "etc", "exim4", "update-exim4.conf.conf");
        var mine = UpdateEximConf.Read(SourceFile.FromBytes(file, File.ReadAllBytes(file)), DebianBuild.Fqdn, File.ReadAllText(Path.Combine(root, "etc", "mailname")));
        var expected = DebianBuild.Macros(built);
        var actual = mine.Macros is null ? string.Empty : string.Join('\n', mine.Macros.Text.Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#')));
        Assert.Equal(expected, actual);
        Assert.Equal(split == "true", mine.UseSplitConfig);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Model_is_what_exim_reads_from_the_built_config(string conf, string split)
    {
        var root = DebianBuild.Tree(Path.Combine(DebianBuild.DebianTree, conf), split);
        var built = DebianBuild.Run(root);
        Assert.True(EximOracleTests.EximAccepts(built), EximTestHost.RunExim("-C", built, "-bV").Stderr);
        var result = Lint(root, split == "true", built);
        Assert.Empty(result.Errors);
        var config = result.Config!;

        // Every option the config sets, as exim -bP prints it; every router, transport and authenticator
        // option too (Debian's routers and transports add headers_add and headers_remove up).
        var mismatches = EximOracleTests.Mismatches(built, config.EffectiveSettings);
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
        var driverMismatches = EximOracleTests.DriverMismatches(built, config.ScopedSettings);
        Assert.True(driverMismatches.Count == 0, string.Join("\n", driverMismatches));
        Assert.NotEmpty(config.ScopedSettings);

        // The listeners: the ports, and loopback only exactly when every local_interfaces item is.
        var interfaces = BP(built, "local_interfaces");
        var ports = BP(built, "daemon_smtp_ports");
        var items = EximListItems(interfaces);
        var loopback = items.Count > 0 && items.All(i => i.StartsWith("127.", StringComparison.Ordinal) || i == "::1");
        Assert.All(config.Services, s => Assert.Equal(loopback, s.LocalOnly));
        Assert.Equal(EximListItems(ports).Select(p => p == "smtp" ? "25" : p), config.Services.Select(s => s.Port!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        // The greeting Exim sends with this config.
        var session = EximTestHost.RunEximWithInput("QUIT\r\n", "-C", built, "-bs");
        var greeting = session.Stdout.Split("\r\n").TakeWhile(l => l.StartsWith("220", StringComparison.Ordinal)).ToArray();
        Assert.NotEmpty(greeting);
        var banner = config.Services[0].Banner;
        Assert.Equal(greeting.Select(WithoutTime), banner.ReplyLines.Select(WithoutTime));
        output.WriteLine($"{conf} split={split}: {config.EffectiveSettings.Count} options and {config.ScopedSettings.Values.Sum(d => d.Count)} driver options agree; local_interfaces [{interfaces}] loopback={loopback}; {greeting[0]}");
    }

    [Fact]
    public void Debian_default_listens_on_loopback_only_and_gets_no_finding_about_a_public_listener()
    {
        foreach (var split in new[] { "false", "true" })
        {
            var root = DebianBuild.Tree(Path.Combine(DebianBuild.DebianTree, "etc/exim4/update-exim4.conf.conf"), split);
            Assert.Equal("<; 127.0.0.1 ; ::1", BP(DebianBuild.Run(root), "local_interfaces"));
            var given = split == "true" ? "etc/exim4/conf.d" : "etc/exim4/exim4.conf.template";
            var run = Cli.CliRunner.RunReal("--root", root, "--hostname", DebianBuild.Fqdn, "--format", "json", Path.Combine(root, given));
            Assert.Equal(0, run.ExitCode);
            Assert.DoesNotContain("\"rule\"", run.Stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Without_the_file_the_same_config_listens_everywhere_and_is_reported()
    {
        // The contrast that shows the file is read: conf.d alone has no MAIN_LOCAL_INTERFACES.
        var root = DebianBuild.Tree(Path.Combine(DebianBuild.DebianTree, "etc/exim4/update-exim4.conf.conf"), "true");
        File.Delete(Path.Combine(root, "etc", "exim4", "update-exim4.conf.conf"));
        var run = Cli.CliRunner.RunReal("--root", root, "--format", "json", Path.Combine(root, "etc/exim4/conf.d"));
        Assert.Contains("\"MTA101\"", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Agreement_counts()
    {
        int cases = 0, macrosAgree = 0, options = 0, optionsAgree = 0, listenersAgree = 0;
        foreach (var conf in Confs())
        {
            foreach (var split in new[] { "false", "true" })
            {
                cases++;
                var root = DebianBuild.Tree(Path.Combine(DebianBuild.DebianTree, conf), split);
                var built = DebianBuild.Run(root);
                var file = Path.Combine(root, "etc", "exim4", "update-exim4.conf.conf");
                var mine = UpdateEximConf.Read(SourceFile.FromBytes(file, File.ReadAllBytes(file)), DebianBuild.Fqdn, File.ReadAllText(Path.Combine(root, "etc", "mailname")));
                macrosAgree += DebianBuild.Macros(built) == (mine.Macros is null ? string.Empty : string.Join('\n', mine.Macros.Text.Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#')))) ? 1 : 0;
                var config = Lint(root, split == "true", built).Config!;
                options += config.EffectiveSettings.Count;
                optionsAgree += config.EffectiveSettings.Count - EximOracleTests.Mismatches(built, config.EffectiveSettings).Count;
                var items = EximListItems(BP(built, "local_interfaces"));
                var loopback = items.Count > 0 && items.All(i => i.StartsWith("127.", StringComparison.Ordinal) || i == "::1");
                listenersAgree += config.Services.All(s => s.LocalOnly == loopback) ? 1 : 0;
            }
        }

        output.WriteLine($"update-exim4.conf oracle: {cases} builds; macros agree in {macrosAgree}; listeners agree in {listenersAgree}; {optionsAgree} of {options} options agree with exim -bP");
        Assert.Equal((cases, cases, options), (macrosAgree, listenersAgree, optionsAgree));
        Assert.True(cases >= 10, $"{cases} builds");
    }

    /// <summary>
    /// The Debian trees of the gathered repositories (testdata/real), each built by the real update-exim4.conf
    /// from the repository's own update-exim4.conf.conf with its conf.d and with its template, as the file
    /// chooses and the other way: the macros, every option and the listeners of mtalint's model are what the
    /// script writes and Exim reads. Where every listener is loopback only, the rules that judge a listener
    /// (banner, TLS, AUTH, VRFY/EXPN, relay) report nothing. A build the MTA refuses is listed in
    /// <see cref="FixEffect.ExpectedRefusals"/> with its words.
    /// </summary>
    [Fact]
    public void Gathered_debian_trees_are_read_as_update_exim4_conf_and_exim_read_them()
    {
        int builds = 0, refused = 0, macrosAgree = 0, listenersAgree = 0, options = 0, optionsAgree = 0, loopbackOnly = 0;
        var failures = new List<string>();
        foreach (var conf in Directory.EnumerateFiles(Path.Combine(TestPaths.TestData, "real"), UpdateEximConf.FileName, SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var exim4 = Path.GetDirectoryName(conf)!;
            foreach (var (split, input) in new[] { ("true", "conf.d"), ("false", "exim4.conf.template") })
            {
                var source = Path.Combine(exim4, input);
                if (!Path.Exists(source))
                {
                    continue;
                }

                builds++;
                var key = Path.GetRelativePath(TestPaths.RepoRoot, source);
                var root = DebianBuild.Tree(conf, split, exim4);
                try
                {
                    var (built, refusal) = DebianBuild.TryRun(root);
                    refusal ??= EximTestHost.RunExim("-C", built, "-bV") is { ExitCode: not 0 } bv ? "exim -bV: " + bv.Stderr + bv.Stdout : null;
                    var expected = FixEffect.ExpectedRefusals.For("exim", key);
                    if (refusal is not null || expected is not null)
                    {
                        Assert.True(refusal is not null && expected is not null && refusal.Contains(expected, StringComparison.Ordinal),
                            $"{key}: listed as refused for \"{expected}\"; the MTA says: {refusal ?? "nothing, it reads it"}");
                        refused++;
                        continue;
                    }

                    var file = Path.Combine(root, "etc", "exim4", UpdateEximConf.FileName);
                    var mine = UpdateEximConf.Read(SourceFile.FromBytes(file, File.ReadAllBytes(file)), DebianBuild.Fqdn, File.ReadAllText(Path.Combine(root, "etc", "mailname")));
                    var macros = mine.Macros is null ? string.Empty : string.Join('\n', mine.Macros.Text.Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#')));
                    if (DebianBuild.Macros(built) == macros)
                    {
                        macrosAgree++;
                    }
                    else
                    {
                        failures.Add($"{key}: macros differ:\n{DebianBuild.Macros(built)}\n---\n{macros}");
                    }

                    var result = Lint(root, split == "true", built);
                    var config = result.Config!;
                    var mismatches = EximOracleTests.Mismatches(built, config.EffectiveSettings);
                    options += config.EffectiveSettings.Count;
                    optionsAgree += config.EffectiveSettings.Count - mismatches.Count;
                    failures.AddRange(mismatches.Select(m => $"{key}: {m}"));
                    var items = EximListItems(BP(built, "local_interfaces"));
                    var loopback = items.Count > 0 && items.All(i => i.StartsWith("127.", StringComparison.Ordinal) || i == "::1");
                    if (config.Services.All(s => s.LocalOnly == loopback))
                    {
                        listenersAgree++;
                    }
                    else
                    {
                        failures.Add($"{key}: Exim listens on [{string.Join(" ; ", items)}]; mtalint's model says loopback only: {string.Join(", ", config.Services.Select(s => s.LocalOnly))}");
                    }

                    if (loopback)
                    {
                        loopbackOnly++;
                        var run = Cli.CliRunner.RunReal("--root", root, "--hostname", DebianBuild.Fqdn, "--format", "json", "--fail-on", "never", Path.Combine(root, "etc", "exim4", input));
                        failures.AddRange(ListenerRules().Matches(run.Stdout).Select(m => $"{key}: {m.Value} on a config that listens on loopback only"));
                    }
                }
                finally
                {
                    Directory.Delete(root, recursive: true);
                }
            }
        }

        var read = builds - refused;
        output.WriteLine($"gathered Debian trees: {builds} builds ({refused} refused by the MTA, as listed); of {read}: macros agree in {macrosAgree}, "
            + $"listeners in {listenersAgree} ({loopbackOnly} loopback only, no finding about a listener); {optionsAgree} of {options} options agree with exim -bP");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal((read, read, options), (macrosAgree, listenersAgree, optionsAgree));
        Assert.True(read >= 12 && loopbackOnly >= 12, $"{read} builds read, {loopbackOnly} loopback only");
    }

    /// <summary>A finding of a rule that judges a listener: the banner (MTA1xx), TLS and AUTH (MTA2xx), VRFY, EXPN, relay (MTA301-303).</summary>
    [GeneratedRegex(@"""rule"": ""MTA(1\d\d|2\d\d|30[1-3])""")]
    private static partial Regex ListenerRules();

    private static string BP(string config, string name)
    {
        var line = EximTestHost.RunExim("-C", config, "-bP", name).Stdout.Trim();
        return line.StartsWith(name + " =", StringComparison.Ordinal) ? line[(name.Length + 2)..].TrimStart() : string.Empty;
    }

    private static List<string> EximListItems(string list) => MtaLint.Model.Exim.EximList.Split(list).ToList();

    private static string WithoutTime(string line) => TodFull().Replace(line, "<tod_full>");

    [GeneratedRegex(@"[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}")]
    private static partial Regex TodFull();
}
