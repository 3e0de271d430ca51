using MtaLint.Dialects;
using MtaLint.Engine;
using MtaLint.Model;
using MtaLint.Model.Postfix;
using MtaLint.Rules;
using MtaLint.Syntax.Postfix;
using MtaLint.Tests.FixEffect;
using MtaLint.Tests.Infrastructure;
using MtaLint.Text;

namespace MtaLint.Tests.Postfix;

/// <summary>
/// The real daemons decide which configs Postfix refuses to run (MTA307): for each kind of start-up failure
/// a config the daemon refuses is reported with the daemon's own words at the setting responsible; every
/// typed parameter's refusal is the daemon's, word for word; and across every Postfix unit of the test data
/// (the corpus and the gathered real-world configs included), each master.cf service mtalint says exits is
/// one the real daemon refuses to start, with that error, and no other.
/// </summary>
public sealed class PostfixStartupOracleTests(ITestOutputHelper output)
{
    private static readonly AnalysisOptions Options = new("mx.example.com");

    private const string Stock = "smtp inet n - y - - smtpd\n";

    /// <summary>One kind of refusal: a unit, the service to start, and where the finding must be (file:line:column, or the file alone).</summary>
    public sealed record Case(string Main, string Master, string Service, string Program, string Where);

    public static TheoryData<string> CaseNames() => new(Cases.Keys);

    private static readonly Dictionary<string, Case> Cases = new()
    {
        ["relay: no compatibility_level, no lists"] = new("myhostname = mx.example.com\n", Stock, "smtp/inet", "smtpd", "main.cf"),
        ["relay: compatibility_level 0 written"] = new("myhostname = mx.example.com\ncompatibility_level = 0\n", Stock, "smtp/inet", "smtpd", "main.cf:2:1"),
        ["relay: a recipient list that refuses nothing"] = new("compatibility_level = 0\nsmtpd_recipient_restrictions =\n    permit_mynetworks,\n    permit_sasl_authenticated\n", Stock, "smtp/inet", "smtpd", "main.cf:2:1"),
        ["relay: reject after a plain permit"] = new("compatibility_level = 3.6\nsmtpd_relay_restrictions = permit_mynetworks, permit, reject_unauth_destination\nsmtpd_recipient_restrictions = permit, reject\n", Stock, "smtp/inet", "smtpd", "main.cf:2:1"),
        ["relay: warn_if_reject does not count"] = new("compatibility_level = 3.6\nsmtpd_relay_restrictions = warn_if_reject reject_unauth_destination\n", Stock, "smtp/inet", "smtpd", "main.cf:2:1"),
        ["relay: a class without a working restriction"] = new("compatibility_level = 3.6\nsmtpd_restriction_classes = mine\nmine = permit_mynetworks\nsmtpd_relay_restrictions = mine\n", Stock, "smtp/inet", "smtpd", "main.cf:4:1"),
        ["relay: submission's own list"] = new("compatibility_level = 3.6\n", Stock + "submission inet n - y - - smtpd\n  -o smtpd_relay_restrictions=permit_sasl_authenticated\n", "submission/inet", "smtpd", "master.cf:3:3"),
        ["relay: behind postscreen"] = new("compatibility_level = 3.6\nsmtpd_relay_restrictions = permit_mynetworks\n", "smtp inet n - y - 1 postscreen\nsmtpd pass - - y - - smtpd\n", "smtpd/pass", "smtpd", "main.cf:2:1"),
        ["class: undefined"] = new("compatibility_level = 3.6\nsmtpd_restriction_classes = nowhere\n", Stock, "smtp/inet", "smtpd", "main.cf:2:1"),
        ["bool: smtpd's own"] = new("compatibility_level = 3.6\nsmtpd_tls_auth_only = true\n", Stock, "smtp/inet", "smtpd", "main.cf:2:1"),
        ["bool: every program's"] = new("compatibility_level = 3.6\nsoft_bounce = maybe\n", Stock, "smtp/inet", "smtpd", "main.cf:2:1"),
        ["bool: every program's, in one service's -o"] = new("compatibility_level = 3.6\n", Stock + "submission inet n - y - - smtpd\n  -o soft_bounce=maybe\n", "submission/inet", "smtpd", "master.cf:3:3"),
        ["bool: in -o braces"] = new("compatibility_level = 3.6\n", Stock + "submission inet n - y - - smtpd\n  -o { smtpd_tls_auth_only = sure }\n", "submission/inet", "smtpd", "master.cf:3:3"),
        ["int: a unit after the number"] = new("compatibility_level = 3.6\nsmtpd_recipient_limit = 1k\n", Stock, "smtp/inet", "smtpd", "main.cf:2:1"),
        ["int: below its least value"] = new("compatibility_level = 3.6\nsmtpd_recipient_limit = 0\n", Stock, "smtp/inet", "smtpd", "main.cf:2:1"),
        ["long: a size with a unit"] = new("compatibility_level = 3.6\nmessage_size_limit = 50M\n", Stock, "smtp/inet", "smtpd", "main.cf:2:1"),
        ["time: in words"] = new("compatibility_level = 3.6\nsmtpd_timeout = 5 minutes\n", Stock, "smtp/inet", "smtpd", "main.cf:2:1"),
        ["time: below its least value"] = new("compatibility_level = 3.6\nsmtpd_timeout = 0\n", Stock, "smtp/inet", "smtpd", "main.cf:2:1"),
        ["time: through a reference"] = new("compatibility_level = 3.6\nwait = 5 minutes\nsmtpd_timeout = $wait\n", Stock, "smtp/inet", "smtpd", "main.cf:3:1"),
        ["string: empty where it must not be"] = new("compatibility_level = 3.6\nvirtual_mailbox_base =\n", Stock + "virtual unix - n n - - virtual\n", "virtual/unix", "virtual", "main.cf:2:1"),
        ["tls: a level smtpd does not know"] = new("compatibility_level = 3.6\nsmtpd_tls_security_level = dane\n", Stock, "smtp/inet", "smtpd", "main.cf:2:1"),
        ["tls: a level the smtp client does not know"] = new("compatibility_level = 3.6\nsmtp_tls_security_level = bogus\n", Stock + "smtp unix - - y - - smtp\n", "smtp/unix", "smtp", "main.cf:2:1"),
        ["tls: a client level in one transport's -o, wrapper mode on"] = new("compatibility_level = 3.6\n", Stock + "relay unix - - y - - smtp\n  -o smtp_tls_wrappermode=yes\n  -o smtp_tls_security_level=Mandatory\n", "relay/unix", "smtp", "master.cf:4:3"),
        ["tls: lmtp's own level"] = new("compatibility_level = 3.6\nlmtp_tls_security_level = bogus\n", Stock + "lmtp unix - - y - - lmtp\n", "lmtp/unix", "lmtp", "main.cf:2:1"),
        ["tempfail: an action smtpd does not know"] = new("compatibility_level = 3.6\nunknown_address_tempfail_action = reject\n", Stock, "smtp/inet", "smtpd", "main.cf:2:1"),
        ["tempfail: through reject_tempfail_action"] = new("compatibility_level = 3.6\nreject_tempfail_action = bounce\n", Stock, "smtp/inet", "smtpd", "main.cf:2:1"),
        ["compatibility_level: a comment after the level"] = new("compatibility_level = 3.6 # the default from 3.6 on\n", Stock, "smtp/inet", "smtpd", "main.cf:1:1"),
        ["myhostname: a placeholder left in"] = new("compatibility_level = 3.6\nmyhostname = <mail.example.com>\n", Stock, "smtp/inet", "smtpd", "main.cf:2:1"),
        ["bare newline: a value smtpd does not know"] = new("compatibility_level = 3.6\nsmtpd_forbid_bare_newline = always\n", Stock, "smtp/inet", "smtpd", "main.cf:2:1"),
    };

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void The_daemon_refuses_and_mtalint_reports_its_words_where_the_setting_is(string name)
    {
        var c = Cases[name];
        using var unit = new StagedUnit(c.Main, c.Master);
        var entry = unit.Entry(c.Service);
        var outcome = c.Program switch
        {
            "smtpd" => unit.Daemons.Smtpd(entry.ServiceName, entry.Type, Overrides(entry)),
            "smtp" or "lmtp" => unit.Daemons.Deliverer(c.Program, entry.ServiceName, entry.Type, Overrides(entry)),
            _ => unit.Daemons.Tables(c.Program, entry.ServiceName, entry.Type, Overrides(entry)),
        };
        Assert.True(outcome.Fatal is not null && !unit.Daemons.PassedTables(outcome), $"the real {c.Program} starts:\n{outcome.Log}");

        var fatal = outcome.Fatal!.Replace(unit.Directory, "/etc/postfix", StringComparison.Ordinal); // "file DIR/main.cf: ..."
        var findings = unit.Lint().Where(d => d.RuleId == "MTA307").ToList();
        var finding = Assert.Single(findings, d => d.Message.Contains($"\"{fatal}\"", StringComparison.Ordinal));
        var where = Path.GetFileName(finding.Path) + (finding.Start is { } start ? $":{start}" : string.Empty);
        Assert.Equal(c.Where, where);
        Assert.Equal(Severity.Error, finding.Severity);
        Assert.Null(finding.Fix);

        // The model names the service that stops.
        var failure = Assert.Single(unit.Config.StartupFailures, f => f.Message == fatal);
        Assert.True(failure.Program == PostfixStartupChecks.EveryProgram || failure.Services.Contains(c.Service), $"{failure.Program}: {string.Join(", ", failure.Services)}");
    }

    [Fact]
    public void The_same_services_start_when_the_setting_is_right()
    {
        foreach (var (main, master) in new[]
        {
            ("compatibility_level = 1\n", Stock),
            ("smtpd_recipient_restrictions = permit_mynetworks, reject_unauth_destination\n", Stock),
            ("compatibility_level = 3.6\nsmtpd_relay_restrictions = warn_if_reject reject_unauth_destination, reject\n", Stock),
            ("compatibility_level = 3.6\nsmtpd_restriction_classes = mine\nmine = permit_mynetworks, reject_unauth_destination\nsmtpd_relay_restrictions = mine\n", Stock),
            ("compatibility_level = 3.6\nsmtpd_tls_auth_only = YES\nsmtpd_timeout = 10min\nsmtpd_recipient_limit = +1000\nmessage_size_limit = 0\n", Stock),
            ("compatibility_level = 3.6\nsmtpd_tls_security_level = dane\n", Stock.TrimEnd('\n') + " -o smtpd_tls_wrappermode=yes\n"),
            ("compatibility_level = 3.6\nunknown_address_tempfail_action = DEFER\nsmtpd_forbid_bare_newline = Reject\n", Stock),
        })
        {
            using var unit = new StagedUnit(main, master);
            var entry = unit.Entry("smtp/inet");
            var outcome = unit.Daemons.Smtpd(entry.ServiceName, entry.Type, Overrides(entry));
            Assert.True(outcome.ExitCode == 0 && outcome.Fatal is null, $"{main}: {outcome.Log}");
            Assert.Empty(unit.Config.StartupFailures);
        }
    }

    /// <summary>
    /// The TLS levels as the real smtpd and smtp read them: tls_level_lookup ignores case, smtpd takes the
    /// client's certificate levels as encrypt but exits over dane, and both exit over a word they do not know.
    /// The model's level says the same: a level the daemon exits over is <see cref="TlsLevel.Refused"/> (and an
    /// MTA307 error at the setting), never read as some TLS the server would offer.
    /// </summary>
    [Theory]
    [InlineData("smtpd_tls_security_level", "May", TlsLevel.Opportunistic)]
    [InlineData("smtpd_tls_security_level", "NONE", TlsLevel.None)]
    [InlineData("smtpd_tls_security_level", "Encrypt", TlsLevel.Mandatory)]
    [InlineData("smtpd_tls_security_level", "verify", TlsLevel.Mandatory)]
    [InlineData("smtpd_tls_security_level", "bogus", TlsLevel.Refused)]
    [InlineData("smtpd_tls_security_level", "Dane", TlsLevel.Refused)]
    [InlineData("smtp_tls_security_level", "May", TlsLevel.Opportunistic)]
    [InlineData("smtp_tls_security_level", "DANE", TlsLevel.Opportunistic)]
    [InlineData("smtp_tls_security_level", "Dane-Only", TlsLevel.Mandatory)]
    [InlineData("smtp_tls_security_level", "secure", TlsLevel.Mandatory)]
    [InlineData("smtp_tls_security_level", "bogus", TlsLevel.Refused)]
    [InlineData("smtp_tls_security_level", "mandatory", TlsLevel.Refused)]
    public void A_tls_level_is_read_as_the_daemon_reads_it(string name, string value, TlsLevel expected)
    {
        var server = name.StartsWith("smtpd_", StringComparison.Ordinal);
        using var unit = new StagedUnit($"compatibility_level = 3.6\n{name} = {value}\n", Stock + "smtp unix - - y - - smtp\n");
        var entry = unit.Entry(server ? "smtp/inet" : "smtp/unix");
        var outcome = server
            ? unit.Daemons.Smtpd(entry.ServiceName, entry.Type, Overrides(entry))
            : unit.Daemons.Deliverer("smtp", entry.ServiceName, entry.Type, Overrides(entry));
        var refused = outcome.ExitCode != 0;
        Assert.Equal(expected == TlsLevel.Refused, refused);
        Assert.Equal(refused ? $"fatal: Invalid TLS level \"{value}\"" : null, outcome.Fatal);

        var level = server ? Assert.Single(unit.Config.Services, s => s.Port == 25).Tls.Level : unit.Config.ClientTls!.Level;
        Assert.Equal(expected, level);
        var error = unit.Lint().Where(d => d.RuleId == "MTA307" && d.Message.Contains("Invalid TLS level", StringComparison.Ordinal)).ToList();
        Assert.Equal(refused ? ["main.cf:2:1"] : [], error.Select(d => $"{Path.GetFileName(d.Path)}:{d.Start}"));
    }

    /// <summary>
    /// Every typed parameter the data knows, with a value of the wrong kind and each bound overstepped, in
    /// main.cf: the daemon that reads it (one of its programs; every program's through smtpd) exits with
    /// exactly the error the model predicts.
    /// </summary>
    [Fact]
    public void Each_typed_parameter_is_refused_by_its_daemon_in_the_words_mtalint_uses()
    {
        var probes = new List<(PostfixTypedParameter Parameter, string Value, string Program)>();
        foreach (var p in PostfixTypedParameters.Instance.All)
        {
            var program = p.EveryProgram ? "smtpd" : p.Programs.Contains("smtpd") ? "smtpd" : p.Programs[0];
            probes.Add((p, p.Kind switch
            {
                PostfixValueKind.Bool => "maybe",
                PostfixValueKind.Time => "5 minutes",
                PostfixValueKind.Text or PostfixValueKind.RawText => string.Empty,
                _ => "12x",
            }, program));
            if (p.Min > 0 && p.Kind is PostfixValueKind.IntNumber or PostfixValueKind.LongNumber or PostfixValueKind.Time)
            {
                probes.Add((p, (p.Min - 1).ToString(System.Globalization.CultureInfo.InvariantCulture) + (p.Kind == PostfixValueKind.Time ? "s" : string.Empty), program));
            }

            if (p.Max > 0)
            {
                probes.Add((p, (p.Max + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) + (p.Kind == PostfixValueKind.Time ? "s" : string.Empty), program));
            }
        }

        var wrong = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.ForEach(probes, new ParallelOptions { MaxDegreeOfParallelism = 16 }, probe =>
        {
            var (p, value, program) = probe;
            var predicted = p.Refusal(value);

            // The program's own strings that must not be empty and are by default (virtual_mailbox_base) get a value, so that only the probe fails.
            var needed = PostfixTypedParameters.Instance.OfProgram(program)
                .Where(q => q.Name != p.Name && q.Min > 0 && q.Kind is PostfixValueKind.Text && PostfixDefaults.Instance.Values.GetValueOrDefault(q.Name) == string.Empty)
                .Select(q => $"{q.Name} = x\n");
            using var unit = new StagedUnit($"compatibility_level = 3.6\n{string.Concat(needed)}{p.Name} = {value}\n", $"probe unix - n n - - {program}\n");
            var outcome = unit.Daemons.Tables(program, "probe", "unix", []);
            if (predicted is null || outcome.Fatal != "fatal: " + predicted)
            {
                wrong.Add($"{p.Name} = {value} ({program}): Postfix says {outcome.Fatal ?? "nothing"}, mtalint {predicted ?? "nothing"}");
            }
        });

        var kinds = PostfixTypedParameters.Instance.All.DistinctBy(p => p.Name).GroupBy(p => p.Kind).Select(g => $"{g.Count()} {g.Key}");
        output.WriteLine($"{PostfixTypedParameters.Instance.All.Select(p => p.Name).Distinct().Count()} typed parameters ({string.Join(", ", kinds)}), "
            + $"{PostfixTypedParameters.Instance.EveryProgram.Count} read by every program; {probes.Count} refusals checked");
        Assert.True(wrong.IsEmpty, string.Join("\n", wrong.Order(StringComparer.Ordinal)));
        Assert.True(PostfixTypedParameters.Instance.All.Count >= 200, $"only {PostfixTypedParameters.Instance.All.Count} typed parameters");
    }

    /// <summary>
    /// What the host supplies, not the config: Debian's Postfix reads <c>myorigin = /etc/mailname</c> from the
    /// host's file, and looks up the users and group the config names (macOS's <c>_postfix</c>). A service
    /// refused over one of these is started again with the host's own value, so that the rest is judged.
    /// </summary>
    private static readonly (string Fatal, string Override)[] HostFacts =
    [
        ("cannot open file: No such file or directory", "myorigin=$myhostname"),
        ("parameter mail_owner: unknown user name value", "mail_owner=postfix"),
        ("parameter setgid_group: unknown group name", "setgid_group=postdrop"),
        ("parameter default_privs: unknown user name value", "default_privs=nobody"),
    ];

    /// <summary>
    /// Refusals the model does not know, each with why: a test-data unit that adds one fails until it is
    /// modelled or listed here.
    /// </summary>
    private static readonly Dictionary<string, string> Unmodelled = new()
    {
        // "#tail" after a value is no comment in main.cf; smtpd opens it as a table name (local_recipient_maps has $alias_maps).
        ["testdata/postfix/continuations/main.cf smtp/inet: fatal: open dictionary: expecting \"type:name\" form instead of \"#tail\""] = "table names",
    };

    /// <summary>
    /// Every Postfix unit under testdata/: each master.cf service (the stock master.cf's without one) is started
    /// as master would start it, smtpd through its session, every other daemon through its tables. A service
    /// mtalint says exits must exit with that error; a service it says nothing about must start, unless what
    /// refuses it is Postfix's own default that the config does not write (the stock <c>virtual</c> service's
    /// empty <c>virtual_mailbox_base</c>, which only matters when mail goes to it), or a kind of check listed in
    /// <see cref="Unmodelled"/>.
    /// </summary>
    [Fact]
    public void Across_the_test_data_mtalint_reports_exactly_the_services_the_daemons_refuse()
    {
        var units = FixEffectUnits.All.Where(u => u.Dialect == "postfix").ToList();
        var disagreements = new System.Collections.Concurrent.ConcurrentBag<string>();
        var refused = new System.Collections.Concurrent.ConcurrentBag<string>();
        var defaults = new System.Collections.Concurrent.ConcurrentBag<string>();
        var hostFacts = new System.Collections.Concurrent.ConcurrentBag<string>();
        var unmodelled = new System.Collections.Concurrent.ConcurrentBag<string>();
        var findings = new System.Collections.Concurrent.ConcurrentBag<string>();
        var unreadable = new System.Collections.Concurrent.ConcurrentBag<string>();
        var started = 0;
        Parallel.ForEach(units, new ParallelOptions { MaxDegreeOfParallelism = 6 }, u =>
        {
            var paths = u.Paths.Select(PostfixFiles.Absolute).ToList();
            var main = paths.FirstOrDefault(p => !PostfixFiles.IsMaster(p));
            var master = paths.FirstOrDefault(PostfixFiles.IsMaster);
            if (StagedUnit.Unreadable(main, master) is { } error)
            {
                unreadable.Add($"{u.Key}: {error}"); // MTA000: mtalint, like postconf, reads no further
                return;
            }

            using var unit = new StagedUnit(main is null ? null : File.ReadAllText(main), master is null ? null : File.ReadAllText(master));
            foreach (var d in unit.Lint().Where(d => d.RuleId == "MTA307"))
            {
                findings.Add($"{u.Key}:{d.Start?.ToString() ?? string.Empty}: {d.Message}");
            }

            // Services with the same program and overrides start alike: each such group once.
            var groups = unit.Entries()
                .Where(e => PostfixDaemons.IsDaemon(e.CommandName))
                .GroupBy(e => (e.CommandName, string.Join("\n", Overrides(e).Select(o => o.Name + "=" + o.Value))));
            Parallel.ForEach(groups, new ParallelOptions { MaxDegreeOfParallelism = 4 }, group =>
            {
                var entry = group.First();
                var overrides = Overrides(entry).ToList();

                // What the host supplies is found by the first service that meets it; the others then start with it.
                var at = $"{u.Key} {entry.NameSpace}";
                PostfixDaemons.Outcome outcome;
                try
                {
                    while (true)
                    {
                        var given = unit.Daemons.HostOverrides;
                        outcome = entry.CommandName == "smtpd"
                            ? unit.Daemons.Smtpd(entry.ServiceName, entry.Type, overrides)
                            : unit.Daemons.Tables(entry.CommandName, entry.ServiceName, entry.Type, overrides);
                        var fact = HostFacts.FirstOrDefault(f => outcome.Fatal?.Contains(f.Fatal, StringComparison.Ordinal) == true);
                        var (name, value) = fact.Override is null ? default : Split(fact.Override);
                        if (fact.Override is null || given.Contains((name, value)))
                        {
                            break;
                        }

                        hostFacts.Add($"{u.Key}: {outcome.Fatal?.Replace(unit.Directory, "/etc/postfix", StringComparison.Ordinal)} (started again with -o {fact.Override})");
                        unit.Daemons.AddHostOverride(name, value);
                    }
                }
                catch (TimeoutException e)
                {
                    disagreements.Add($"{at} ({entry.CommandName}): {e.Message}");
                    return;
                }

                var refusedByPostfix = entry.CommandName == "smtpd" ? outcome.ExitCode != 0 : !unit.Daemons.PassedTables(outcome);
                var fatal = outcome.Fatal?.Replace(unit.Directory, "/etc/postfix", StringComparison.Ordinal);
                var predicted = unit.Config.StartupFailures
                    .Where(f => f.Program == PostfixStartupChecks.EveryProgram || group.Any(e => f.Services.Contains(e.NameSpace)))
                    .Select(f => f.Message)
                    .ToList();
                if (refusedByPostfix)
                {
                    refused.Add($"{at}: {fatal}");
                    if (fatal is not null && predicted.Contains(fatal))
                    {
                        return;
                    }

                    if (predicted.Count == 0 && fatal is not null && unit.RefusedByDefault(fatal, entry) is { } parameter)
                    {
                        defaults.Add($"{at}: {fatal} ({parameter} is not written)");
                    }
                    else if (Unmodelled.ContainsKey($"{at}: {fatal}"))
                    {
                        unmodelled.Add($"{at}: {fatal}");
                    }
                    else
                    {
                        disagreements.Add($"{at} ({entry.CommandName}): Postfix refuses with {fatal ?? outcome.Log}; mtalint predicts {(predicted.Count == 0 ? "nothing" : string.Join(" | ", predicted))}");
                    }
                }
                else
                {
                    Interlocked.Increment(ref started);
                    if (predicted.Count > 0)
                    {
                        disagreements.Add($"{at} ({entry.CommandName}): Postfix starts; mtalint predicts {string.Join(" | ", predicted)}");
                    }
                }
            });
        });

        output.WriteLine($"{units.Count} Postfix units; {started} service groups start, {refused.Count} are refused:");
        foreach (var line in refused.Order(StringComparer.Ordinal))
        {
            output.WriteLine("  " + line);
        }

        Report("over Postfix's own default, not judged", defaults);
        Report("over what the host supplies, started again with the host's value", hostFacts);
        Report("over a check mtalint does not model", unmodelled);
        output.WriteLine($"{unreadable.Count} units mtalint cannot read (MTA000), not started: {string.Join("; ", unreadable.Order(StringComparer.Ordinal))}");
        Report("MTA307 findings", findings);
        Assert.True(disagreements.IsEmpty, string.Join("\n", disagreements.Order(StringComparer.Ordinal)));
        Assert.Equal(Unmodelled.Keys.Order(StringComparer.Ordinal), unmodelled.Distinct().Order(StringComparer.Ordinal));
        Assert.True(units.Count >= 50, $"only {units.Count} Postfix units");
        Assert.True(started >= 700, $"only {started} service groups started");

        void Report(string what, IEnumerable<string> lines)
        {
            var all = lines.Distinct().Order(StringComparer.Ordinal).ToList();
            output.WriteLine($"{all.Count} {what}:");
            foreach (var line in all)
            {
                output.WriteLine("  " + line);
            }
        }

        static (string Name, string Value) Split(string nameValue) => (nameValue[..nameValue.IndexOf('=')], nameValue[(nameValue.IndexOf('=') + 1)..]);
    }

    private static IEnumerable<(string Name, string Value)> Overrides(MasterCfEntry entry) => entry.Overrides.Select(o => (o.Name, o.Value));

    /// <summary>A unit staged for the daemons (Debian's stock master.cf when it has none), with mtalint's reading of it.</summary>
    private sealed class StagedUnit : IDisposable
    {
        private readonly string _dir;
        private readonly SourceFile? _main;
        private readonly SourceFile? _master;

        public StagedUnit(string? main, string? master)
        {
            _dir = System.IO.Directory.CreateTempSubdirectory("mtalint-startup-").FullName;
            var files = new List<string>();
            if (main is not null)
            {
                File.WriteAllText(Path.Combine(_dir, "main.cf"), main);
                _main = new SourceFile("main.cf", main);
            }
            else
            {
                // A lone master.cf is judged on what it writes, not on the defaults of a main.cf no one has
                // seen (level 0 would refuse every smtpd): the daemons get a main.cf that refuses nothing.
                File.WriteAllText(Path.Combine(_dir, "main.cf"), "compatibility_level = 3.6\n");
            }

            if (master is not null)
            {
                File.WriteAllText(Path.Combine(_dir, "master.cf"), master);
                _master = new SourceFile("master.cf", master);
            }
            else
            {
                File.Copy(Path.Combine(PostfixFiles.DebianFolder, "master.cf.dist"), Path.Combine(_dir, "master.cf"));
            }

            Daemons = new PostfixDaemons(_dir);
            var analysis = new PostfixDialect().Analyze(Files, Options);
            Assert.True(analysis.Succeeded, string.Join("\n", analysis.Errors.Select(e => $"{e.Location}: {e.Message}")));
            Config = analysis.Config!;
        }

        /// <summary>Why mtalint cannot read a unit (its MTA000), else null.</summary>
        public static string? Unreadable(string? main, string? master)
        {
            var files = new[] { main, master }.OfType<string>().Select(p => new SourceFile(Path.GetFileName(p), File.ReadAllText(p))).ToArray();
            var analysis = new PostfixDialect().Analyze(files, Options);
            return analysis.Succeeded ? null : string.Join(", ", analysis.Errors.Select(e => $"{e.Location}: {e.Message}"));
        }

        public PostfixDaemons Daemons { get; }

        /// <summary>The staged config folder, as the daemons name it in their messages (<c>file DIR/main.cf</c>).</summary>
        public string Directory => _dir;

        /// <summary>
        /// The typed parameter a refusal names when neither main.cf nor the entry's <c>-o</c> writes it (Postfix
        /// refused its own default); else null.
        /// </summary>
        public string? RefusedByDefault(string fatal, MasterCfEntry entry)
        {
            var named = PostfixTypedParameters.Instance.All.Select(p => p.Name).FirstOrDefault(n =>
                fatal.EndsWith($": {n} = ", StringComparison.Ordinal) || fatal.Contains($": {n} = ", StringComparison.Ordinal));
            if (named is null)
            {
                return null;
            }

            var written = (_main is null ? [] : MainCfParser.Parse(_main).Assignments.Select(a => a.Name)).Concat(entry.Overrides.Select(o => o.Name));
            return written.Contains(named) ? null : named;
        }

        public MtaConfig Config { get; }

        private IReadOnlyList<SourceFile> Files => new[] { _main, _master }.OfType<SourceFile>().ToArray();

        /// <summary>The master.cf entries the daemons run: the unit's own, else the stock master.cf's.</summary>
        public IReadOnlyList<MasterCfEntry> Entries() =>
            MasterCfParser.Parse(_master ?? new SourceFile("master.cf", File.ReadAllText(Path.Combine(_dir, "master.cf")))).Entries;

        public MasterCfEntry Entry(string nameSpace) => Entries().First(e => e.NameSpace == nameSpace);

        public IReadOnlyList<Diagnostic> Lint() => new Linter(RuleSet.Default, Options).Lint(new PostfixDialect(), Files).Diagnostics;

        public void Dispose()
        {
            Daemons.Dispose();
            System.IO.Directory.Delete(_dir, recursive: true);
        }
    }
}
