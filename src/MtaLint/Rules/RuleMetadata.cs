using System.Reflection;

namespace MtaLint.Rules;

/// <summary>A rule's metadata, read from the front matter of its <c>rules/ID.md</c>.</summary>
public sealed record RuleMetadata(
    string Id,
    string Name,
    Severity DefaultSeverity,
    IReadOnlyList<string> Mtas,
    string Fix,
    string Summary,
    bool EnabledByDefault,
    string Markdown)
{
    /// <summary>
    /// The rule judges only the text it points at (<c>depends-on: text</c>), which no other file can
    /// change: its findings hold on a config read without a missing include. Rules that judge the
    /// config (<c>depends-on: config</c>, the default) could be answered by the missing part.
    /// </summary>
    public bool JudgesTextOnly { get; init; }

    /// <summary>Parses a rule doc. Front matter is <c>key: value</c> lines between <c>---</c> fences; lists are <c>[a, b]</c>.</summary>
    public static RuleMetadata Parse(string markdown, string source)
    {
        var lines = markdown.Replace("\r\n", "\n").Split('\n');
        if (lines.Length == 0 || lines[0].Trim() != "---")
        {
            throw new FormatException($"{source}: rule doc must start with '---' front matter");
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var i = 1;
        for (; i < lines.Length && lines[i].Trim() != "---"; i++)
        {
            var colon = lines[i].IndexOf(':');
            if (colon <= 0)
            {
                throw new FormatException($"{source}:{i + 1}: front matter line is not 'key: value'");
            }

            fields[lines[i][..colon].Trim()] = lines[i][(colon + 1)..].Trim();
        }

        if (i == lines.Length)
        {
            throw new FormatException($"{source}: front matter is not closed with '---'");
        }

        string Required(string key) => fields.TryGetValue(key, out var v) && v.Length > 0
            ? v
            : throw new FormatException($"{source}: front matter lacks '{key}'");

        var severity = Required("severity") switch
        {
            "error" => Severity.Error,
            "warning" => Severity.Warning,
            "info" => Severity.Info,
            var other => throw new FormatException($"{source}: severity '{other}' is not error, warning or info"),
        };
        var fix = Required("fix");
        if (fix is not ("safe" or "unsafe" or "none"))
        {
            throw new FormatException($"{source}: fix '{fix}' is not safe, unsafe or none");
        }

        var mtas = Required("mtas").Trim('[', ']').Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var enabled = !fields.TryGetValue("enabled", out var e) || e != "false";
        var dependsOn = fields.TryGetValue("depends-on", out var d) ? d : "config";
        if (dependsOn is not ("text" or "config"))
        {
            throw new FormatException($"{source}: depends-on '{dependsOn}' is not text or config");
        }

        return new RuleMetadata(Required("id"), Required("name"), severity, mtas, fix, Required("summary"), enabled, markdown)
        {
            JudgesTextOnly = dependsOn == "text",
        };
    }
}

/// <summary>The rule docs embedded in the library, parsed on first use.</summary>
public static class RuleDocs
{
    private static readonly Lazy<IReadOnlyDictionary<string, RuleMetadata>> All = new(Load);

    public static IReadOnlyDictionary<string, RuleMetadata> ById => All.Value;

    public static RuleMetadata Get(string id) => All.Value.TryGetValue(id, out var m)
        ? m
        : throw new KeyNotFoundException($"no rule doc rules/{id}.md is embedded");

    private static IReadOnlyDictionary<string, RuleMetadata> Load()
    {
        var assembly = typeof(RuleDocs).Assembly;
        var result = new SortedDictionary<string, RuleMetadata>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("rules/", StringComparison.Ordinal) && n.EndsWith(".md", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            var meta = RuleMetadata.Parse(reader.ReadToEnd(), name);
            result[meta.Id] = meta;
        }

        return result;
    }
}
