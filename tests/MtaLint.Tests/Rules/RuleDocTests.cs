using System.Text.RegularExpressions;
using MtaLint.Engine;
using MtaLint.Rules;
using MtaLint.Tests.Infrastructure;

namespace MtaLint.Tests.Rules;

/// <summary>The rule docs are the single source of rule metadata: valid, complete, and in step with the rules.</summary>
public sealed partial class RuleDocTests
{
    /// <summary>What a doc may list under <c>mtas</c>: the registered dialects, and the probe's <c>wire</c>.</summary>
    private static readonly string[] Mtas = [.. RegisteredDialects.Names, "wire"];

    public static TheoryData<string> DocIds() =>
        new(Directory.EnumerateFiles(TestPaths.Rules, "*.md").Select(p => Path.GetFileNameWithoutExtension(p)!).Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(DocIds))]
    public void Doc_is_well_formed(string id)
    {
        var markdown = File.ReadAllText(Path.Combine(TestPaths.Rules, id + ".md"));
        var meta = RuleMetadata.Parse(markdown, id + ".md");
        Assert.Equal(id, meta.Id);
        Assert.Matches(IdPattern(), meta.Id);
        Assert.Matches(SlugPattern(), meta.Name);
        Assert.NotEmpty(meta.Mtas);
        Assert.All(meta.Mtas, m => Assert.Contains(m, Mtas));
        Assert.Contains($"\n# {meta.Id} {meta.Name}\n", markdown.Replace("\r\n", "\n"));
        foreach (var section in new[] { "## What it checks", "## Why", "## Examples" })
        {
            Assert.Contains("\n" + section + "\n", markdown.Replace("\r\n", "\n"));
        }

        foreach (var example in RuleDocExamples.Parse(markdown))
        {
            Assert.All(example.Files, f => Assert.True(meta.Mtas.Contains(f.Dialect), $"{id} \"{example.Heading}\": {f.Dialect} is not in mtas"));
        }
    }

    [Theory]
    [MemberData(nameof(DocIds))]
    public void Config_rule_docs_leave_room_for_every_dialects_examples(string id)
    {
        if (!ConfigRuleId().IsMatch(id))
        {
            return;
        }

        var markdown = File.ReadAllText(Path.Combine(TestPaths.Rules, id + ".md"));
        var examples = markdown[markdown.IndexOf("\n## Examples\n", StringComparison.Ordinal)..];
        Assert.Contains("<!-- exim examples -->", examples);
        Assert.Contains("<!-- sendmail examples -->", examples);
    }

    [Fact]
    public void Every_rule_has_a_doc_and_the_embedded_docs_are_the_files()
    {
        var files = Directory.EnumerateFiles(TestPaths.Rules, "*.md").Select(p => Path.GetFileNameWithoutExtension(p)!).Order(StringComparer.Ordinal);
        Assert.Equal(files, RuleDocs.ById.Keys.Order(StringComparer.Ordinal));
        Assert.All(RuleCatalog.All, r => Assert.True(RuleDocs.ById.ContainsKey(r.Id), $"{r.Id} has no rules/{r.Id}.md"));
        Assert.All(RuleCatalog.All, r => Assert.Equal(File.ReadAllText(Path.Combine(TestPaths.Rules, r.Id + ".md")), RuleDocs.Get(r.Id).Markdown));
    }

    [Fact]
    public void Every_config_rule_doc_has_a_rule()
    {
        // MTA000 is the linter's syntax error; MTA4xx (probe) docs belong to the probe's rules.
        foreach (var id in RuleDocs.ById.Keys.Where(k => ConfigRuleId().IsMatch(k)))
        {
            Assert.True(RuleCatalog.Find(id) is not null, $"rules/{id}.md has no rule");
        }

        Assert.Null(RuleCatalog.Find(Linter.SyntaxErrorId));
        Assert.Equal("syntax-error", RuleDocs.Get(Linter.SyntaxErrorId).Name);
    }

    [Fact]
    public void Rule_classes_are_named_after_their_id_and_slug()
    {
        foreach (var rule in RuleCatalog.All.Where(r => ConfigRuleId().IsMatch(r.Id)))
        {
            var slug = RuleDocs.Get(rule.Id).Name;
            var pascal = string.Concat(slug.Split('-').Select(w => char.ToUpperInvariant(w[0]) + w[1..]));
            Assert.Equal($"Mta{rule.Id[3..]}{pascal}", rule.GetType().Name);
        }
    }

    [Fact]
    public void Rule_ids_are_unique_and_ordered() =>
        Assert.Equal(RuleCatalog.All.Select(r => r.Id).Order(StringComparer.Ordinal).Distinct(), RuleCatalog.All.Select(r => r.Id));

    [GeneratedRegex(@"^MTA\d{3}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();

    [GeneratedRegex(@"^MTA[1-3]\d\d$")]
    private static partial Regex ConfigRuleId();
}
