namespace MtaLint.Tests.Templates.Soundness;

/// <summary>
/// Issue 15's soundness bar for Exim config templates: each rendered by the real engines under its variable sets, each
/// rendering read by the real exim (<c>-C FILE -bV</c>), and every finding mtalint reports on the template holding in
/// every rendering exim accepts where its line is present. (Debian update-exim4.conf.conf templates are the shared
/// harness's, <see cref="TemplateSoundnessTests"/>.)
/// </summary>
public sealed class EximTemplateSoundnessTests(SoundCorpus corpus) : IClassFixture<SoundCorpus>
{
    private const string AitCs = "templates/ait-cs-IaaS__ansible-exim/templates/exim4.conf.template.j2";

    private List<string> EximConfigs => corpus.Templates.Where(t => TemplateRenderer.KindOf(t) == RenderedKind.EximConfig).ToList();

    private static void Say(string text)
    {
        TestContext.Current.SendDiagnosticMessage(text);
        TestContext.Current.TestOutputHelper?.WriteLine(text);
    }

    [Fact]
    public void Exim_reads_every_rendering_of_the_Exim_templates()
    {
        Assert.Equal(8, EximConfigs.Count);
        var all = corpus.Renderings.Where(r => EximConfigs.Contains(r.Rendering.Template)).ToList();
        Say($"{EximConfigs.Count} Exim config templates, {all.Count} renderings: {all.Count(r => r.Rendering.Text is null)} refused by the engine, {all.Count(r => r.Verdict is { Accepted: true })} accepted by exim");
        Assert.All(all.Where(r => r.Rendering.Text is not null), r => Assert.NotNull(r.Verdict));

        // ait-cs-IaaS's template (Debian's exim4.conf.template with Jinja in it) renders to configs exim accepts under every set.
        Assert.All(all.Where(r => r.Rendering.Template == AitCs), r => Assert.True(r.Verdict is { Accepted: true }, string.Join("\n", r.Verdict?.Messages ?? [r.Rendering.Refusal!])));
        foreach (var template in EximConfigs)
        {
            var rs = corpus.Renderings.Where(r => r.Rendering.Template == template).ToList();
            Say($"{template}: {rs.Count} renderings, {rs.Count(r => r.Rendering.Text is null)} refused by the engine, {rs.Count(r => r.Verdict is { Accepted: true })} accepted by exim");
            foreach (var refused in rs.Where(r => r.Verdict is { Accepted: false }).GroupBy(r => string.Join(" | ", r.Verdict!.Messages)))
            {
                Say($"   exim refuses {refused.Count()}x: {refused.Key}");
            }

            foreach (var refused in rs.Where(r => r.Rendering.Refusal is not null).GroupBy(r => r.Rendering.Refusal))
            {
                Say($"   engine refuses {refused.Count()}x: {refused.Key}");
            }
        }
    }

    [Fact]
    public void Every_Exim_template_finding_holds_in_every_rendering_where_its_line_is_present()
    {
        var (findings, tool) = SoundCorpus.LintTemplates(SoundCorpus.Root, EximConfigs);
        var report = Soundness.Check(findings, corpus.Renderings);
        Say($"mtalint reports {findings.Count} findings on the {EximConfigs.Count} Exim templates ({tool.Count} tool messages MTA0xx not checked); {report.Checks} finding-rendering checks, {report.Unconfirmed.Count} findings no rendering could confirm");
        foreach (var f in findings)
        {
            Say($"  {f}");
        }

        foreach (var f in tool)
        {
            Say($"  tool: {f}");
        }

        foreach (var f in report.Unconfirmed)
        {
            Say($"  unconfirmed: {f}");
        }

        Assert.True(report.Violations.Count == 0, string.Join("\n", report.Violations));
        Assert.Contains(findings, f => f.Template == AitCs && f.Rule == "MTA301" && f.Line == 124);
        Assert.True(report.Checks >= 9, $"{report.Checks} checks");
    }

    [Fact]
    public void A_forged_Exim_template_finding_that_does_not_hold_is_rejected()
    {
        // Line 124 is acl_smtp_vrfy = accept: VRFY is answered wherever it renders (MTA301 holds there, not on line 122, acl_smtp_mail).
        var sound = Soundness.Check([new TemplateFinding("MTA301", AitCs, 124, "forged, sound: VRFY answered")], corpus.Renderings);
        Assert.True(sound.Violations.Count == 0, string.Join("\n", sound.Violations));
        Assert.True(sound.Checks >= 9, $"{sound.Checks} checks");

        foreach (var forged in new[] { new TemplateFinding("MTA301", AitCs, 122, "forged: acl_smtp_mail is not VRFY"), new TemplateFinding("MTA207", AitCs, null, "forged: AUTH before TLS") })
        {
            var rejected = Soundness.Check([forged], corpus.Renderings);
            Assert.True(rejected.Checks >= 9, $"{forged}: {rejected.Checks} checks");
            Assert.Equal(rejected.Checks, rejected.Violations.Count);
        }
    }
}
