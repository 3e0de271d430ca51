using System.Security.Cryptography;
using System.Text;
using MtaLint.Rules;

namespace MtaLint.Reporting;

/// <summary>
/// GitLab Code Quality (<c>--format gitlab</c>): a JSON array of CodeClimate-style issues that
/// GitLab shows in merge requests (<c>artifacts: reports: codequality</c>).
/// </summary>
internal sealed partial class GitLabFormatter(ReportPaths paths) : WholeRunFormatter
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
                // GitLab reads one location and ignores the rest of Code Climate's fields (other_locations
                // among them, docs.gitlab.com "Code Quality report format"): a second location goes in the description.
                w.WriteString("description", $"{d.RuleId} {d.Message}" + string.Concat(d.Finding.Related.Select(r => $" (see {paths.At(r)})")));
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
    /// Stable across runs when lines move: rule, file and the flagged text (not its line number),
    /// with a counter for repeats, so GitLab tracks a finding rather than a position. A finding
    /// about the whole file has no flagged text: its message stands in, without what it quotes.
    /// A quote can change from run to run (MTA109 quotes the time the banner shows, Sendmail's
    /// default <c>$b</c> included), and then each pipeline reported the finding as fixed and as new.
    /// </summary>
    private static string Fingerprint(Diagnostic d, string path, Dictionary<string, int> seen)
    {
        var key = $"{d.RuleId}\0{path}\0" + (d.Finding.Location is { } location ? "at\0" + location.Text : "file\0" + Quoted().Replace(d.Message, "\"\""));
        var n = seen.GetValueOrDefault(key);
        seen[key] = n + 1;
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(key + "\0" + n));
        return Convert.ToHexStringLower(hash)[..32];
    }

    [System.Text.RegularExpressions.GeneratedRegex("\"[^\"]*\"")]
    private static partial System.Text.RegularExpressions.Regex Quoted();
}
