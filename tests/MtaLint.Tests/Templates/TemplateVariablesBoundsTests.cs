using System.Diagnostics;
using System.Text;
using MtaLint.Syntax.Templates;
using MtaLint.Syntax.Templates.Variables;
using MtaLint.Text;
using MtaLint.Dialects;

namespace MtaLint.Tests.Templates;

/// <summary>
/// Hostile or broken defaults files: an alias bomb, deep nesting, a huge file, text that is not YAML. Each gives one
/// warning at file:line:column and no variables (so every expression stays unknown), in bounded time, and never throws.
/// </summary>
public sealed class TemplateVariablesBoundsTests
{
    [Fact]
    public void An_alias_bomb_is_refused_at_the_alias_that_crosses_the_bound()
    {
        var sb = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (var i = 1; i < 12; i++)
        {
            var prev = (char)('a' + i - 1);
            sb.Append((char)('a' + i)).Append(": &").Append((char)('a' + i)).Append(" [").Append(string.Join(",", Enumerable.Repeat("*" + prev, 9))).Append("]\n");
        }

        var watch = Stopwatch.StartNew();
        var vars = AnsibleVarsReader.Read(new SourceFile("defaults/main.yml", sb.ToString()));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), watch.Elapsed.ToString());
        var warning = Assert.Single(vars.Warnings);
        Assert.Contains("aliases are expanded", warning.Message, StringComparison.Ordinal);
        Assert.Equal(6, warning.Location.Start.Line); // f: 9^5 values, the first over 100,000
        Assert.Equal(0, vars.Count);
        Assert.Null(TemplateExpressions.RenderCode(JinjaOptions.Ansible, "a | join(',')", vars));
    }

    [Fact]
    public void Shared_anchors_under_the_bound_are_read_and_rendered()
    {
        var vars = AnsibleVarsReader.Read(new SourceFile("defaults/main.yml", "base: &b [x, y]\ntwice: [*b, *b]\n"));
        Assert.Empty(vars.Warnings);
        Assert.Equal("[['x', 'y'], ['x', 'y']]", TemplateExpressions.RenderCode(JinjaOptions.Ansible, "twice", vars)!.Text);
    }

    [Fact]
    public void Deep_nesting_is_refused_without_recursion()
    {
        var text = "x: " + new string('[', 100_000) + new string(']', 100_000) + "\n";
        var vars = AnsibleVarsReader.Read(new SourceFile("defaults/main.yml", text));
        var warning = Assert.Single(vars.Warnings);
        Assert.Contains("nested more than 64", warning.Message, StringComparison.Ordinal);
        Assert.Equal((1, 67), (warning.Location.Start.Line, warning.Location.Start.Column));
    }

    [Theory]
    [InlineData("a: [1, 2\nb: 3\n", 2)]
    [InlineData("a: 'open\n", 1)]
    [InlineData("a: 1\n  b: 2\n", 2)]
    [InlineData("a: *nowhere\n", 1)]
    [InlineData("- just\n- a list\n", 1)]
    [InlineData("a:\tb\n\tc: d\n", 2)]
    public void Text_that_is_not_a_variables_file_gives_one_warning_at_its_place(string text, int line)
    {
        var vars = AnsibleVarsReader.Read(new SourceFile("roles/r/defaults/main.yml", text));
        var warning = Assert.Single(vars.Warnings);
        Assert.Equal(line, warning.Location.Start.Line);
        Assert.Equal("roles/r/defaults/main.yml", warning.Location.File.Path);
        Assert.Equal(0, vars.Count);
    }

    [Fact]
    public void A_huge_defaults_file_is_not_read()
    {
        var root = Path.Combine(Path.GetTempPath(), "mtalint-vars-" + Guid.NewGuid().ToString("N"));
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "defaults"));
            Directory.CreateDirectory(Path.Combine(root, "vars"));
            File.WriteAllText(Path.Combine(root, "defaults", "main.yml"), "a: " + new string('x', 2 * 1024 * 1024) + "\n");
            File.WriteAllText(Path.Combine(root, "vars", "main.yml"), "b: 1\n");
            var vars = TemplateDefaults.For(Path.Combine(root, "templates", "main.cf.j2"), JinjaOptions.Ansible);
            var warning = Assert.Single(vars.Warnings);
            Assert.Contains("larger than 1024 KiB", warning.Message, StringComparison.Ordinal);
            Assert.Equal(Path.Combine(root, "defaults", "main.yml"), warning.Location.File.Path);
            Assert.Null(vars.Find("a"));
            Assert.NotNull(vars.Find("b")); // the other file is still read
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void A_template_outside_a_templates_folder_has_no_defaults()
    {
        Assert.Same(TemplateVariables.Empty, TemplateDefaults.For("/etc/postfix/main.cf.j2", JinjaOptions.Ansible));
        Assert.Same(TemplateVariables.Empty, TemplateDefaults.For("postfix/files/main.cf", JinjaOptions.Salt));
    }

    [Fact]
    public void Unsafe_and_vault_tags_are_read_as_ansible_reads_them()
    {
        var vars = AnsibleVarsReader.Read(new SourceFile("defaults/main.yml", "raw: !unsafe '{{ x }}'\nsecret: !vault |\n  $ANSIBLE_VAULT;1.1;AES256\n  6162\nlater: '{{ raw }}'\n"));
        Assert.Empty(vars.Warnings);
        Assert.Equal("{{ x }}", TemplateExpressions.RenderCode(JinjaOptions.Ansible, "raw", vars)!.Text);
        Assert.IsType<TemplateOpaque>(vars.Find("secret")!.Value);
        Assert.Null(TemplateExpressions.RenderCode(JinjaOptions.Ansible, "secret", vars));
        Assert.Equal(true, TemplateExpressions.Condition(JinjaOptions.Ansible, "secret is defined", vars));
        Assert.Null(TemplateExpressions.RenderCode(JinjaOptions.Ansible, "later", vars));
    }

    [Fact]
    public void An_erb_tag_with_trim_markers_is_evaluated_on_its_code()
    {
        var vars = new TemplateVariables(VariableSource.PuppetModule, [new TemplateVariable("relay", new TemplateString("smtp.example.com"), new SourceFile("init.pp", "x").Span(0, 1))]);
        var doc = TemplateDocument.Parse(new SourceFile("templates/sendmail.mc.erb", "define(`SMART_HOST', `<%= @relay -%>')\n<%- if @relay -%>\nx\n<%- end -%>\n"), ErbOptions.Puppet);
        var expressions = new TemplateExpressions(doc, vars);
        Assert.Equal("smtp.example.com", expressions.Render(doc.Tokens.Single(t => t.Kind == TemplateTokenKind.Expression))!.Text);
        Assert.Equal(true, expressions.Taken(doc.Blocks[0].Branches[0]));
    }
}
