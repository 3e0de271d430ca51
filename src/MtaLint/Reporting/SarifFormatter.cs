using System.Text.Json;
using MtaLint.Model;
using MtaLint.Rules;
using MtaLint.Text;

namespace MtaLint.Reporting;

/// <summary>
/// SARIF 2.1.0 (<c>--format sarif</c>) for GitHub code scanning and other SARIF viewers: every rule
/// with its doc in <c>tool.driver.rules</c>, one result per finding with its region, and the
/// finding's edits as a SARIF <c>fix</c>.
/// </summary>
internal sealed class SarifFormatter(ReportPaths paths, ToolInfo tool) : WholeRunFormatter
{
    public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";

    private const string SourceRoot = "%SRCROOT%";

    public SarifFormatter()
        : this(ReportPaths.FromCurrentDirectory(), ToolInfo.Default)
    {
    }

    public override string Name => "sarif";

    public override string Description => "SARIF 2.1.0 for GitHub code scanning and SARIF viewers, with rules and fixes";

    protected override void Write(Report report, TextWriter output, ReportSettings settings)
    {
        var diagnostics = report.Diagnostics.ToArray();
        var files = report.Units.SelectMany(u => u.Files).Distinct(StringComparer.Ordinal).ToArray();
        var rules = RuleDocs.ById.Values.ToArray();
        var ruleIndex = rules.Select((r, i) => (r.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        JsonOutput.Write(output, w =>
        {
            w.WriteStartObject();
            w.WriteString("$schema", SchemaUri);
            w.WriteString("version", "2.1.0");
            w.WriteStartArray("runs");
            w.WriteStartObject();
            WriteTool(w, rules, ToolInfo.Release(settings.ToolVersion));
            w.WriteStartObject("originalUriBaseIds");
            w.WriteStartObject(SourceRoot);
            w.WriteString("uri", paths.BaseUri);
            w.WriteEndObject();
            w.WriteEndObject();
            WriteArtifacts(w, files);
            w.WriteStartArray("results");
            foreach (var d in diagnostics)
            {
                WriteResult(w, d, ruleIndex);
            }

            w.WriteEndArray();
            w.WriteStartArray("invocations");
            w.WriteStartObject();
            w.WriteBoolean("executionSuccessful", true);
            w.WriteEndObject();
            w.WriteEndArray();

            // Our columns count UTF-16 code units (SourceFile offsets are .NET chars).
            w.WriteString("columnKind", "utf16CodeUnits");
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private void WriteTool(Utf8JsonWriter w, IReadOnlyList<RuleMetadata> rules, string version)
    {
        w.WriteStartObject("tool");
        w.WriteStartObject("driver");
        w.WriteString("name", tool.Name);
        w.WriteString("semanticVersion", version);
        w.WriteString("version", version);
        w.WriteString("informationUri", tool.InformationUri);
        w.WriteStartArray("rules");
        foreach (var rule in rules)
        {
            w.WriteStartObject();
            w.WriteString("id", rule.Id);
            w.WriteString("name", rule.Name);
            w.WriteStartObject("shortDescription");
            w.WriteString("text", rule.Summary);
            w.WriteEndObject();
            var checks = RuleDocSections.Section(rule, "What it checks");
            w.WriteStartObject("fullDescription");
            w.WriteString("text", checks.Length > 0 ? checks : rule.Summary);
            w.WriteEndObject();
            w.WriteString("helpUri", tool.RuleHelpUri(rule.Id));
            w.WriteStartObject("help");
            w.WriteString("text", $"{rule.Summary}. See {tool.RuleHelpUri(rule.Id)}");
            w.WriteString("markdown", RuleDocSections.Body(rule));
            w.WriteEndObject();
            w.WriteStartObject("defaultConfiguration");
            w.WriteBoolean("enabled", rule.EnabledByDefault);
            w.WriteString("level", Level(rule.DefaultSeverity));
            w.WriteEndObject();
            w.WriteStartObject("properties");
            w.WriteStartArray("tags");
            foreach (var mta in rule.Mtas)
            {
                w.WriteStringValue(mta);
            }

            w.WriteEndArray();
            w.WriteString("fix", rule.Fix);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private void WriteArtifacts(Utf8JsonWriter w, IReadOnlyList<string> files)
    {
        if (files.Count == 0)
        {
            return;
        }

        w.WriteStartArray("artifacts");
        foreach (var file in files)
        {
            w.WriteStartObject();
            WriteArtifactLocation(w, file, "location");
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private void WriteResult(Utf8JsonWriter w, Diagnostic d, IReadOnlyDictionary<string, int> ruleIndex)
    {
        w.WriteStartObject();
        w.WriteString("ruleId", d.RuleId);
        if (ruleIndex.TryGetValue(d.RuleId, out var index))
        {
            w.WriteNumber("ruleIndex", index);
        }

        w.WriteString("level", Level(d.Severity));
        var text = d.Finding.Notes.Count == 0 ? d.Message : d.Message + "\n" + string.Join('\n', d.Finding.Notes);
        WriteMessage(w, text);
        w.WriteStartArray("locations");
        w.WriteStartObject();
        w.WriteStartObject("physicalLocation");
        WriteArtifactLocation(w, d.Path);
        w.WriteStartObject("region");
        if (d.Finding.Location is { } location)
        {
            WriteRegion(w, location.File, location.Span);
            if (!location.File.IsWithheld)
            {
                w.WriteStartObject("snippet");
                w.WriteString("text", location.Text.Length > 0 ? location.Text : location.File.GetLineText(location.Start.Line));
                w.WriteEndObject();
            }
        }
        else
        {
            // A finding about the file as a whole (an absent setting); code scanning needs a line.
            w.WriteNumber("startLine", 1);
        }

        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndArray();
        WriteRelated(w, d.Finding.Related);
        if (d.Fix is { Edits.Count: > 0 } fix)
        {
            WriteFix(w, fix);
        }

        w.WriteEndObject();
    }

    /// <summary>Where the finding's text is decided elsewhere (a role default): SARIF <c>relatedLocations</c>, each with an id and its message.</summary>
    private void WriteRelated(Utf8JsonWriter w, IReadOnlyList<RelatedLocation> related)
    {
        if (related.Count == 0)
        {
            return;
        }

        w.WriteStartArray("relatedLocations");
        for (var i = 0; i < related.Count; i++)
        {
            w.WriteStartObject();
            w.WriteNumber("id", i + 1);
            w.WriteStartObject("physicalLocation");
            WriteArtifactLocation(w, related[i].Location.File.Path);
            w.WriteStartObject("region");
            WriteRegion(w, related[i].Location.File, related[i].Location.Span);
            w.WriteEndObject();
            w.WriteEndObject();
            WriteMessage(w, related[i].Message);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private void WriteFix(Utf8JsonWriter w, Fix fix)
    {
        w.WriteStartArray("fixes");
        w.WriteStartObject();
        w.WriteStartObject("description");
        w.WriteString("text", fix.Safety == FixSafety.Safe ? fix.Description : fix.Description + " (unsafe: applied only with --unsafe-fixes)");
        w.WriteEndObject();
        w.WriteStartArray("artifactChanges");
        foreach (var group in fix.Edits.GroupBy(e => e.File.Path, StringComparer.Ordinal))
        {
            w.WriteStartObject();
            WriteArtifactLocation(w, group.Key);
            w.WriteStartArray("replacements");
            foreach (var edit in group.OrderBy(e => e.Span.Start))
            {
                w.WriteStartObject();
                w.WriteStartObject("deletedRegion");
                WriteRegion(w, edit.File, edit.Span);
                w.WriteEndObject();
                w.WriteStartObject("insertedContent");
                w.WriteString("text", edit.NewText);
                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndArray();
    }

    private void WriteArtifactLocation(Utf8JsonWriter w, string path, string property = "artifactLocation")
    {
        w.WriteStartObject(property);
        var uri = paths.Uri(path);
        w.WriteString("uri", uri);
        if (!uri.StartsWith("file:", StringComparison.Ordinal))
        {
            w.WriteString("uriBaseId", SourceRoot);
        }

        w.WriteEndObject();
    }

    /// <summary>SARIF regions: 1-based, end column just past the last char (same as <see cref="SourceSpan.End"/>).</summary>
    private static void WriteRegion(Utf8JsonWriter w, SourceFile file, TextSpan span)
    {
        var start = file.GetPosition(span.Start);
        var end = file.GetPosition(span.End);
        w.WriteNumber("startLine", start.Line);
        w.WriteNumber("startColumn", start.Column);
        w.WriteNumber("endLine", end.Line);
        w.WriteNumber("endColumn", end.Column);
    }

    private static void WriteMessage(Utf8JsonWriter w, string text)
    {
        w.WriteStartObject("message");
        w.WriteString("text", text);
        w.WriteEndObject();
    }

    private static string Level(Severity severity) => severity switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        _ => "note",
    };
}
