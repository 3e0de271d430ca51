using System.Globalization;

namespace MtaLint.Benchmarks;

/// <summary>
/// Pairs of inputs of the same shape and size, one a literal config and one a template of it (issue 15: linting a template
/// costs at most 1.5x a literal file of the same size). bench/template-bench.sh times both sides of each pair.
/// </summary>
public static class TemplatePairs
{
    /// <summary>One pair: a name (<c>exim-100000</c>), and the literal and template files, each a folder of its own.</summary>
    public sealed record Pair(string Name, (string File, string Text) Literal, (string File, string Text) Template);

    public static IEnumerable<Pair> Pairs(int lines) =>
    [
        new($"postfix-{lines}", ("main.cf", LargeConfigs.PostfixMainCf(lines)), ("main.cf.j2", LargeConfigs.PostfixMainCfTemplate(lines))),
        new($"exim-{lines}", ("exim4.conf", LargeConfigs.EximConfig(lines)), ("exim4.conf.j2", LargeConfigs.EximConfigTemplate(lines))),
        new($"sendmail-{lines}", ("sendmail.mc", LargeConfigs.SendmailMc(lines)), ("sendmail.mc.j2", LargeConfigs.SendmailMcTemplate(lines))),
    ];

    /// <summary>Writes <c>NAME/literal/FILE</c> and <c>NAME/template/FILE</c> for each pair, and prints one line per pair: name, tab, line count.</summary>
    public static void Write(string root, IReadOnlyList<int> sizes, TextWriter cases)
    {
        foreach (var lines in sizes)
        {
            foreach (var pair in Pairs(lines))
            {
                foreach (var (side, (file, text)) in new[] { ("literal", pair.Literal), ("template", pair.Template) })
                {
                    var folder = Path.Combine(root, pair.Name, side);
                    Directory.CreateDirectory(folder);
                    File.WriteAllText(Path.Combine(folder, file), text);
                }

                cases.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{pair.Name}\t{lines}"));
            }
        }
    }
}
