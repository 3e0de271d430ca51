using System.Diagnostics;
using System.Text.Json;
using MtaLint.Tests.Cli;
using MtaLint.Tests.Infrastructure;

namespace MtaLint.Tests.Templates.Soundness;

/// <summary>
/// Every real template (<c>TestData/templates</c>) rendered under its variable sets by the real engines, each rendering
/// checked by the real MTA and linted by mtalint as a plain config. Built once for the test class: the engines run
/// once per batch, and identical renderings are checked once.
/// </summary>
public sealed class SoundCorpus
{
    private readonly Dictionary<(RenderedKind, string, string?), (MtaVerdict, IReadOnlyList<RenderedFinding>)> _checked = [];

    public SoundCorpus()
        : this(TemplateRenderer.RealTemplates())
    {
    }

    /// <summary>The corpus of some of the real templates (those of one MTA, for its own soundness tests).</summary>
    internal SoundCorpus(IReadOnlyList<string> templates)
    {
        var clock = Stopwatch.StartNew();
        Templates = templates;
        var renderings = TemplateRenderer.RenderAll(Templates);
        RenderTime = clock.Elapsed;
        Renderings = CheckAll(renderings);
        CheckTime = clock.Elapsed - RenderTime;
    }

    public IReadOnlyList<string> Templates { get; }

    public IReadOnlyList<CheckedRendering> Renderings { get; }

    public TimeSpan RenderTime { get; }

    public TimeSpan CheckTime { get; }

    /// <summary>Distinct (file, companion) pairs the MTA and mtalint were run on.</summary>
    public int DistinctChecked => _checked.Count;

    /// <summary>Each rendering with its companion (see <see cref="RenderedConfig"/>), checked by the MTA and linted.</summary>
    /// <param name="companions">Renderings whose defaults give a companion the batch does not render (a fixed main.cf with its original master.cf).</param>
    public IReadOnlyList<CheckedRendering> CheckAll(IReadOnlyList<Rendering> renderings, IReadOnlyList<CheckedRendering>? companions = null)
    {
        var defaults = renderings.Where(r => r.Variation.Name == "defaults").ToDictionary(r => r.Template, r => r.Text);
        foreach (var c in companions ?? [])
        {
            if (c.Rendering.Variation.Name == "defaults")
            {
                defaults.TryAdd(c.Rendering.Template, c.Rendering.Text);
            }
        }

        string? Companion(string template, RenderedKind kind)
        {
            var want = kind == RenderedKind.PostfixMain ? RenderedKind.PostfixMaster : RenderedKind.PostfixMain;
            var dir = Path.GetDirectoryName(template);
            var other = defaults.Keys.FirstOrDefault(t => Path.GetDirectoryName(t) == dir && TemplateRenderer.KindOf(t) == want);
            return other is null ? null : defaults[other];
        }

        var result = new List<CheckedRendering>();
        foreach (var r in renderings)
        {
            if (r.Text is null)
            {
                result.Add(new CheckedRendering(r, null, null));
                continue;
            }

            var kind = TemplateRenderer.KindOf(r.Template);
            var companion = kind is RenderedKind.PostfixMain or RenderedKind.PostfixMaster ? Companion(r.Template, kind) : null;
            var key = (kind, r.Text, companion);
            if (!_checked.TryGetValue(key, out var outcome))
            {
                outcome = new RenderedConfig(kind, r.Text, companion).Check();
                _checked[key] = outcome;
            }

            result.Add(new CheckedRendering(r, outcome.Item1, outcome.Item2));
        }

        return result;
    }

    /// <summary>
    /// What <c>mtalint --format json</c> reports on the templates (all in one run, so a main.cf template is read with
    /// its master.cf as mtalint pairs them). Tool messages (MTA0xx: reading, parsing, notes) are kept apart: they make
    /// no claim about the MTA's configuration.
    /// </summary>
    public static (List<TemplateFinding> Findings, List<TemplateFinding> ToolMessages) LintTemplates(string root, IEnumerable<string> templates)
    {
        var list = templates.ToList();
        var run = CliRunner.RunReal(["--format", "json", .. list.Select(t => Path.Combine(root, t))]);
        Assert.True(run.ExitCode is 0 or 1, $"mtalint on the templates: exit {run.ExitCode}\n{run.Stderr}");
        var findings = new List<TemplateFinding>();
        var tool = new List<TemplateFinding>();
        foreach (var d in JsonDocument.Parse(run.Stdout).RootElement.GetProperty("diagnostics").EnumerateArray())
        {
            var file = d.GetProperty("file").GetString()!;
            var finding = new TemplateFinding(
                d.GetProperty("rule").GetString()!,
                Path.GetRelativePath(root, Path.IsPathRooted(file) ? file : Path.GetFullPath(file)),
                d.GetProperty("line").ValueKind == JsonValueKind.Number ? d.GetProperty("line").GetInt32() : null,
                d.GetProperty("message").GetString()!,
                d.TryGetProperty("related", out var related) ? [.. related.EnumerateArray().Select(r => VariableOf(r.GetProperty("message").GetString()!))] : null);
            (finding.Rule.StartsWith("MTA0", StringComparison.Ordinal) ? tool : findings).Add(finding);
        }

        return (findings, tool);
    }

    public static string Root => TestPaths.TestsData;

    /// <summary>The variable a related location names: its message starts with it in backquotes (<c>`postfix_banner` has its default here</c>).</summary>
    private static string VariableOf(string message) =>
        message.StartsWith('`') && message.IndexOf('`', 1) is > 1 and var end ? message[1..end] : throw new InvalidOperationException($"a related location that names no variable: {message}");
}
