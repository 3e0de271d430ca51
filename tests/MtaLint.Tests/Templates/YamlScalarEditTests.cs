using System.Text.Json;
using MtaLint.Dialects;
using MtaLint.Syntax.Templates.Variables;
using MtaLint.Tests.Cli;
using MtaLint.Text;

namespace MtaLint.Tests.Templates;

/// <summary>
/// The minimal edit of a role default's YAML scalar that a template fix turns into: only the changed chars, in the
/// scalar's own quoting, re-quoted only when needed, comments and line ends kept; checked against the real PyYAML
/// (what Ansible loads). And where else a role uses a variable, which keeps the default from being edited.
/// </summary>
public sealed class YamlScalarEditTests
{
    /// <summary>The edited file when the value of <c>v</c> (the scalar after <c>v: </c>) has chars [start, end) replaced by <paramref name="text"/>.</summary>
    private static string Edited(string yaml, int start, int end, string text)
    {
        var file = new SourceFile("defaults/main.yml", yaml);
        var at = Variable(file);
        var edit = YamlScalarEdit.Of(file, at, start, end, text, out var refusal);
        Assert.True(edit is not null, refusal);
        return edit!.ApplyTo(yaml);
    }

    private static int Variable(SourceFile file) =>
        AnsibleVarsReader.Read(file).Find("v")!.At.Span.Start;

    [Theory]
    // plain: the changed chars only, the comment and the blanks before it kept
    [InlineData("a: 1\nv: loopback-only   # where it listens\nb: x\n", 0, 13, "all", "a: 1\nv: all   # where it listens\nb: x\n")]
    [InlineData("v: $myhostname ESMTP $mail_name (Debian/GNU)\n", 28, 41, "", "v: $myhostname ESMTP $mail_name\n")]
    [InlineData("v: $myhostname ESMTP $mail_name (Debian/GNU)\r\nw: 1\r\n", 18, 28, "", "v: $myhostname ESMTP  (Debian/GNU)\r\nw: 1\r\n")]
    // plain that would read otherwise: re-quoted, single first
    [InlineData("v: localhost # c\n", 0, 9, "yes", "v: 'yes' # c\n")]
    [InlineData("v: localhost\n", 0, 9, "25", "v: '25'\n")]
    [InlineData("v: localhost\n", 9, 9, " #x", "v: 'localhost #x'\n")]
    [InlineData("v: localhost\n", 9, 9, ": x", "v: 'localhost: x'\n")]
    [InlineData("v: localhost\n", 0, 0, "*", "v: '*localhost'\n")]
    [InlineData("v: localhost\n", 0, 0, "it's ", "v: it's localhost\n")]
    [InlineData("v: localhost\n", 0, 9, "'q", "v: '''q'\n")]
    // single quoted: '' stays the escape of '
    [InlineData("v: 'it''s (Debian)'  # c\n", 4, 13, "", "v: 'it''s'  # c\n")]
    [InlineData("v: 'it''s (Debian)'\n", 0, 4, "that's", "v: 'that''s (Debian)'\n")]
    // double quoted: backslash escapes kept and made
    [InlineData("v: \"a\\\\b \\u00e9 (Debian)\"\n", 5, 14, "", "v: \"a\\\\b \\u00e9\"\n")]
    [InlineData("v: \"x (Debian)\" # c\n", 1, 10, " \"q\\", "v: \"x \\\"q\\\\\" # c\n")]
    public void An_edit_rewrites_only_what_changes_in_the_scalars_own_quoting(string yaml, int start, int end, string text, string expected)
    {
        var edited = Edited(yaml, start, end, text);

        Assert.Equal(expected, edited);
        // What Ansible's loader reads: the new string, every other variable as before.
        var value = Value(yaml, start, end, text);
        var before = PyYaml(yaml);
        var after = PyYaml(edited);
        Assert.Equal(PyYaml("v: " + JsonSerializer.Serialize(value) + "\n")["v"], after["v"]);
        Assert.Equal(before.Where(kv => kv.Key != "v"), after.Where(kv => kv.Key != "v"));
    }

    private static string Value(string yaml, int start, int end, string text)
    {
        var file = new SourceFile("main.yml", yaml);
        var old = ((TemplateString)AnsibleVarsReader.Read(file).Find("v")!.Value).Value;
        return string.Concat(old.AsSpan(0, start), text, old.AsSpan(end));
    }

    private static Dictionary<string, string> PyYaml(string yaml)
    {
        using var dir = new TempDir();
        var path = dir.Write("main.yml", yaml);
        return TemplateOracle.YamlVariables(JsonSerializer.Serialize(new { files = new[] { path } })).GetProperty("variables")
            .EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
    }

    [Fact]
    public void A_fix_that_rewrites_the_whole_value_becomes_an_edit_of_what_changes_and_keeps_surrogate_pairs_whole()
    {
        var banner = new SourceFile("main.yml", "v: $myhostname ESMTP $mail_name (Debian/GNU)\n");
        var edit = YamlScalarEdit.Of(banner, 3, 0, 41, "$myhostname ESMTP $mail_name", out _)!;
        Assert.Equal((new TextSpan(3 + 28, 13), ""), (edit.Span, edit.NewText));

        var emoji = new SourceFile("main.yml", "v: a\U0001F600b\n");
        var pair = YamlScalarEdit.Of(emoji, 3, 0, 4, "a\U0001F601b", out _)!;
        Assert.Equal((new TextSpan(4, 2), "\U0001F601"), (pair.Span, pair.NewText));
    }

    [Theory]
    [InlineData("v: |\n  localhost\n", "block scalar")]
    [InlineData("v: >\n  localhost\n", "block scalar")]
    [InlineData("v: \"local\n  host\"\n", "several lines")]
    [InlineData("v: local\n  host\n", "several lines")]
    [InlineData("v: &h localhost\nw: *h\n", "anchor")]
    [InlineData("v: !!str localhost\n", "tagged")]
    [InlineData("v: 25\n", "not a plain string")]
    [InlineData("v: yes\n", "not a plain string")]
    public void A_value_that_is_not_one_plain_string_on_one_line_is_refused(string yaml, string why)
    {
        var file = new SourceFile("main.yml", yaml);

        Assert.Null(YamlScalarEdit.Of(file, Variable(file), 0, 0, "x", out var refusal));
        Assert.Contains(why, refusal, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("x\ny")]
    [InlineData("{{ other }}")]
    public void A_new_text_with_a_line_break_or_a_template_is_refused(string text)
    {
        var file = new SourceFile("main.yml", "v: localhost\n");

        Assert.Null(YamlScalarEdit.Of(file, 3, 0, 9, text, out var refusal));
        Assert.NotNull(refusal);
    }

    [Fact]
    public void An_alias_has_no_scalar_of_its_own_to_edit()
    {
        var file = new SourceFile("main.yml", "h: &h localhost\nv: *h\n");

        Assert.Null(YamlScalarEdit.Of(file, file.Text.IndexOf('*', StringComparison.Ordinal), 0, 0, "x", out var refusal));
        Assert.NotNull(refusal);
    }

    [Fact]
    public void Another_use_in_the_role_is_named_with_its_line_and_a_longer_name_is_not_one()
    {
        using var dir = new TempDir();
        var defaults = dir.Write("role/defaults/main.yml", "---\npostfix_banner: $myhostname ESMTP\npostfix_banner_extra: x\n");
        var template = dir.Write("role/templates/main.cf.j2", "smtpd_banner = {{ postfix_banner }}\n");
        var allowed = Allowed(defaults, template);

        Assert.Null(RoleVariableUses.OtherUse(dir.File("role"), "postfix_banner", allowed));

        var tasks = dir.Write("role/tasks/main.yml", "- debug:\n    msg: x\n- debug:\n    msg: \"{{ postfix_banner }}\"\n");
        Assert.Equal(new RoleUse($"{tasks}:4", true), RoleVariableUses.OtherUse(dir.File("role"), "postfix_banner", allowed));

        File.Delete(tasks);
        File.AppendAllText(template, "# {{ postfix_banner }} again\n");
        Assert.Equal(new RoleUse($"{template}:2", true), RoleVariableUses.OtherUse(dir.File("role"), "postfix_banner", allowed));
    }

    [Fact]
    public void A_symlink_or_a_fifo_in_the_role_leaves_the_question_open_without_blocking()
    {
        using var dir = new TempDir();
        var defaults = dir.Write("role/defaults/main.yml", "postfix_banner: x\n");
        var template = dir.Write("role/templates/main.cf.j2", "smtpd_banner = {{ postfix_banner }}\n");
        var allowed = Allowed(defaults, template);
        Directory.CreateDirectory(dir.File("role/files"));
        File.CreateSymbolicLink(dir.File("role/files/elsewhere"), "/etc");

        Assert.Contains("is a symlink", RoleVariableUses.OtherUse(dir.File("role"), "postfix_banner", allowed) is { Found: false } s ? s.Where : "", StringComparison.Ordinal);

        File.Delete(dir.File("role/files/elsewhere"));
        Assert.Equal(0, Mkfifo(dir.File("role/files/pipe"), 0x1B6));
        Assert.Contains("cannot be searched", RoleVariableUses.OtherUse(dir.File("role"), "postfix_banner", allowed) is { Found: false } f ? f.Where : "", StringComparison.Ordinal);
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "mkfifo", SetLastError = true)]
    private static extern int Mkfifo(string path, uint mode);

    private static List<SourceSpan> Allowed(string defaults, string template)
    {
        var yaml = new SourceFile(defaults, File.ReadAllText(defaults));
        var tpl = new SourceFile(template, File.ReadAllText(template));
        var tag = tpl.Text.IndexOf("{{", StringComparison.Ordinal);
        var line = yaml.Text.IndexOf("postfix_banner:", StringComparison.Ordinal);
        return [tpl.Span(tag, tpl.Text.IndexOf("}}", StringComparison.Ordinal) + 2 - tag), yaml.Span(line, yaml.Text.IndexOf('\n', line) - line)];
    }
}
