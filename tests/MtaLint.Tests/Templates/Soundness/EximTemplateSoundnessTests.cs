namespace MtaLint.Tests.Templates.Soundness;

/// <summary>
/// Issue 15's soundness bar for Exim config templates: each rendered by the real engines under its variable sets, each
/// rendering read by the real exim (<c>-C FILE -bV</c>), and every finding mtalint reports on the template holding in
/// every rendering exim accepts where its line is present. (Debian update-exim4.conf.conf templates are the shared
/// harness's, <see cref="TemplateSoundnessTests"/>.)
/// </summary>
public sealed class EximTemplateSoundnessTests(SoundCorpus corpus) : IClassFixture<SoundCorpus>
{
    private List<string> EximConfigs => corpus.Templates.Where(t => TemplateRenderer.KindOf(t) == RenderedKind.EximConfig).ToList();

    private static void Say(string text)
    {
        TestContext.Current.SendDiagnosticMessage(text);
        TestContext.Current.TestOutputHelper?.WriteLine(text);
    }

    [Fact]
    public void Exim_reads_every_rendering_of_the_Exim_templates()
    {
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
    }
}
