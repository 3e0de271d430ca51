namespace MtaLint.Tests.Templates.Soundness;

/// <summary>The Sendmail .mc templates of the test data, rendered by the real engines under their variable sets, each rendering built by m4 with Debian's sendmail-cf.</summary>
public sealed class McSoundCorpus
{
    public SoundCorpus Corpus { get; } = new(TemplateRenderer.RealTemplates().Where(t => TemplateRenderer.KindOf(t) == RenderedKind.SendmailMc).ToList());
}

/// <summary>
/// Issue 15's soundness bar for Sendmail templates: every finding mtalint reports on an .mc template holds in every
/// rendering where its line is present (the rendering built by the real m4 and linted as a plain .mc). The check is
/// also fed forged findings, one that holds and one that does not, so it is known to be able to fail.
/// </summary>
public sealed class McTemplateSoundnessTests(McSoundCorpus mc) : IClassFixture<McSoundCorpus>
{
    private const string Bby = "templates/bby-bishopclark__sendmail/templates/default/sendmail.mc.erb";
    private const string StartCloud = "templates/STARTcloud__startcloud_roles/roles/sendmail/templates/sendmail.mc.j2";

    private SoundCorpus Corpus => mc.Corpus;

    private static void Say(string text)
    {
        TestContext.Current.SendDiagnosticMessage(text);
        TestContext.Current.TestOutputHelper?.WriteLine(text);
    }

    [Fact]
    public void Every_mc_template_renders_and_m4_builds_the_renderings()
    {
        Assert.True(Corpus.Templates.Count >= 5, $"{Corpus.Templates.Count} .mc templates");
        var rendered = Corpus.Renderings.Where(r => r.Rendering.Text is not null).ToList();
        Say($"{Corpus.Templates.Count} .mc templates, {Corpus.Renderings.Count} renderings: {rendered.Count} rendered, m4 with sendmail-cf builds a .cf from {rendered.Count(r => r.Verdict!.Accepted)}");
        foreach (var reason in Corpus.Renderings.Where(r => r.Rendering.Refusal is not null).GroupBy(r => r.Rendering.Refusal!))
        {
            Say($"  refused by the engine {reason.Count()}x: {reason.Key}");
        }

        foreach (var template in Corpus.Templates)
        {
            var rs = rendered.Where(r => r.Rendering.Template == template).ToList();
            Assert.True(rs.Count > 0, $"{template}: the engine refuses every variable set");
            Assert.True(rs.Any(r => r.Verdict!.Accepted), $"{template}: m4 builds no rendering: {rs[0].Verdict!.Messages.FirstOrDefault()}");
        }
    }

    [Fact]
    public void Every_mc_template_finding_holds_in_every_rendering_where_its_line_is_present()
    {
        var (findings, tool) = SoundCorpus.LintTemplates(SoundCorpus.Root, Corpus.Templates);
        var report = Soundness.Check(findings, Corpus.Renderings);
        Say($"mtalint reports {findings.Count} findings on the {Corpus.Templates.Count} .mc templates ({tool.Count} tool messages MTA0xx not checked); {report.Checks} finding-rendering pairs checked, {report.Exclusions.Count} exclusions, {report.Unconfirmed.Count} unconfirmed");
        foreach (var f in findings)
        {
            Say($"  {f}");
        }

        Assert.True(findings.Count > 0, "no finding on any .mc template: nothing was checked");
        Assert.True(report.Violations.Count == 0, string.Join("\n", report.Violations));
        Assert.True(report.Checks >= findings.Count, $"{report.Checks} checks for {findings.Count} findings");
    }

    [Fact]
    public void A_forged_mc_finding_that_does_not_hold_in_every_rendering_is_rejected()
    {
        // STARTcloud's template sets no certificate in any branch: inbound STARTTLS is off in every rendering (MTA201).
        var sound = Soundness.Check([new TemplateFinding("MTA201", StartCloud, null, "forged, sound: no STARTTLS")], Corpus.Renderings);
        Assert.True(sound.Violations.Count == 0, string.Join("\n", sound.Violations));
        Assert.True(sound.Checks >= 2, $"{sound.Checks} checks");

        // bby-bishopclark's sets confPRIVACY_FLAGS with novrfy on line 40: a forged "VRFY is answered" fails in every rendering.
        foreach (var forged in new[] { new TemplateFinding("MTA301", Bby, null, "forged: VRFY is answered"), new TemplateFinding("MTA301", Bby, 40, "forged: VRFY is answered") })
        {
            var rejected = Soundness.Check([forged], Corpus.Renderings);
            Assert.True(rejected.Checks >= 1, $"{rejected.Checks} checks");
            Assert.Equal(rejected.Checks, rejected.Violations.Count);
        }
    }
}
