using MtaLint.Model;
using MtaLint.Engine;
using System.Text.RegularExpressions;
using MtaLint.Dialects;
using MtaLint.Fixes;
using MtaLint.Rules;
using MtaLint.Tests.FixEffect;
using MtaLint.Tests.Infrastructure;

namespace MtaLint.Tests.Exim;

/// <summary>
/// A split Debian config (<c>conf.d/</c>) is one Exim config in forty files. A finding about the whole
/// config lands in the fragment that holds its setting, or, for a setting the config leaves unset, in
/// <c>main/02_exim4-config_options</c>, where Debian keeps its main options (not in whatever fragment
/// comes first or last); every fix edits that same fragment. Checked on every conf.d tree in testdata
/// (Debian's own and the gathered repositories'), each read with its own update-exim4.conf.conf, with
/// none, and with a public internet site's; Debian's real update-exim4.conf builds the fixed tree, and
/// <c>exim -bP</c> shows each setting a fix wrote as mtalint reads it.
/// </summary>
public partial class EximSplitConfigPlacementTests(ITestOutputHelper output)
{
    private const string OptionsFragment = "main/02_exim4-config_options";

    /// <summary>Every <c>etc/exim4</c> with a conf.d in testdata, and which update-exim4.conf.conf it is read with.</summary>
    public static TheoryData<string, string> Trees()
    {
        var data = new TheoryData<string, string>();
        var trees = Directory.EnumerateDirectories(TestPaths.TestData, "conf.d", SearchOption.AllDirectories)
            .Select(d => Path.GetRelativePath(TestPaths.TestData, Path.GetDirectoryName(d)!))
            .Order(StringComparer.Ordinal);
        foreach (var tree in trees)
        {
            foreach (var conf in (string[])["own", "none", "internet"])
            {
                data.Add(tree, conf);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Trees))]
    public void Findings_and_fixes_land_in_the_fragment_of_their_setting(string tree, string conf)
    {
        var exim4 = Path.Combine(TestPaths.TestData, tree);
        var debianDefault = Path.Combine(DebianBuild.DebianTree, "etc", "exim4", "update-exim4.conf.conf");
        var debconf = conf switch
        {
            "own" => File.Exists(Path.Combine(exim4, "update-exim4.conf.conf")) ? Path.Combine(exim4, "update-exim4.conf.conf") : debianDefault,
            "internet" => Path.Combine(DebianBuild.DebianTree, "variants", "internet-all-interfaces"),
            _ => debianDefault,
        };
        var root = DebianBuild.Tree(debconf, "true", exim4);
        var confDir = Path.Combine(root, "etc", "exim4");
        if (conf == "none")
        {
            // conf.d read as it is: update-exim4.conf adds none of its macros.
            File.WriteAllText(Path.Combine(confDir, "update-exim4.conf.conf"), "dc_eximconfig_configtype='none'\ndc_use_split_config='true'\n");
        }

        // As the CLI with --root: /etc/mailname is the tree's, not this machine's. Naming one fragment
        // names the tree and the update-exim4.conf.conf beside it.
        var linter = new Linter(RuleSet.Default, EximTestHost.Options with { Hostname = DebianBuild.Fqdn, Root = root });
        var unit = EximTestHost.Dialect.Group([EximDialect.SplitFragments(Path.Combine(confDir, "conf.d"))[0]], linter.Options).Single();
        var files = EximTestHost.Read(unit.Paths);
        var before = linter.Lint(EximTestHost.Dialect, files);
        var findings = before.Diagnostics.Where(d => d.RuleId != Linter.SyntaxErrorId).ToList();
        if (before.Diagnostics.Count > findings.Count)
        {
            // A tree Exim cannot read (a malformed macro, an option without "=") has no findings to place.
            Assert.Empty(findings);
            output.WriteLine($"{tree} ({conf}): {before.Diagnostics.Count} syntax errors, nothing to place");
            return;
        }

        var problems = new List<string>();
        foreach (var d in findings)
        {
            var where = Relative(confDir, d.Path);
            if (d.Start is null)
            {
                // About a setting the config does not write: where Debian keeps main options.
                if (where != "conf.d/" + OptionsFragment)
                {
                    problems.Add($"{d.RuleId} about an unset setting is in {where}, not {OptionsFragment}: {d.Message}");
                }
            }
            else
            {
                var named = NamedSettings.Of("exim", [d]);
                var line = File.ReadAllLines(d.Path)[d.Start.Value.Line - 1];
                var written = OptionName().Match(line).Groups[1].Value;
                if (!named.Contains(written))
                {
                    problems.Add($"{d.RuleId} at {where}:{d.Start.Value.Line} is on a line that sets {(written.Length > 0 ? written : "nothing")}, not one of [{string.Join(", ", named)}]: {line.Trim()}");
                }
            }

            foreach (var edit in d.Fix?.Edits ?? [])
            {
                if (edit.File.Path != d.Path)
                {
                    problems.Add($"{d.RuleId} in {where} has a fix that edits {Relative(confDir, edit.File.Path)}");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));

        var result = new Fixer(linter, includeUnsafe: false).Fix(EximTestHost.Dialect, files);
        Assert.Null(result.Problem);
        foreach (var file in result.Files)
        {
            File.WriteAllText(file.Path, file.Text);
        }

        var built = DebianBuild.Run(root);
        Assert.True(EximOracleTests.EximAccepts(built), EximTestHost.RunExim("-C", built, "-bV").Stderr);
        var inserted = 0;
        var touched = new HashSet<string>(StringComparer.Ordinal);
        foreach (var edit in result.Applied.SelectMany(d => d.Fix!.Edits))
        {
            var setting = Setting().Match(edit.NewText);
            if (edit.Span.Length == 0 && setting.Success)
            {
                // A setting a fix adds: a whole line in the options fragment, with the value exim -bP shows.
                Assert.Equal("conf.d/" + OptionsFragment, Relative(confDir, edit.File.Path));
                var shown = EximTestHost.RunExim("-C", built, "-bP", setting.Groups[1].Value).Stdout.Trim();
                Assert.Equal($"{setting.Groups[1].Value} = {setting.Groups[2].Value}", shown);
                touched.Add(setting.Groups[1].Value);
                inserted++;
            }
            else
            {
                // A value changed where it is written: the option of that line.
                var text = edit.File.Text;
                var lineStart = edit.Span.Start == 0 ? 0 : text.LastIndexOf('\n', edit.Span.Start - 1) + 1;
                touched.Add(OptionName().Match(text[lineStart..]).Groups[1].Value);
            }
        }

        var after = linter.Lint(EximTestHost.Dialect, EximTestHost.Read(unit.Paths));
        Assert.DoesNotContain(after.Diagnostics, d => d.Fix is { Safety: FixSafety.Safe });
        // Every setting a fix wrote is in the fixed config, and reads as exim -bP shows it.
        var fixedSettings = after.Config!.EffectiveSettings.Where(s => touched.Contains(s.Key)).ToDictionary(s => s.Key, s => s.Value);
        Assert.Equal(touched.Order(StringComparer.Ordinal), fixedSettings.Keys.Order(StringComparer.Ordinal));
        var mismatches = fixedSettings.Count == 0 ? [] : EximOracleTests.Mismatches(built, fixedSettings);
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
        output.WriteLine($"{tree} ({conf}): {findings.Count} findings placed ({findings.Count(d => d.Start is null)} in {OptionsFragment}), "
            + $"{result.Applied.Count} fixes applied, {touched.Count} settings written ({inserted} inserted) and read back");
    }

    private static string Relative(string confDir, string path) => Path.GetRelativePath(confDir, path).Replace(Path.DirectorySeparatorChar, '/');

    /// <summary>The option a config line sets: <c>[hide] name = ...</c>, or a boolean <c>name</c>/<c>no_name</c>.</summary>
    [GeneratedRegex(@"^\s*(?:hide\s+)?([a-z][a-z0-9_]*)\b")]
    private static partial Regex OptionName();

    /// <summary><c>name = value</c> on one line, with its line break.</summary>
    [GeneratedRegex(@"^\n?([a-z][a-z0-9_]*) = (.*)\n?$")]
    private static partial Regex Setting();
}
