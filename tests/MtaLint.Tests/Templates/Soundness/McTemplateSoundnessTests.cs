using MtaLint.Tests.Cli;

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

        Assert.True(report.Violations.Count == 0, string.Join("\n", report.Violations));
        Assert.Empty(report.Unconfirmed);

        // What a template does not claim: rules that fire in some accepted rendering of it (with the template
        // findings above, the template's findings are those that fire in all of them and nothing it cannot know).
        foreach (var template in Corpus.Templates)
        {
            var accepted = Corpus.Renderings.Where(r => r.Rendering.Template == template && r.Verdict is { Accepted: true }).ToList();
            var rules = accepted.SelectMany(r => r.Findings!.Where(f => f.InPrimary).Select(f => f.Rule)).Distinct().Order(StringComparer.Ordinal);
            var everywhere = rules.Where(rule => accepted.All(r => r.Findings!.Any(f => f.InPrimary && f.Rule == rule))).ToList();
            Say($"  {template}: {accepted.Count} renderings; rules in some: {string.Join(" ", rules)}; in all: {string.Join(" ", everywhere)}; on the template: {string.Join(" ", findings.Where(f => f.Template == template).Select(f => f.Rule).Distinct())}");
        }
    }

    [Fact]
    public void STARTclouds_listener_is_loopback_in_some_renderings_so_no_public_listener_finding_is_claimed()
    {
        // {% if sendmail_listen_localhost_only %} Addr=127.0.0.1 {% else %} no Addr {% endif %}: MTA201 (no STARTTLS on a
        // public listener) fires where the else branch renders and not where the if branch does.
        var accepted = Corpus.Renderings.Where(r => r.Rendering.Template == StartCloud && r.Verdict is { Accepted: true }).ToList();
        Assert.Contains(accepted, r => r.Findings!.Any(f => f.Rule == "MTA201"));
        Assert.Contains(accepted, r => !r.Findings!.Any(f => f.Rule == "MTA201"));
        var (findings, _) = SoundCorpus.LintTemplates(SoundCorpus.Root, [StartCloud]);
        Assert.DoesNotContain(findings, f => f.Rule is "MTA201" or "MTA101" or "MTA301");
    }

    [Fact]
    public void With_its_listener_made_public_STARTclouds_findings_are_claimed_and_hold_in_every_rendering()
    {
        // STARTcloud's template with the else branch alone in place of its if/else around DAEMON_OPTIONS: a public
        // listener in every rendering, a SMART_HOST define still inside {% if %}.
        var original = File.ReadAllText(TemplateFiles.FullPath(StartCloud));
        var start = original.IndexOf("{% if sendmail_listen_localhost_only %}", StringComparison.Ordinal);
        var end = original.IndexOf("{% endif %}\n", start, StringComparison.Ordinal) + "{% endif %}\n".Length;
        var text = original[..start] + "DAEMON_OPTIONS(`Family=inet, Name=MTA-v4, Port=smtp')dnl\n" + original[end..];
        var renderings = Corpus.CheckAll(TemplateRenderer.RenderAll([StartCloud], new Dictionary<string, string> { [StartCloud] = text }));
        using var copy = new TempDir();
        copy.Write(StartCloud, text);

        var (findings, _) = SoundCorpus.LintTemplates(copy.Path, [StartCloud]);
        var report = Soundness.Check(findings, renderings);
        Say($"STARTcloud with a public listener: {renderings.Count} renderings ({renderings.Count(r => r.Verdict is { Accepted: true })} built by m4), {findings.Count} findings, {report.Checks} finding-rendering pairs checked");
        foreach (var f in findings)
        {
            Say($"  {f}");
        }

        Assert.Contains(findings, f => f.Rule == "MTA201");
        Assert.Contains(findings, f => f.Rule == "MTA101");
        Assert.True(report.Violations.Count == 0, string.Join("\n", report.Violations));
        Assert.Empty(report.Unconfirmed);
        Assert.True(report.Checks >= 2 * findings.Count, $"{report.Checks} checks for {findings.Count} findings");
    }

    [Fact]
    public void A_forged_mc_finding_that_does_not_hold_in_every_rendering_is_rejected()
    {
        // bby-bishopclark's one rendering (it has no condition) listens on the address its variable gives and sets no
        // certificate: MTA201 fires there, so a forged MTA201 holds (the template does not claim it: the address may be loopback).
        var sound = Soundness.Check([new TemplateFinding("MTA201", Bby, null, "forged, sound: no STARTTLS")], Corpus.Renderings);
        Assert.True(sound.Violations.Count == 0, string.Join("\n", sound.Violations));
        Assert.Equal(1, sound.Checks);

        // But MTA201 (no STARTTLS on a public listener) holds only where the listener is not bound to loopback.
        var loopback = Soundness.Check([new TemplateFinding("MTA201", StartCloud, null, "forged: no STARTTLS on a public listener")], Corpus.Renderings);
        Assert.NotEmpty(loopback.Violations);
        Assert.True(loopback.Violations.Count < loopback.Checks, $"{loopback.Violations.Count} of {loopback.Checks}");

        // bby-bishopclark's sets confPRIVACY_FLAGS with novrfy on line 40: a forged "VRFY is answered" fails in every rendering.
        foreach (var forged in new[] { new TemplateFinding("MTA301", Bby, null, "forged: VRFY is answered"), new TemplateFinding("MTA301", Bby, 40, "forged: VRFY is answered") })
        {
            var rejected = Soundness.Check([forged], Corpus.Renderings);
            Assert.True(rejected.Checks >= 1, $"{rejected.Checks} checks");
            Assert.Equal(rejected.Checks, rejected.Violations.Count);
        }
    }
}
