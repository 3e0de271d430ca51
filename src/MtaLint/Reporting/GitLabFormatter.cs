using System.Security.Cryptography;
using System.Text;
using MtaLint.Rules;

namespace MtaLint.Reporting;

/// <summary>
/// GitLab Code Quality (<c>--format gitlab</c>): a JSON array of CodeClimate-style issues that
/// GitLab shows in merge requests (<c>artifacts: reports: codequality</c>).
/// </summary>
public sealed class GitLabFormatter(ReportPaths paths) : WholeRunFormatter
{
    public GitLabFormatter()
        : this(ReportPaths.FromCurrentDirectory())
    {
    }

    public override string Name => "gitlab";

    public override string Description => "GitLab code quality report (JSON) for merge request widgets";

    protected override void Write(Report report, TextWriter output, ReportSettings settings)
    {
        JsonOutput.Write(output, w =>
        {
            w.WriteStartArray();
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var d in report.Diagnostics)
            {
                var path = paths.Relative(d.Path);
                w.WriteStartObject();
                w.WriteString("description", $"{d.RuleId} {d.Message}");
                w.WriteString("check_name", d.RuleId);
                w.WriteString("fingerprint", Fingerprint(d, path, seen));
                w.WriteString("severity", d.Severity switch
                {
                    Severity.Error => "major",
                    Severity.Warning => "minor",
                    _ => "info",
                });
                w.WriteStartObject("location");
                w.WriteString("path", path);
                w.WriteStartObject("lines");
                w.WriteNumber("begin", d.Start?.Line ?? 1);
                if (d.End is { } end)
                {
                    w.WriteNumber("end", Math.Max(d.Start!.Value.Line, end.Column == 1 && end.Line > d.Start.Value.Line ? end.Line - 1 : end.Line));
                }

                w.WriteEndObject();
                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
        });
    }

    /// <summary>
    /// Stable across runs when lines move: rule, file, the flagged text and the start of its line
    /// (not its line number), with a counter for repeats, so GitLab tracks a finding rather than a
    /// position. The message counts only for a finding about a whole file, which has no flagged text:
    /// a message can quote what changes between runs (a banner's <c>$tod_full</c> or <c>$b</c>
    /// rendered as the time of day), and a fingerprint that changed every second marked every such
    /// finding new in every merge request.
    /// </summary>
    private static string Fingerprint(Diagnostic d, string path, Dictionary<string, int> seen)
    {
        var key = $"{d.RuleId}\0{path}\0{(d.Finding.Location is { } at ? at.Text + "\0" + LineStart(at) : d.Message)}";
        var n = seen.GetValueOrDefault(key);
        seen[key] = n + 1;
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(key + "\0" + n));
        return Convert.ToHexStringLower(hash)[..32];
    }

    /// <summary>The first chars of the line a finding starts on: tells apart the same text flagged on two settings (<c>x = bad</c>, <c>y = bad</c>) without reading a megabyte line per finding.</summary>
    private static string LineStart(Text.SourceSpan at)
    {
        var line = at.File.GetLineSpan(at.Start.Line);
        return at.File.Text.Substring(line.Start, Math.Min(line.Length, 200));
    }
}
