using System.Text.RegularExpressions;
using MtaLint.Rules;
using MtaLint.Tests.Infrastructure;

namespace MtaLint.Tests.Rules.PerRule;

/// <summary>
/// Every rule of the catalog (<see cref="RuleCatalog"/> and <c>rules/*.md</c>) has a fixture folder, a
/// test class and a case for every dialect its doc lists (for the probe's rules, which list only
/// <c>wire</c>, a wire case); every fixture folder belongs to a rule. How to add one: <c>Fixtures/README.md</c>.
/// </summary>
public sealed partial class RuleFixtureCompletenessTests
{
    /// <summary>
    /// Dialects a rule doc lists under <c>mtas</c> in which the rule cannot report anything yet, with why.
    /// A listed pair that gets a fixture case fails too: then the gap is closed and leaves this list.
    /// </summary>
    private static readonly Dictionary<(string Rule, string Dialect), string> KnownGaps = new()
    {
        // Only the Postfix model lists deprecated settings (MtaConfig.Deprecated).
        [("MTA202", "exim")] = "the Exim model has no deprecated settings",
        [("MTA202", "sendmail")] = "the Sendmail model has no deprecated settings",

        // Sendmail's listeners carry no protocol policy (ServerTls.Protocols): confCIPHER_LIST and
        // ServerSSLOptions are not read.
        [("MTA205", "sendmail")] = "the Sendmail model has no TLS protocol policy",

        // Exim builds each listener's TLS from tls_on_connect_ports, so a port 465 listener without it
        // is not one that expects implicit TLS (Service.ExpectsImplicitTls).
        [("MTA208", "exim")] = "the Exim model expects implicit TLS only where tls_on_connect_ports says so",

        // Only the Postfix model lists references ($name); the doc's "Exim macros used before they are
        // defined" are not extracted.
        [("MTA306", "exim")] = "the Exim model has no references",
        [("MTA306", "sendmail")] = "the Sendmail model has no references",

        // .NET's TLS stack does not negotiate TLS 1.0 or 1.1 with the loopback server, so no session shows
        // a legacy protocol; ProbeUnitTests builds that observation by hand.
        [("MTA409", RuleFixture.Wire)] = "a loopback session cannot negotiate a legacy TLS version",
    };

    /// <summary>Every rule the catalog knows: its rules and its docs (MTA000, the syntax error, has a doc and no rule).</summary>
    private static IReadOnlyList<string> CatalogIds() =>
        RuleCatalog.All.Select(r => r.Id).Concat(RuleDocs.ById.Keys).Distinct().Order(StringComparer.Ordinal).ToArray();

    /// <summary>The dialects a rule's doc lists that need a case: the registered ones, and <c>wire</c> for the probe's rules (which list only it).</summary>
    private static IEnumerable<string> CaseDialects(string id)
    {
        var mtas = RuleDocs.Get(id).Mtas;
        var probeRule = mtas.SequenceEqual([RuleFixture.Wire]);
        return mtas.Where(m => RegisteredDialects.Names.Contains(m) || probeRule);
    }

    [Fact]
    public void Every_rule_in_the_catalog_has_fixtures()
    {
        // A rule that cannot report in any dialect it lists has nothing to show (MTA409 on the wire).
        var missing = CatalogIds().Where(id => RuleFixture.Cases(id).Count == 0 && !CaseDialects(id).All(d => KnownGaps.ContainsKey((id, d)))).ToArray();
        Assert.True(missing.Length == 0,
            $"no fixture folder for {string.Join(", ", missing)}: add Fixtures/ID/<dialect>-<case>/ and a test class (see {Path.GetRelativePath(TestPaths.RepoRoot, RuleFixture.Root)}/README.md)");
    }

    [Fact]
    public void Every_fixture_folder_is_a_rule_of_the_catalog() =>
        Assert.Empty(RuleFixture.RuleIds().Except(CatalogIds()));

    [Fact]
    public void Every_rule_has_a_test_class_named_after_its_id_and_slug()
    {
        foreach (var id in RuleFixture.RuleIds())
        {
            var slug = RuleDocs.Get(id).Name;
            var name = $"{typeof(RuleFixtureTests).Namespace}.Mta{id[3..]}{string.Concat(slug.Split('-').Select(w => char.ToUpperInvariant(w[0]) + w[1..]))}Tests";
            var type = typeof(RuleFixtureTests).Assembly.GetType(name);
            Assert.True(type is not null && type.IsSubclassOf(typeof(RuleFixtureTests)), $"{id} has fixtures but no test class {name} : {nameof(RuleFixtureTests)}");
            Assert.Equal(id, ((RuleFixtureTests)Activator.CreateInstance(type!)!).RuleId);
        }
    }

    [Fact]
    public void Every_dialect_a_rule_doc_lists_has_a_case()
    {
        var missing = new List<string>();
        foreach (var id in CatalogIds())
        {
            var dialects = RuleFixture.Cases(id).Select(c => c.Dialect).ToHashSet(StringComparer.Ordinal);
            foreach (var dialect in CaseDialects(id))
            {
                var gap = KnownGaps.TryGetValue((id, dialect), out var why);
                if (gap && dialects.Contains(dialect))
                {
                    missing.Add($"{id} has a {dialect} case but is listed as a known gap ({why}): take it out of {nameof(KnownGaps)}");
                }
                else if (!gap && !dialects.Contains(dialect))
                {
                    missing.Add($"rules/{id}.md lists {dialect}, but Fixtures/{id}/ has no {dialect}-* case");
                }
            }
        }

        Assert.True(missing.Count == 0, string.Join("\n", missing));
    }

    [Fact]
    public void Every_known_gap_is_a_dialect_its_rule_doc_lists() =>
        Assert.All(KnownGaps.Keys, k => Assert.Contains(k.Dialect, RuleDocs.Get(k.Rule).Mtas));

    [Fact]
    public void Case_folders_are_named_dialect_dash_words_and_hold_config_files()
    {
        foreach (var id in RuleFixture.RuleIds())
        {
            foreach (var fixture in RuleFixture.Cases(id))
            {
                Assert.Matches(CaseName(), fixture.Name);
                Assert.Contains(fixture.Dialect, RegisteredDialects.Names.Append(RuleFixture.Wire));
                Assert.Contains(Directory.EnumerateFiles(fixture.Folder), f => Path.GetFileName(f) != ".mtalint.yaml");
                Assert.Empty(Directory.EnumerateDirectories(fixture.Folder));
            }
        }
    }

    [GeneratedRegex("^[a-z]+(-[a-z0-9]+)+$")]
    private static partial Regex CaseName();
}
