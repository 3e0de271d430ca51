using MtaLint.Dialects;
using MtaLint.Model;
using MtaLint.Rules;
using MtaLint.Text;

namespace MtaLint.Engine;

/// <summary>
/// Whether a finding on the whole file of a template holds without the values the rendering decides. Such a finding
/// (a default in effect, no line to point at) keeps no trace of the settings that decided it, and one of them may be
/// a value with an expression in it (<c>smtpd_tls_security_level = {{ level }}</c>, read as unknown) or an assignment
/// inside <c>{% if %}</c>. The template is read again with each of those assignments taken away (its name made
/// unknown, every offset kept); a whole-file finding holds only if the rules report it there too.
/// </summary>
internal static class WholeFileProbe
{
    /// <summary>
    /// Templates larger than this together are not read a second time (it would double the cost of linting them, beyond
    /// the 1.5x of a literal file that templates may cost): their whole-file findings are not confirmed, so not reported.
    /// Real templates are a few kilobytes; the gathered ones are all under 64 KB.
    /// </summary>
    public const int MaxProbedLength = 256 * 1024;

    /// <summary>Whether the templates <paramref name="files"/> are small enough to be read again (<see cref="MaxProbedLength"/>).</summary>
    public static bool Probes(IReadOnlyList<SourceFile> files) => files.Sum(f => (long)f.Text.Length) <= MaxProbedLength;

    /// <summary>What the report says of the whole-file findings of rules <paramref name="ruleIds"/> left out because the templates are too large to probe.</summary>
    public static string Unprobed(IReadOnlyList<SourceFile> files, IEnumerable<string> ruleIds) =>
        $"{string.Join(", ", files.Select(f => f.Path))}: findings on the whole config ({string.Join(", ", ruleIds.Distinct())}) not reported: "
        + $"they may rest on a value the rendering decides, and a template over {MaxProbedLength / 1024} KB is not read again to rule that out";

    /// <summary>The (rule, message) of each whole-file finding the rules still report with the undecided assignments taken away.</summary>
    public static HashSet<(string Rule, string Message)> Confirmed(IDialect dialect, IReadOnlyList<SourceFile> files, AnalysisOptions options,
        TemplateFacts facts, IEnumerable<IRule> rules)
    {
        var confirmed = new HashSet<(string, string)>();
        if (!Probes(files))
        {
            return confirmed;
        }

        var variant = files.Select(f => Without(f, facts)).ToList();
        if (dialect.Analyze(variant, options).Config is not { } config)
        {
            return confirmed;
        }

        foreach (var rule in rules)
        {
            foreach (var found in rule.Check(config).Where(f => f.Location is null))
            {
                confirmed.Add((rule.Id, found.Message));
            }
        }

        return confirmed;
    }

    // The file with the first char of each undecided assignment's name masked: the name is then one Postfix does not know.
    private static SourceFile Without(SourceFile file, TemplateFacts facts)
    {
        var starts = facts.Undecided.Where(u => u.File.Path == file.Path && u.Span.Start < file.Text.Length && !facts.TagsIn(new SourceSpan(file, new TextSpan(u.Span.Start, 1))).Any())
            .Select(u => u.Span.Start).ToList();
        if (starts.Count == 0)
        {
            return file;
        }

        var text = file.Text.ToCharArray();
        foreach (var at in starts)
        {
            text[at] = TemplateFacts.Filler;
        }

        return file.WithText(new string(text));
    }
}
