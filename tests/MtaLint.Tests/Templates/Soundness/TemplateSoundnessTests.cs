using System.Text.Json;
using MtaLint.Tests.Cli;
using MtaLint.Tests.FixEffect;

namespace MtaLint.Tests.Templates.Soundness;

/// <summary>
/// Issue 15's soundness bar, tested: every real template rendered by the real engines under its variable sets (see
/// <see cref="Variations"/>), every rendering checked by the real MTA, and every finding mtalint reports on a template
/// holding in every rendering where its line is present; after <c>--fix</c>, every rendering of the fixed template is
/// accepted with no new message and differs only in the settings the fixes named. Each check is also fed a forged
/// input it must reject, so it is known to be able to fail.
/// </summary>
public sealed class TemplateSoundnessTests(SoundCorpus corpus) : IClassFixture<SoundCorpus>
{
    private const string Stouts = "templates/Stouts__Stouts.postfix/templates/main.cf.j2";

    /// <summary>
    /// Templates the engine refuses under every variable set, each with the words of its refusal: they use filters or
    /// plugins of their own collection (not Ansible's core), or read what the test data does not hold.
    /// </summary>
    private static readonly Dictionary<string, string[]> RefusedEverywhere = new(StringComparer.Ordinal)
    {
        // debops.debops collection filters and tests, not Ansible's core.
        ["templates/debops__debops/ansible/roles/postfix/templates/etc/postfix/main.cf.j2"] = ["No filter named 'parse_kv_config'"],
        ["templates/debops__debops/ansible/roles/postfix/templates/etc/postfix/master.cf.j2"] = ["No test named 'version_compare'"],
        // jtyr's own filter plugin.
        ["templates/jtyr__ansible-postfix/templates/main.cf.j2"] = ["No filter named 'encode_ini'"],
        // Includes fragments the test data does not hold (SOURCES.md: other fragments not taken; map.jinja not in the index).
        ["templates/bodsch__ansible-postfix/templates/etc/postfix/main.cf.j2"] = ["TemplateNotFound: main.cf.d/smtp.j2", "has no attribute 'checks_file'"],
        ["templates/salt-formulas__salt-formula-postfix/postfix/files/main.cf"] = ["TemplateNotFound: postfix/map.jinja"],
        // Reads pillar data (postfix:aliases_file, lists of maps) that map.jinja's Debian defaults do not give.
        ["templates/saltstack-formulas__postfix-formula/postfix/files/main.cf"] = ["has no attribute 'aliases_file'", "'NoneType' object is not iterable"],
        // Exim: a Jinja filter of Ansible's netaddr collection; Chef node attributes and Puppet functions the harness's scope does not give.
        ["templates/kyleroot__ansible-role-exim-to-ses/templates/exim.conf.j2"] = ["No filter named 'ipaddr'"],
        ["templates/fusco__exim4-cookbook/templates/default/exim4.conf.erb"] = ["undefined method `join' for NodeAttributes"],
        ["templates/kcl-eresearch__puppet-exim/templates/exim.conf.erb"] = ["undefined method `call_function'"],
    };

    private static void Say(string text)
    {
        TestContext.Current.SendDiagnosticMessage(text);
        TestContext.Current.TestOutputHelper?.WriteLine(text);
    }

    [Fact]
    public void Every_template_renders_under_its_variable_sets_or_its_refusal_is_listed()
    {
        Assert.Equal(54, corpus.Templates.Count);
        foreach (var engine in corpus.Templates.GroupBy(t => TemplateRenderer.EngineOf(t, TemplateFiles.Options(t))).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var rs = corpus.Renderings.Where(r => engine.Contains(r.Rendering.Template)).ToList();
            Say($"{engine.Key}: {engine.Count()} templates, {rs.Count} renderings ({rs.Count(r => r.Rendering.Text is null)} refused by the engine, {rs.Count(r => r.Verdict is { Accepted: false })} refused by the MTA)");
        }

        var unmapped = corpus.Renderings.Count(r => r.Rendering.Text is not null && r.Rendering.LineMap is null);
        Say($"{corpus.Renderings.Count} renderings of {corpus.Templates.Count} templates; {unmapped} whose line markers did not survive (excluded for line findings)");
        Say($"rendering took {corpus.RenderTime.TotalSeconds:F1} s; the MTA and mtalint on {corpus.DistinctChecked} distinct renderings took {corpus.CheckTime.TotalSeconds:F1} s");
        foreach (var reason in corpus.Renderings.Where(r => r.Rendering.Refusal is not null).GroupBy(r => r.Rendering.Refusal!).OrderByDescending(g => g.Count()))
        {
            Say($"  refused {reason.Count()}x: {reason.Key} ({string.Join(", ", reason.Select(r => r.Rendering.Template).Distinct())})");
        }

        foreach (var template in corpus.Templates)
        {
            var rs = corpus.Renderings.Where(r => r.Rendering.Template == template).ToList();
            Assert.True(rs.Count >= 1 && rs[0].Rendering.Variation.Name == "defaults", template);
            Assert.All(rs, r => Assert.True(r.Rendering.Text is not null || !string.IsNullOrWhiteSpace(r.Rendering.Refusal), $"{template}: neither text nor reason"));
            var rendered = rs.Count(r => r.Rendering.Text is not null);
            if (RefusedEverywhere.TryGetValue(template, out var words))
            {
                Assert.True(rendered == 0, $"{template} is listed as refused everywhere ({string.Join("; ", words)}) but renders under {rendered} sets");
                Assert.All(rs, r => Assert.True(words.Any(w => r.Rendering.Refusal!.Contains(w, StringComparison.Ordinal)), $"{template}: {r.Rendering.Refusal}"));
            }
            else
            {
                Assert.True(rendered > 0, $"{template}: the engine refuses every variable set; list it in {nameof(RefusedEverywhere)} with its reason:\n{string.Join("\n", rs.Select(r => r.Rendering.Refusal).Distinct())}");
            }
        }
    }

    [Fact]
    public void The_real_MTA_judges_every_rendering()
    {
        var rendered = corpus.Renderings.Where(r => r.Rendering.Text is not null).ToList();
        Assert.All(rendered, r => Assert.NotNull(r.Verdict));
        var accepted = rendered.Count(r => r.Verdict!.Accepted);
        Say($"the MTA accepts {accepted} of {rendered.Count} renderings");
        foreach (var reason in rendered.Where(r => !r.Verdict!.Accepted).GroupBy(r => r.Rendering.Template).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            Say($"  {reason.Key}: {reason.Count()} refused, e.g. {reason.First().Verdict!.Messages.FirstOrDefault()}");
        }

        // A literal template (no tag at all) renders to itself, and Postfix accepts it.
        var literal = corpus.Renderings.Where(r => r.Rendering.Template == "templates/dubzland__ansible-role-postfix/templates/etc/postfix/master.cf.j2").ToList();
        Assert.Single(literal);
        Assert.Equal(File.ReadAllText(TemplateFiles.FullPath(literal[0].Rendering.Template)), literal[0].Rendering.Text);
        Assert.True(literal[0].Verdict!.Accepted, string.Join("\n", literal[0].Verdict!.Messages));
    }

    [Fact]
    public void Every_template_finding_holds_in_every_rendering_where_its_line_is_present()
    {
        var (findings, tool) = SoundCorpus.LintTemplates(SoundCorpus.Root, corpus.Templates);
        var report = Soundness.Check(findings, corpus.Renderings);
        Say($"mtalint reports {findings.Count} findings on the {corpus.Templates.Count} templates ({tool.Count} tool messages MTA0xx not checked); {report.Checks} finding-rendering checks, {report.Exclusions.Count} exclusions, {report.Unconfirmed.Count} findings no rendering could confirm");
        Say($"  judged with role defaults: {findings.Count(f => f.Defaults.Count > 0)} findings, {report.DefaultChecks} finding-rendering checks in renderings that keep the defaults");
        foreach (var f in findings.Where(f => f.Defaults.Count > 0))
        {
            Say($"  from defaults ({string.Join(", ", f.Defaults)}): {f}");
        }

        foreach (var f in report.Unconfirmed)
        {
            Say($"  unconfirmed: {f}");
        }

        Assert.True(report.Violations.Count == 0, string.Join("\n", report.Violations));
    }

    [Fact]
    public void A_finding_that_does_not_hold_in_every_rendering_is_rejected()
    {
        // Stouts' main.cf.j2: smtpd_use_tls=yes (line 16, MTA202 deprecated) is inside {% if postfix_smtpd_use_tls %};
        // no rendering sets smtpd_relay_restrictions or smtpd_recipient_restrictions, so smtpd cannot start (MTA307).
        var sound = new[]
        {
            new TemplateFinding("MTA202", Stouts, 16, "forged, sound: smtpd_use_tls is deprecated where the line is"),
            new TemplateFinding("MTA307", Stouts, null, "forged, sound: smtpd exits at start-up in every rendering"),
        };
        var accepted = Soundness.Check(sound, corpus.Renderings);
        Assert.True(accepted.Violations.Count == 0, string.Join("\n", accepted.Violations));
        Assert.True(accepted.Checks >= 3, $"{accepted.Checks} checks");

        // Unsound: arillso's line 3 is disable_vrfy_command = {{ postfix_disable_vrfy_command }}, "yes" by default: a
        // forged MTA301 (VRFY answered) there, or claimed with no line, does not hold where the variable says yes.
        const string Arillso = "templates/arillso__ansible.postfix/templates/main.cf.j2";
        foreach (var forged in new[] { new TemplateFinding("MTA301", Arillso, 3, "forged: VRFY is answered"), new TemplateFinding("MTA301", Arillso, null, "forged: VRFY is answered") })
        {
            var rejected = Soundness.Check([forged], corpus.Renderings);
            Assert.True(rejected.Checks >= 3, $"{rejected.Checks} checks");
            Assert.Contains(rejected.Violations, v => v.Contains("under [defaults]", StringComparison.Ordinal));
            Assert.Equal(rejected.Checks, rejected.Violations.Count);
        }

        // Stouts' line 7 is biff = no: a forged MTA202 there fails wherever the line is rendered.
        var wrongLine = Soundness.Check([new TemplateFinding("MTA202", Stouts, 7, "forged: biff = no is deprecated")], corpus.Renderings);
        Assert.Equal(wrongLine.Checks, wrongLine.Violations.Count);
        Assert.True(wrongLine.Checks >= 3, $"{wrongLine.Checks} checks");
    }

    [Fact]
    public void A_finding_judged_with_a_default_is_checked_where_the_variable_keeps_it_and_can_fail()
    {
        // arillso's line 3 is disable_vrfy_command = {{ postfix_disable_vrfy_command }}, "yes" by default, and no
        // variable set changes it: a forged MTA301 (VRFY answered) judged with that default fails in every rendering.
        const string Arillso = "templates/arillso__ansible.postfix/templates/main.cf.j2";
        var forged = new TemplateFinding("MTA301", Arillso, 3, "forged: VRFY is answered", ["postfix_disable_vrfy_command"]);
        var rejected = Soundness.Check([forged], corpus.Renderings);
        Assert.True(rejected.Checks >= 3, $"{rejected.Checks} checks");
        Assert.Equal(rejected.Checks, rejected.DefaultChecks);
        Assert.Equal(rejected.Checks, rejected.Violations.Count);

        // Stouts' line 16 (smtpd_use_tls = yes, deprecated) is inside {% if postfix_smtpd_use_tls %}: a finding judged
        // with that variable's default is not checked where a variable set gives it another value, and says so.
        var sound = new TemplateFinding("MTA202", Stouts, 16, "forged: judged with the default of postfix_smtpd_use_tls", ["postfix_smtpd_use_tls"]);
        var plain = Soundness.Check([sound with { Defaults = [] }], corpus.Renderings);
        var withDefault = Soundness.Check([sound], corpus.Renderings);
        Assert.Empty(withDefault.Violations);
        Assert.Contains(withDefault.Exclusions, e => e.Contains("gives `postfix_smtpd_use_tls` another value than its default", StringComparison.Ordinal));
        Assert.True(withDefault.Checks < plain.Checks, $"{withDefault.Checks} checks with the default, {plain.Checks} without");
        Assert.Contains(corpus.Renderings, r => r.Rendering.Template == Stouts && Soundness.KeepsDefault(r.Rendering.Variation, "postfix_smtpd_use_tls"));
    }

    [Fact]
    public void Every_rendering_of_a_fixed_template_is_accepted_and_differs_only_as_its_fixes_say()
    {
        using var copy = new TempDir();
        WritableCopy.Tree(Path.Combine(SoundCorpus.Root, "templates"), Path.Combine(copy.Path, "templates"));
        // The fixes as planned (--fix's own report lists what is left after fixing, not what it fixed).
        var planned = CliRunner.RunReal(["--format", "json", .. corpus.Templates.Select(t => Path.Combine(copy.Path, t))]);
        Assert.True(planned.ExitCode is 0 or 1, $"mtalint on the templates: exit {planned.ExitCode}\n{planned.Stderr}");
        var run = CliRunner.RunReal(["--fix", "--format", "json", .. corpus.Templates.Select(t => Path.Combine(copy.Path, t))]);
        Assert.True(run.ExitCode is 0 or 1, $"mtalint --fix on the templates: exit {run.ExitCode}\n{run.Stderr}");
        var named = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var d in JsonDocument.Parse(planned.Stdout).RootElement.GetProperty("diagnostics").EnumerateArray())
        {
            if (d.GetProperty("fix").ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            var template = Path.GetRelativePath(copy.Path, d.GetProperty("file").GetString()!);
            var fix = d.GetProperty("fix");
            var words = Soundness.NamesIn(fix.GetProperty("message").GetString()!)
                .Concat(fix.GetProperty("edits").EnumerateArray().SelectMany(e => Soundness.NamesIn(e.GetProperty("content").GetString()!)));
            // A fix that edits a value names its setting by where it is: the setting on the finding's line.
            if (d.GetProperty("line").ValueKind == JsonValueKind.Number
                && File.ReadAllLines(TemplateFiles.FullPath(template)).ElementAtOrDefault(d.GetProperty("line").GetInt32() - 1) is { } line
                && Soundness.SettingOn(line) is { } setting)
            {
                words = words.Append(setting);
            }

            named.TryAdd(template, new HashSet<string>(StringComparer.Ordinal));
            named[template].UnionWith(words);
        }

        var texts = corpus.Templates.Select(t => (t, Text: File.ReadAllText(Path.Combine(copy.Path, t)))).Where(x => x.Text != File.ReadAllText(TemplateFiles.FullPath(x.t))).ToDictionary(x => x.t, x => x.Text);
        var problems = CompareFixed(texts, named);
        Say($"--fix changed {texts.Count} of {corpus.Templates.Count} templates; {problems.Compared} renderings compared with the original's");
        Assert.True(problems.Problems.Count == 0, string.Join("\n", problems.Problems));
        Assert.All(texts.Keys, t => Assert.True(named.ContainsKey(t), $"{t} changed though no fix was reported on it"));
    }

    [Fact]
    public void A_fix_that_changes_a_setting_it_does_not_name_is_rejected()
    {
        var original = File.ReadAllText(TemplateFiles.FullPath(Stouts));
        var banner = new Dictionary<string, HashSet<string>> { [Stouts] = ["smtpd_banner"] };

        // A fix that does what it says: the banner loses "(Ubuntu)".
        var honest = CompareFixed(new Dictionary<string, string> { [Stouts] = original.Replace(" (Ubuntu)", "", StringComparison.Ordinal) }, banner);
        Assert.True(honest.Problems.Count == 0, string.Join("\n", honest.Problems));
        Assert.True(honest.Compared >= 3, $"{honest.Compared} compared");

        // A forged one that also turns biff on, and one whose output Postfix warns about.
        var sly = CompareFixed(new Dictionary<string, string> { [Stouts] = original.Replace(" (Ubuntu)", "", StringComparison.Ordinal).Replace("biff = no", "biff = yes", StringComparison.Ordinal) }, banner);
        Assert.Equal(sly.Compared, sly.Problems.Count);
        Assert.All(sly.Problems, p => Assert.Contains("setting biff changed, which no fix named", p, StringComparison.Ordinal));
        var noisy = CompareFixed(new Dictionary<string, string> { [Stouts] = original.Replace("biff = no", "biff = no\nsmtpd_banner_typo = x", StringComparison.Ordinal) }, banner);
        Assert.Equal(noisy.Compared, noisy.Problems.Count(p => p.Contains("new message from the MTA", StringComparison.Ordinal)));
        Assert.True(noisy.Compared >= 3, $"{noisy.Compared} compared");
    }

    /// <summary>Renders the fixed texts under the same variable sets as their originals and compares the two renderings set by set.</summary>
    private (List<string> Problems, int Compared) CompareFixed(IReadOnlyDictionary<string, string> texts, IReadOnlyDictionary<string, HashSet<string>> named)
    {
        var problems = new List<string>();
        var compared = 0;
        if (texts.Count == 0)
        {
            return (problems, 0);
        }

        var fixedRenderings = corpus.CheckAll(TemplateRenderer.RenderAll([.. texts.Keys], texts), corpus.Renderings);
        foreach (var original in corpus.Renderings.Where(r => texts.ContainsKey(r.Rendering.Template) && r.Verdict is { Accepted: true }))
        {
            var where = $"{original.Rendering.Template} under [{original.Rendering.Variation.Name}]";
            var after = fixedRenderings.Where(f => f.Rendering.Template == original.Rendering.Template && f.Rendering.Variation.Name == original.Rendering.Variation.Name).ToList();
            if (after.Count != 1)
            {
                problems.Add($"{where}: the fixed template has {after.Count} variable sets of that name (its blocks changed)");
                continue;
            }

            compared++;
            var f = after[0];
            problems.AddRange(Soundness.CompareFix(TemplateRenderer.KindOf(original.Rendering.Template), original.Rendering.Text!, original.Verdict!, f.Rendering.Text, f.Rendering.Refusal, f.Verdict,
                named.GetValueOrDefault(original.Rendering.Template) ?? []).Select(p => $"{where}: {p}"));
        }

        return (problems, compared);
    }
}
