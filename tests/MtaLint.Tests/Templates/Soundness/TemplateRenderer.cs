using System.Text;
using System.Text.Json;
using MtaLint.Syntax.Templates;
using MtaLint.Tests.Infrastructure;
using MtaLint.Text;

namespace MtaLint.Tests.Templates.Soundness;

/// <summary>The MTA file a template renders: Postfix's main.cf or master.cf, Debian's update-exim4.conf.conf, a sendmail .mc.</summary>
public enum RenderedKind
{
    PostfixMain,
    PostfixMaster,
    EximDebconf,
    SendmailMc,
    EximConfig,
}

/// <summary>
/// One template rendered under one variable set: the text, or the engine's refusal. <see cref="LineMap"/> gives, for
/// each line of the rendering (0-based), the template line (1-based) whose literal text starts it, or 0 when the line
/// comes from an expression or an include. It is read from a second rendering with a marker before each template
/// line's literal text; null when removing the markers does not give <see cref="Text"/> back (a filter saw them).
/// </summary>
public sealed record Rendering(string Template, Variation Variation, string? Text, string? Refusal, int[]? LineMap)
{
    /// <summary>Whether template line <paramref name="line"/> produced any line of this rendering.</summary>
    public bool Shows(int line) => LineMap?.Contains(line) ?? false;
}

/// <summary>
/// Renders templates with the real engines, one process per engine per batch: Debian's python3-jinja2 through
/// <c>render_jinja.py</c> (Ansible's environment for roles, Salt's for Salt states) and Debian's ruby through
/// <c>render_ruby.rb</c> (ERB as Puppet runs it, Erubis as Chef runs it, EPP through Puppet's inline_epp).
/// </summary>
public static class TemplateRenderer
{
    private const string Python = "/usr/bin/python3";
    private const string Ruby = "/usr/bin/ruby";

    private static string Script(string name) => Path.Combine(TestPaths.RepoRoot, "tests", "MtaLint.Tests", "Templates", "Soundness", name);

    /// <summary>
    /// The real templates of MTA configs (<c>TestData/templates</c>), as paths relative to <see cref="TestPaths.TestsData"/>:
    /// Salt's <c>map.jinja</c> is Jinja too, but renders variables, not a config.
    /// </summary>
    public static IReadOnlyList<string> RealTemplates() =>
        Directory.EnumerateFiles(Path.Combine(TestPaths.TestsData, "templates"), "*", SearchOption.AllDirectories)
            .Where(p => Path.GetFileName(p) != "map.jinja" && MtaLint.Dialects.TemplateDetector.Recognize(p, Head(p)) is not null)
            .Select(p => Path.GetRelativePath(TestPaths.TestsData, p)).Order(StringComparer.Ordinal).ToList();

    public static RenderedKind KindOf(string path)
    {
        var name = Path.GetFileName(path);
        return name.StartsWith("master.cf", StringComparison.Ordinal) ? RenderedKind.PostfixMaster
            : name.Contains("exim", StringComparison.Ordinal) ? EximRendering.KindOf(path)
            : name.Contains(".mc", StringComparison.Ordinal) ? RenderedKind.SendmailMc
            : RenderedKind.PostfixMain;
    }

    /// <summary>"Ansible", "Salt", "Chef (Erubis)", "Puppet (ERB)", "Puppet (EPP)".</summary>
    public static string EngineOf(string path, TemplateOptions options) => options switch
    {
        ErbOptions { Scanner: ErbScanner.Epp } => "Puppet (EPP)",
        ErbOptions { Scanner: ErbScanner.Erubis } => "Chef (Erubis)",
        ErbOptions => "Puppet (ERB)",
        _ when path.Contains("/roles/", StringComparison.Ordinal) || path.Contains("ansible", StringComparison.OrdinalIgnoreCase) || path.Contains("/templates/", StringComparison.Ordinal) => "Ansible",
        _ => "Salt",
    };

    /// <summary>
    /// Renders every template under every one of its variable sets. <paramref name="texts"/> replaces a template's
    /// text (a fixed copy); the variable sets are those of the text rendered.
    /// </summary>
    public static IReadOnlyList<Rendering> RenderAll(IReadOnlyList<string> templates, IReadOnlyDictionary<string, string>? texts = null)
    {
        var jobs = templates.Select(t => Job.Make(t, texts?.GetValueOrDefault(t))).ToList();
        var result = new List<Rendering>();
        var jinja = jobs.Where(j => j.Options is JinjaOptions).ToList();
        var ruby = jobs.Where(j => j.Options is ErbOptions).ToList();
        foreach (var (group, exe, script) in new[] { (jinja, Python, "render_jinja.py"), (ruby, Ruby, "render_ruby.rb") })
        {
            if (group.Count == 0)
            {
                continue;
            }

            var output = Run(exe, Script(script), JsonSerializer.Serialize(new { jobs = group.Select(j => j.Json()) }));
            var answers = output.GetProperty("jobs").EnumerateArray().ToList();
            Assert.Equal(group.Count, answers.Count);
            for (var i = 0; i < group.Count; i++)
            {
                var renderings = answers[i].GetProperty("renderings").EnumerateArray().ToList();
                Assert.Equal(group[i].Variations.Count, renderings.Count);
                for (var k = 0; k < renderings.Count; k++)
                {
                    result.Add(Read(group[i].Path, group[i].Variations[k], renderings[k]));
                }
            }
        }

        return result;
    }

    private static Rendering Read(string path, Variation variation, JsonElement answer)
    {
        if (answer.TryGetProperty("error", out var error))
        {
            return new Rendering(path, variation, null, error.GetString(), null);
        }

        var text = answer.GetProperty("text").GetString()!;
        var marked = answer.GetProperty("marked").GetString()!;
        return new Rendering(path, variation, text, null, LineMap(text, marked));
    }

    /// <summary>Each rendered line's template line, from the markers (<c>\u0002L{line}\u0003</c>) in the marked rendering.</summary>
    private static int[]? LineMap(string text, string marked)
    {
        if (Marker.Replace(marked, "") != text)
        {
            return null;
        }

        return marked.Split('\n').Select(l => Marker.Match(l) is { Success: true } m ? int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0).ToArray();
    }

    private static readonly System.Text.RegularExpressions.Regex Marker = new("\u0002L([0-9]+)\u0003");

    private static string Head(string path)
    {
        var text = File.ReadAllText(path);
        return text[..Math.Min(text.Length, 4096)];
    }

    /// <summary>A template with its variable sets, as the renderer scripts take it.</summary>
    private sealed record Job(string Path, string Text, TemplateOptions Options, TemplateDocument Doc, IReadOnlyList<Variation> Variations)
    {
        public static Job Make(string path, string? text)
        {
            var full = TemplateFiles.FullPath(path);
            var bytes = text is null ? File.ReadAllBytes(full) : new UTF8Encoding(false).GetBytes(text);
            var file = SourceFile.FromBytes(path, bytes);
            var options = TemplateFiles.Options(path);
            var doc = TemplateDocument.Parse(file, options);
            Assert.True(doc.Errors.Count == 0, $"{path}: {string.Join("; ", doc.Errors)}");
            return new Job(path, file.Text, options, doc, global::MtaLint.Tests.Templates.Soundness.Variations.Of(doc));
        }

        public object Json()
        {
            var markers = LiteralLineStarts(Doc).Select(l => (Start: l.Offset, End: l.Offset, Text: $"\u0002L{l.Line}\u0003")).ToList();
            var full = TemplateFiles.FullPath(Path);
            var dir = System.IO.Path.GetDirectoryName(full)!;
            var engine = Options switch { ErbOptions { Scanner: ErbScanner.Epp } => "epp", ErbOptions { Scanner: ErbScanner.Erubis } => "erubis", ErbOptions => "erb", _ => null };
            return new
            {
                path = Path,
                engine,
                flavour = EngineOf(Path, Options) == "Salt" ? "salt" : "ansible",
                trim = Options is JinjaOptions { TrimBlocks: true },
                lstrip = Options is JinjaOptions { LstripBlocks: true },
                search = SearchPath(full),
                defaults = RoleDefaults(full),
                sets = Variations.Select(v => new
                {
                    text = Apply(Text, v.Forced),
                    marked = Apply(Text, [.. v.Forced, .. markers]),
                    vars = v.Intents.Where(i => !i.Undefined).ToDictionary(i => i.Name, i => i.Json),
                    undefined = v.Intents.Where(i => i.Undefined).Select(i => i.Name).ToList(),
                }),
            };
        }
    }

    /// <summary>Where an include, import or extends looks: the template's folder, its <c>templates/</c> folder, the repository (Salt's file roots).</summary>
    private static List<string> SearchPath(string full)
    {
        var dirs = new List<string> { System.IO.Path.GetDirectoryName(full)! };
        var repo = RepoRoot(full);
        var templates = full.LastIndexOf("/templates/", StringComparison.Ordinal);
        if (templates >= 0)
        {
            dirs.Add(full[..(templates + "/templates".Length)]);
        }

        dirs.Add(repo);
        return dirs;
    }

    private static string RepoRoot(string full)
    {
        var root = System.IO.Path.Combine(TestPaths.TestsData, "templates");
        var rel = System.IO.Path.GetRelativePath(root, full);
        return System.IO.Path.Combine(root, rel.Split('/')[0]);
    }

    /// <summary>An Ansible role's <c>defaults/main.yml</c> then <c>vars/main.yml</c>, beside the <c>templates/</c> folder the template is in.</summary>
    public static List<string> RoleDefaults(string full)
    {
        var templates = full.LastIndexOf("/templates/", StringComparison.Ordinal);
        if (templates < 0)
        {
            return [];
        }

        var role = full[..templates];
        return new[] { "defaults/main.yml", "vars/main.yml" }.Select(p => System.IO.Path.Combine(role, p)).Where(File.Exists).ToList();
    }

    private static string Apply(string text, IEnumerable<(int Start, int End, string Text)> edits)
    {
        var sb = new StringBuilder(text);
        foreach (var (start, end, replacement) in edits.OrderByDescending(e => e.Start).ThenByDescending(e => e.End))
        {
            sb.Remove(start, end - start).Insert(start, replacement);
        }

        return sb.ToString();
    }

    /// <summary>Each line's first non-blank char of literal text (the marker goes just before it).</summary>
    internal static List<(int Line, int Offset)> LiteralLineStarts(TemplateDocument doc)
    {
        var text = doc.File.Text;
        var result = new List<(int, int)>();
        var lastLine = 0;
        foreach (var token in doc.Tokens.Where(t => t.Kind == TemplateTokenKind.Literal))
        {
            for (var i = token.Span.Start; i < token.Span.End; i++)
            {
                if (char.IsWhiteSpace(text[i]))
                {
                    continue;
                }

                var line = doc.File.GetPosition(i).Line;
                if (line != lastLine)
                {
                    result.Add((line, i));
                    lastLine = line;
                }
            }
        }

        return result;
    }

    private static JsonElement Run(string exe, string script, string stdin) =>
        TemplateOracle.Run(exe, "python3-jinja2 python3-yaml ruby ruby-erubis puppet", exe == Ruby ? ["-W0", script] : [script], stdin, seconds: 300);
}
