using System.Collections;
using System.Reflection;
using MtaLint.Benchmarks;
using MtaLint.Dialects;
using MtaLint.Engine;
using MtaLint.Model;
using MtaLint.Rules.Settings;
using MtaLint.Text;

namespace MtaLint.Tests.Performance;

/// <summary>
/// No rule may be quadratic in the size of the config. Allocation does not show it (a rule that
/// compares every unknown name with every known one allocates nothing per comparison), time is not
/// a unit test's business, so the work is counted: every element a rule reads from the model's
/// collections (each step of an enumeration, each index, each lookup). Four times the input must
/// cost each rule about four times the reads; a rule that scans a collection once per element of
/// another reads sixteen times as much. The did-you-mean search, which works on a copy of the
/// names, counts its own work: rows of the distance matrix.
/// </summary>
public class RuleWorkTests
{
    private static readonly AnalysisOptions Options = new(Hostname: "mx.example.com");

    public static TheoryData<string, int> Shapes => new()
    {
        { "postfix main.cf lines", 5_000 },
        { "postfix main.cf and master.cf", 5_000 },
        { "postfix duplicate settings", 2_000 },
        { "postfix value of references (bytes)", 16 * 1024 },
        { "exim lines", 2_000 },
        { "sendmail lines", 1_000 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Four_times_the_input_costs_every_rule_about_four_times_the_reads(string shape, int size)
    {
        var small = ReadsPerRule(Analyze(shape, size));
        var large = ReadsPerRule(Analyze(shape, size * 4));

        Assert.All(small.Keys, rule =>
        {
            // Below a few hundred reads a rule's work does not depend on the input's size.
            var ratio = (double)large[rule] / Math.Max(small[rule], 1);
            Assert.True(small[rule] < 500 || ratio < 6.0, $"{shape}: {rule} read {small[rule]:N0} elements at {size:N0} and {large[rule]:N0} at {size * 4:N0} (×{ratio:F1}; linear is ×4, quadratic ×16)");
        });
    }

    [Theory]
    [InlineData("postfix main.cf lines", 5_000)]
    [InlineData("postfix duplicate settings", 2_000)]
    public void Four_times_the_names_cost_did_you_mean_about_four_times_the_work(string shape, int size)
    {
        var small = SuggestionWork(Analyze(shape, size));
        var large = SuggestionWork(Analyze(shape, size * 4));

        var ratio = (double)large / small;
        Assert.True(ratio < 6.0, $"{shape}: {small:N0} rows for {size:N0}, {large:N0} rows for {size * 4:N0} (×{ratio:F1}; linear is ×4, quadratic ×16)");
    }

    [Fact]
    public void The_counted_copy_of_the_model_has_every_property_of_the_model()
    {
        // A property added to the model and not to Counted would be read by rules without being counted.
        var config = Analyze("postfix main.cf lines", 10);
        var counted = Counted(config, new Reads());
        foreach (var property in typeof(MtaConfig).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var original = property.GetValue(config);
            var copy = property.GetValue(counted);
            Assert.True(original is null ? copy is null : copy is not null, property.Name);
            if (original is IEnumerable sequence && copy is IEnumerable copied)
            {
                Assert.Equal(sequence.Cast<object>(), copied.Cast<object>());
            }
            else
            {
                Assert.Equal(original, copy);
            }
        }
    }

    /// <summary>Per rule, the model elements it reads while its findings are made (messages and fixes included).</summary>
    private static Dictionary<string, long> ReadsPerRule(MtaConfig config)
    {
        var reads = new Dictionary<string, long>();
        foreach (var rule in RuleSet.Default.Rules)
        {
            var counter = new Reads();
            foreach (var finding in rule.Check(Counted(config, counter)))
            {
                Assert.NotNull(finding.Message);
            }

            reads[rule.Id] = counter.Count;
        }

        return reads;
    }

    /// <summary>Rows computed by the searches MTA304 makes: every unknown name against the known ones.</summary>
    private static long SuggestionWork(MtaConfig config)
    {
        // The trie from the first name: the scans before it are at most DefaultScansBeforeIndex passes over the names.
        var index = new NameSuggestions(config.KnownSettingNames, scansBeforeIndex: 0);
        foreach (var assignment in config.Assignments.Where(a => !a.IsKnown))
        {
            index.For(assignment.Name);
        }

        return index.RowsComputed;
    }

    private static MtaConfig Analyze(string shape, int size)
    {
        var (dialect, files) = shape switch
        {
            "postfix main.cf lines" => ("postfix", new[] { ("main.cf", LargeConfigs.PostfixMainCf(size)) }),
            "postfix main.cf and master.cf" => ("postfix", [("main.cf", LargeConfigs.PostfixMainCf(size)), ("master.cf", LargeConfigs.PostfixMasterCf())]),
            "postfix duplicate settings" => ("postfix", [("main.cf", LargeConfigs.PostfixDuplicates(size))]),
            "postfix value of references (bytes)" => ("postfix", [("main.cf", LargeConfigs.PostfixLongReferenceValue(size))]),
            "exim lines" => ("exim", [("exim4.conf", LargeConfigs.EximConfig(size))]),
            "sendmail lines" => ("sendmail", [("sendmail.mc", LargeConfigs.SendmailMc(size))]),
            _ => throw new ArgumentException(shape),
        };
        var result = DialectRegistry.Find(dialect)!.Analyze(files.Select(f => new SourceFile("/tmp/mtalint-work/" + f.Item1, f.Item2)).ToArray(), Options);
        Assert.Empty(result.Errors);
        return result.Config!;
    }

    /// <summary>The model with every collection counting what is read from it.</summary>
    private static MtaConfig Counted(MtaConfig config, Reads reads) => new()
    {
        Mta = config.Mta,
        Files = new CountingList<SourceFile>(config.Files, reads),
        Services = new CountingList<Service>(config.Services, reads),
        ClientTls = config.ClientTls,
        Assignments = new CountingList<SettingAssignment>(config.Assignments, reads),
        References = new CountingList<ValueReference>(config.References, reads),
        Deprecated = new CountingList<DeprecatedSetting>(config.Deprecated, reads),
        UnknownSettingConsequence = config.UnknownSettingConsequence,
        RenameProblem = config.RenameProblem,
        // The built-in names are searched through their shared trie (its work is SuggestionWork's rows); the config's own are counted.
        KnownSettingNames = new SettingNames(config.KnownSettingNames.BuiltIn, new CountingList<string>(config.KnownSettingNames.Own.ToArray(), reads)),
        EffectiveSettings = new CountingDictionary(config.EffectiveSettings, reads),
        Observed = config.Observed,
        Gaps = new CountingList<ConfigGap>(config.Gaps, reads),
        StartupFailures = new CountingList<StartupFailure>(config.StartupFailures, reads),
        StrayText = new CountingList<StrayText>(config.StrayText, reads),
        Generated = config.Generated,
        ScopedSettings = config.ScopedSettings,
        SettingsFile = config.SettingsFile,
    };

    private sealed class Reads
    {
        public long Count { get; set; }
    }

    /// <summary>A read-only list that counts each element handed out; not an <see cref="IList{T}"/>, so LINQ cannot copy it behind the count's back.</summary>
    private sealed class CountingList<T>(IReadOnlyList<T> items, Reads reads) : IReadOnlyList<T>
    {
        public int Count => items.Count;

        public T this[int index]
        {
            get
            {
                reads.Count++;
                return items[index];
            }
        }

        public IEnumerator<T> GetEnumerator()
        {
            foreach (var item in items)
            {
                reads.Count++;
                yield return item;
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }

    private sealed class CountingDictionary(IReadOnlyDictionary<string, string> items, Reads reads) : IReadOnlyDictionary<string, string>
    {
        public int Count => items.Count;

        public IEnumerable<string> Keys => this.Select(kv => kv.Key);

        public IEnumerable<string> Values => this.Select(kv => kv.Value);

        public string this[string key]
        {
            get
            {
                reads.Count++;
                return items[key];
            }
        }

        public bool ContainsKey(string key)
        {
            reads.Count++;
            return items.ContainsKey(key);
        }

        public bool TryGetValue(string key, out string value)
        {
            reads.Count++;
            return items.TryGetValue(key, out value!);
        }

        public IEnumerator<KeyValuePair<string, string>> GetEnumerator()
        {
            foreach (var item in items)
            {
                reads.Count++;
                yield return item;
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
