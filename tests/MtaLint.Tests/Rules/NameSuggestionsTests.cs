using MtaLint.Dialects;
using MtaLint.Engine;
using MtaLint.Model;
using MtaLint.Rules.Settings;
using MtaLint.Tests.Infrastructure;
using MtaLint.Text;

namespace MtaLint.Tests.Rules;

/// <summary>
/// "Did you mean" searches a trie of the known names. It must suggest exactly what comparing the
/// name with every known name suggests (<see cref="BruteForceSuggestions"/>, the algorithm it
/// replaced), on real configs and on random names made to be close to each other.
/// </summary>
public sealed class NameSuggestionsTests
{
    private static readonly Linter Linter = new(RuleSet.Default, new AnalysisOptions(Hostname: "mx.example.com"));

    [Theory]
    [InlineData("smtpd_tls_securty_level", "smtpd_tls_security_level")]
    [InlineData("smtpd_tls_securtiy_level", "smtpd_tls_security_level")] // a swap is one edit
    [InlineData("disable_vrfy_comamnd", "disable_vrfy_command")]
    [InlineData("MyHostname", "myhostname")] // case alone: distance 0
    [InlineData("mydomian", "mydomain")]
    [InlineData("smtpx_tls_security_level", "smtp_tls_security_level|smtpd_tls_security_level")] // both one edit away: ties by name
    [InlineData("abcd", "")] // a short name gets one edit only
    [InlineData("myhostname", "")] // never the name itself
    [InlineData("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz", "")]
    public void Suggests_the_closest_known_names(string name, string expected)
    {
        string[] known = ["smtpd_tls_security_level", "smtp_tls_security_level", "disable_vrfy_command", "myhostname", "mydomain", "wxyz", "abxy"];

        var suggestions = new NameSuggestions(known).For(name);

        Assert.Equal(expected.Split('|', StringSplitOptions.RemoveEmptyEntries), suggestions);
        Assert.Equal(BruteForceSuggestions.For(name, known), suggestions);
    }

    /// <summary>The files of <see cref="RealConfigs"/> that mtalint cannot read (no model, so no names to compare); any other must be read.</summary>
    private static readonly HashSet<string> Unreadable = new(StringComparer.Ordinal)
    {
        // Test cases that exist to be unreadable.
        "testdata/postfix/invalid-macro/main.cf",
        "testdata/postfix/invalid-master-field/master.cf",
        "testdata/postfix/invalid-missing-equals/main.cf",

        // Templates whose installer replaces placeholders and directives (PH_*, %{name}) before Postfix reads them
        // (Jinja2 templates are read: TestDataTemplates).
        "testdata/corpus/postfix/iredmail__iRedMail__samples_postfix_master.cf",
        "testdata/corpus/postfix/modoboa__modoboa-installer__modoboa_installer_scripts_files_postfix_main.cf.tpl",
        "testdata/corpus/postfix/modoboa__modoboa-installer__modoboa_installer_scripts_files_postfix_master.cf.tpl",

        // Fragments of a split Exim config read alone: without their section's "begin" line, their names read as main options.
        "testdata/corpus/exim/jprk__etckeeper.zolotarev__exim4_conf.d_acl_30_exim4-config_check_rcpt",
        "testdata/corpus/exim/jprk__etckeeper.zolotarev__exim4_conf.d_transport_30_exim4-config_remote_smtp",
        "testdata/corpus/exim/norm__config-pubstandards__exim_acl.conf",
    };

    public static TheoryData<string, string> RealConfigs()
    {
        var data = new TheoryData<string, string>();
        foreach (var mta in RegisteredDialects.Names)
        {
            foreach (var path in TestPaths.CorpusFiles(mta).Concat(Directory.EnumerateFiles(Path.Combine(TestPaths.TestData, mta), "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)))
            {
                data.Add(mta, path);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RealConfigs))]
    public void On_real_configs_every_name_and_typo_gets_what_brute_force_gives(string mta, string path)
    {
        foreach (var scans in new[] { 0, NameSuggestions.DefaultScansBeforeIndex, int.MaxValue })
        {
            CompareOnRealConfig(mta, path, scans);
        }
    }

    private static void CompareOnRealConfig(string mta, string path, int scansBeforeIndex)
    {
        var dialect = DialectRegistry.Find(mta)!;
        var file = SourceFile.FromBytes(path, File.ReadAllBytes(path));
        var config = Linter.Lint(dialect, [file]).Config;
        var relative = Path.GetRelativePath(TestPaths.RepoRoot, path);
        if (Unreadable.Contains(relative))
        {
            // A file mtalint cannot read has no names to suggest.
            Assert.True(config is null, $"{relative} is listed as unreadable, but mtalint reads it");
            return;
        }

        Assert.True(config is not null, $"mtalint cannot read {relative}; list it in {nameof(Unreadable)} if that is meant");

        // What MTA304 searches (the names the MTA knows) and what MTA306 searches (those and the file's own).
        var known = config.KnownSettingNames.ToArray();
        var all = known.Concat(config.Assignments.Select(a => a.Name)).Distinct(StringComparer.Ordinal).ToArray();
        var random = new Random(path.Length);
        var queries = config.Assignments.Select(a => a.Name).Concat(config.References.Select(r => r.Name)).Distinct().ToList();
        queries.AddRange(queries.SelectMany(q => new[] { Typo(q, random), Typo(Typo(q, random), random), Typo(Typo(Typo(q, random), random), random) }).ToArray());
        queries.AddRange(known.Take(50).Select(k => Typo(k, random)));
        var knownIndex = new NameSuggestions(known, scansBeforeIndex);
        var allIndex = new NameSuggestions(all, scansBeforeIndex);
        var sharedIndex = new NameSuggestions(config.KnownSettingNames, scansBeforeIndex); // the built-in names' shared trie, then the config's own
        foreach (var query in queries)
        {
            Assert.Equal(BruteForceSuggestions.For(query, known), knownIndex.For(query));
            Assert.Equal(BruteForceSuggestions.For(query, known), sharedIndex.For(query));
            Assert.Equal(BruteForceSuggestions.For(query, all), allIndex.For(query));
        }
    }

    [Theory]
    [InlineData(0)] // the trie from the first name on
    [InlineData(NameSuggestions.DefaultScansBeforeIndex)] // a few scans, then the trie
    [InlineData(int.MaxValue)] // scans only
    public void On_random_close_names_it_suggests_what_brute_force_gives(int scansBeforeIndex)
    {
        var random = new Random(304);
        for (var round = 0; round < 400; round++)
        {
            // A tiny alphabet with both cases: names collide, contain each other, differ by a swap or by case only.
            var alphabet = round % 2 == 0 ? "abAB_" : "abcdeABC_1";
            var known = Enumerable.Range(0, random.Next(1, 200)).Select(_ => RandomName(random, alphabet, random.Next(0, 16))).ToList();
            if (round % 5 == 0)
            {
                known.Add(known[0]); // a name given twice is suggested twice, as before
            }

            var index = new NameSuggestions(known, scansBeforeIndex);
            for (var q = 0; q < 40; q++)
            {
                var query = q % 3 == 0 ? RandomName(random, alphabet, random.Next(0, 18)) : Typos(known[random.Next(known.Count)], random, random.Next(0, 5));
                Assert.True(
                    BruteForceSuggestions.For(query, known).SequenceEqual(index.For(query)),
                    $"round {round}, query '{query}': expected [{string.Join(", ", BruteForceSuggestions.For(query, known))}], got [{string.Join(", ", index.For(query))}] from [{string.Join(", ", known)}]");
            }
        }
    }

    [Fact]
    public void The_trie_is_built_only_when_more_names_are_asked_for_than_a_scan_pays_for()
    {
        var index = new NameSuggestions(["smtpd_banner", "smtpd_tls_security_level", "myhostname"]);
        for (var i = 0; i < NameSuggestions.DefaultScansBeforeIndex; i++)
        {
            index.For("unknown_" + i);
        }

        Assert.False(index.Indexed);
        Assert.Equal(0, index.RowsComputed);
        Assert.Equal(["myhostname"], index.For("myhostnam"));
        Assert.True(index.Indexed);
        Assert.True(index.RowsComputed > 0);
    }

    [Fact]
    public void A_name_asked_again_gets_the_same_answer_without_a_new_search()
    {
        var index = new NameSuggestions(["smtpd_banner", "smtpd_tls_security_level"], scansBeforeIndex: 0);
        var first = index.For("smtpd_baner");
        var work = index.RowsComputed;

        Assert.Same(first, index.For("smtpd_baner"));
        Assert.Equal(work, index.RowsComputed);
    }

    private static string RandomName(Random random, string alphabet, int length) =>
        new(Enumerable.Range(0, length).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());

    private static string Typos(string name, Random random, int count)
    {
        for (var i = 0; i < count; i++)
        {
            name = Typo(name, random);
        }

        return name;
    }

    /// <summary>One typo: a char inserted, dropped, replaced, swapped with its neighbour, or its case changed.</summary>
    private static string Typo(string name, Random random)
    {
        var at = random.Next(name.Length + 1);
        var c = "abcxyz_AZ09"[random.Next(11)];
        return random.Next(5) switch
        {
            0 => name.Insert(at, c.ToString()),
            1 when at < name.Length => name.Remove(at, 1),
            2 when at < name.Length => string.Concat(name.AsSpan(0, at), c.ToString(), name.AsSpan(at + 1)),
            3 when at + 1 < name.Length => string.Concat(name.AsSpan(0, at), name[at + 1].ToString(), name[at].ToString(), name.AsSpan(at + 2)),
            4 when at < name.Length => string.Concat(name.AsSpan(0, at), (char.IsUpper(name[at]) ? char.ToLowerInvariant(name[at]) : char.ToUpperInvariant(name[at])).ToString(), name.AsSpan(at + 1)),
            _ => name + c,
        };
    }
}
