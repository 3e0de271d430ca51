using MtaLint.Dialects;
using MtaLint.Engine;
using MtaLint.Fixes;
using MtaLint.Model;
using MtaLint.Rules;
using MtaLint.Syntax.Templates;
using MtaLint.Text;

namespace MtaLint.Tests.Templates;

/// <summary>
/// Postfix templates linted as the configs they render: every finding at the template's own line and column, only
/// what holds in every rendering, conditions said, absence judged only where nothing can make the setting, fixes on
/// literal text only.
/// </summary>
public sealed class TemplateLintTests
{
    private static readonly AnalysisOptions Options = new(Hostname: "mx.example.com");

    private static readonly PostfixDialect Postfix = new();

    private static LintResult Lint(string text, string path = "/srv/role/templates/main.cf.j2") =>
        new Linter(RuleSet.Default, Options).Lint(Postfix, [new SourceFile(path, text)]);

    private static IEnumerable<string> Ids(LintResult result) => result.Diagnostics.Select(d => d.RuleId);

    private const string Tls = "smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination\nsmtpd_tls_cert_file = /etc/ssl/c.pem\nsmtpd_tls_key_file = /etc/ssl/k.pem\nsmtpd_tls_security_level = may\nsmtp_tls_security_level = may\ndisable_vrfy_command = yes\n";

    [Fact]
    public void The_view_keeps_every_offset_and_reads_control_lines_as_comments_and_expressions_as_opaque_text()
    {
        const string text = "{# managed #}\nmyhostname = {{ fqdn }}\n{% if tls %}\nx = 1\n{% endif %}\n";
        var document = TemplateDocument.Parse(new SourceFile("main.cf.j2", text), JinjaOptions.Ansible);
        var view = TemplateView.Build(document, TemplateView.Unknown);

        Assert.Equal(text.Length, view.Text.Length);
        Assert.Equal(text.Split('\n').Select(l => l.Length), view.Text.Split('\n').Select(l => l.Length));
        var lines = view.Text.Split('\n');
        Assert.StartsWith("#", lines[0]);
        Assert.Equal("myhostname = " + new string(TemplateView.Filler, "{{ fqdn }}".Length), lines[1]);
        Assert.StartsWith("#", lines[2]);
        Assert.Equal("x = 1", lines[3]);
        Assert.StartsWith("#", lines[4]);
        Assert.Single(view.Holes);
        Assert.Equal(text, view.Unmask(view.Text));
    }

    [Fact]
    public void A_resolver_that_knows_an_expression_writes_its_text_where_it_fits()
    {
        const string text = "smtpd_tls_security_level = {{ level }}\n";
        var document = TemplateDocument.Parse(new SourceFile("main.cf.j2", text), JinjaOptions.Ansible);
        var view = TemplateView.Build(document, t => "may");

        Assert.Empty(view.Holes);
        Assert.Single(view.Resolved);
        Assert.Equal("smtpd_tls_security_level = may", view.Text.Split('\n')[0].TrimEnd());
    }

    [Fact]
    public void Literal_parts_of_a_banner_are_judged_and_nothing_is_concluded_from_the_expression()
    {
        var result = Lint("smtpd_banner = {{ ansible_fqdn }} ESMTP $mail_name (Ubuntu)\n" + Tls);

        Assert.Contains("MTA102", Ids(result));
        Assert.Contains("MTA103", Ids(result));
        Assert.DoesNotContain("MTA104", Ids(result));
        Assert.DoesNotContain("MTA105", Ids(result));
        Assert.DoesNotContain("MTA106", Ids(result));
        var os = result.Diagnostics.Single(d => d.RuleId == "MTA102");
        Assert.Equal(new LinePosition(1, 52), os.Start);
        Assert.Same(result.Files[0], os.Finding.File);
        Assert.Contains(os.Finding.Notes, n => n.Contains("{{ ansible_fqdn }} ESMTP Postfix (Ubuntu)", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Diagnostics, d => d.Message.Contains(TemplateView.Filler) || d.Finding.Notes.Any(n => n.Contains(TemplateView.Filler)));
    }

    [Fact]
    public void A_conditional_statement_inside_a_banner_makes_it_unjudged()
    {
        var result = Lint("smtpd_banner = $myhostname ESMTP {% if os %}(Ubuntu){% endif %}\n" + Tls);

        Assert.DoesNotContain("MTA102", Ids(result));
    }

    [Theory]
    [InlineData("smtpd_tls_security_level = {{ postfix_tls_level }}\nsmtpd_tls_cert_file = /c\nsmtpd_tls_key_file = /k\nsmtp_tls_security_level = may\ndisable_vrfy_command = yes\nsmtpd_relay_restrictions = reject_unauth_destination\n", "MTA201")]
    [InlineData("smtp_tls_security_level = {{ level }}\nsmtpd_tls_security_level = may\nsmtpd_tls_cert_file = /c\nsmtpd_tls_key_file = /k\ndisable_vrfy_command = yes\n", "MTA206")]
    [InlineData("disable_vrfy_command = {{ vrfy }}\n" + "smtpd_tls_cert_file = /c\nsmtpd_tls_key_file = /k\nsmtpd_tls_security_level = may\nsmtp_tls_security_level = may\n", "MTA301")]
    [InlineData("smtpd_banner = {{ more }}\n" + Tls, "MTA104")]
    public void A_template_dependent_value_is_not_judged(string text, string rule)
    {
        var literal = Lint(text.Replace("{{ postfix_tls_level }}", "none").Replace("{{ level }}", "none").Replace("{{ vrfy }}", "no").Replace("{{ more }}", "mail"), "/srv/main.cf");
        var template = Lint(text);

        Assert.Contains(rule, Ids(literal)); // the literal value with "none" would be reported: the hole is what silences it
        Assert.DoesNotContain(rule, Ids(template));
    }

    [Theory]
    [InlineData("{% if postfix_tls %}\nsmtpd_use_tls = yes\n{% endif %}\n", "(when `postfix_tls` is true)")]
    [InlineData("{% if postfix_tls %}\n{% else %}\nsmtpd_use_tls = yes\n{% endif %}\n", "(when `postfix_tls` is false)")]
    [InlineData("{% if a %}\n{% elif b %}\nsmtpd_use_tls = yes\n{% endif %}\n", "(when `a` is false and `b` is true)")]
    [InlineData("{% if a %}\n{% if b %}\nsmtpd_use_tls = yes\n{% endif %}\n{% endif %}\n", "(when `a` is true and `b` is true)")]
    public void A_finding_on_a_conditional_line_says_when_it_holds(string text, string when)
    {
        var result = Lint(Tls + text);

        var deprecated = result.Diagnostics.Single(d => d.RuleId == "MTA202");
        Assert.EndsWith(when, deprecated.Message, StringComparison.Ordinal);
        Assert.Equal(Tls.Count(c => c == '\n') + text.Split('\n').ToList().FindIndex(l => l.StartsWith("smtpd_use_tls", StringComparison.Ordinal)) + 1, deprecated.Start!.Value.Line);
    }

    [Fact]
    public void Erb_conditions_are_named_too()
    {
        var result = Lint(Tls + "<% if @tls -%>\nsmtpd_use_tls = yes\n<% end -%>\n", "/srv/templates/main.cf.erb");

        Assert.EndsWith("(when `@tls` is true)", result.Diagnostics.Single(d => d.RuleId == "MTA202").Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{% if a %}\nrelayhost = x\n{% else %}\nrelayhost = y\n{% endif %}\n", 0)] // exclusive branches
    [InlineData("relayhost = x\n{% if a %}\nrelayhost = y\n{% endif %}\n", 0)] // overridden only when a holds
    [InlineData("{% if a %}\nrelayhost = x\n{% endif %}\nrelayhost = y\n", 1)] // the later one always wins
    [InlineData("relayhost = x\nrelayhost = y\n", 1)]
    public void Assignments_in_exclusive_branches_or_overridden_under_a_condition_are_no_duplicates(string text, int duplicates)
    {
        var result = Lint(Tls + text);

        Assert.Equal(duplicates, Ids(result).Count(id => id == "MTA305"));
    }

    [Fact]
    public void A_setting_any_branch_can_make_is_not_reported_absent()
    {
        var template = Lint("{% if tls %}\nsmtpd_tls_security_level = may\nsmtp_tls_security_level = may\n{% endif %}\n{% if hide %}\ndisable_vrfy_command = yes\n{% endif %}\n");
        var none = Lint("# nothing\n", "/srv/main.cf");

        Assert.Contains("MTA301", Ids(none));
        Assert.Contains("MTA206", Ids(none));
        Assert.DoesNotContain("MTA301", Ids(template));
        Assert.DoesNotContain("MTA206", Ids(template));
    }

    [Theory]
    [InlineData("{% for k, v in postfix_main_cf.items() %}\n{{ k }} = {{ v }}\n{% endfor %}\n", "the loop over `postfix_main_cf.items()`")]
    [InlineData("{{ postfix_extra_config }}\n", "`postfix_extra_config`")]
    [InlineData("<% @settings.each do |k, v| -%>\n<%= k %> = <%= v %>\n<% end -%>\n", "the loop over `@settings`")]
    // The dialect sees no assignment start here (a tag first, so an indented line): the loop writes lines with expressions.
    [InlineData("<% $parameters.each |$k, $v| { -%>\n  <%- if $v { -%><%= $k %> = <%= $v %>\n  <%- } -%>\n<% } -%>\n", "the loop over `$parameters`")]
    // The rendering is another template's text (extends) or holds it (include): found in the max-arnold and salt formulas.
    [InlineData("{% extends \"postfix/files/main.cf\" %}\n{% block extra %}\nrelayhost = {{ relayhost }}\n{% endblock %}\n", "the template it extends")]
    [InlineData("{% include \"main.cf.d/tls.j2\" %}\n", "the template it includes")]
    public void Where_variables_make_settings_no_absence_is_reported_and_a_remark_says_so_once(string text, string what)
    {
        var path = text.StartsWith("<% $", StringComparison.Ordinal) ? "/srv/templates/main.cf.epp" : text.StartsWith('<') ? "/srv/templates/main.cf.erb" : "/srv/templates/main.cf.j2";
        var result = Lint("smtpd_banner = $myhostname ESMTP\n" + text, path);

        Assert.DoesNotContain("MTA201", Ids(result));
        Assert.DoesNotContain("MTA206", Ids(result));
        Assert.DoesNotContain("MTA301", Ids(result));
        var remark = Assert.Single(result.Remarks);
        Assert.Contains("settings come from template variables (" + what, remark, StringComparison.Ordinal);
    }

    [Fact]
    public void Ansible_managed_through_the_comment_filter_is_a_comment()
    {
        var result = Lint("{{ ansible_managed | comment }}\n");

        Assert.Empty(result.Remarks);
        Assert.Contains("MTA301", Ids(result));
    }

    [Fact]
    public void A_fix_that_would_touch_a_tag_or_add_a_line_inside_a_block_is_withheld_and_says_why()
    {
        const string text = "smtpd_banner = $myhostname ESMTP {{ suffix }}\n{% if a %}\nrelayhost = x\n{% endif %}\n";
        var file = new SourceFile("/srv/templates/main.cf.j2", text);
        var touching = new FakeRule(config => Finding.At(config.Files[0].Span(0, 12), "touches a tag",
            Fix.Safe("replace", new TextEdit(config.Files[0], new TextSpan(text.IndexOf("ESMTP", StringComparison.Ordinal), 20), "x"))));
        var inside = new FakeRule(config => Finding.At(config.Files[0].Span(0, 12), "adds inside a block",
            Fix.Safe("add", TextEdit.Insert(config.Files[0], text.IndexOf("relayhost", StringComparison.Ordinal), "smtputf8_enable = no\n"))));

        var tagged = new Linter(new RuleSet([touching]), Options).Lint(Postfix, [file]).Diagnostics.Single();
        var blocked = new Linter(new RuleSet([inside]), Options).Lint(Postfix, [file]).Diagnostics.Single();

        Assert.Null(tagged.Fix);
        Assert.Contains("not fixed: the value depends on the template: `suffix` decides it", tagged.Finding.Notes);
        Assert.Null(blocked.Fix);
        Assert.Contains("not fixed: a setting would be added inside a template block", blocked.Finding.Notes);
    }

    [Theory]
    [InlineData("/srv/templates/main.cf.j2", "# {{ ansible_managed }}\nsmtpd_banner = {{ ansible_fqdn }} ESMTP $mail_name $mail_version (Ubuntu)\n{% if relay %}\nrelayhost = [{{ relay }}]\nsmtpd_use_tls = yes\n{% endif %}\n{%- if x %} {# c #}{% endif %}\n")]
    [InlineData("/srv/templates/main.cf.erb", "smtpd_banner = <%= @fqdn %> ESMTP $mail_name $mail_version\n<% if @tls -%>\nsmtpd_use_tls = yes\n<% end -%>\n")]
    [InlineData("/srv/templates/main.cf.epp", "smtpd_banner = <%= $fqdn %> ESMTP $mail_name $mail_version\n<% if $tls { -%>\nsmtpd_use_tls = yes\n<% } -%>\n")]
    public void Fix_leaves_every_tag_byte_identical_and_the_template_reads_back(string path, string text)
    {
        var file = new SourceFile(path, text);
        var linter = new Linter(RuleSet.Default, Options);
        var fixedResult = new Fixer(linter, includeUnsafe: true).Fix(Postfix, [file]);
        var after = fixedResult.Files[0].Text;

        Assert.NotEqual(text, after); // something literal was fixed
        Assert.Equal(Tags(path, text), Tags(path, after));
        Assert.Equal(after, Postfix.Reprint(fixedResult.Files[0]));
        Assert.DoesNotContain(fixedResult.Remaining.Diagnostics, d => d.RuleId == "MTA000");
    }

    private static List<string> Tags(string path, string text)
    {
        var file = new SourceFile(path, text);
        var document = TemplateDocument.Parse(file, TemplateDetector.Recognize(path, text)!);
        return document.Tokens.Where(t => t.IsTag).Select(t => text.Substring(t.Span.Start, t.Span.Length)).ToList();
    }

    [Theory]
    [InlineData("/srv/templates/main.cf.j2", "myhostname = a\n{% if x %}\nrelayhost = b\n", 2, 1)]
    [InlineData("/srv/templates/main.cf.j2", "myhostname = {{ fqdn\nrelayhost = b\n", 1, 14)]
    [InlineData("/srv/templates/main.cf.j2", "{# never closed\nmyhostname = a\n", 1, 1)]
    [InlineData("/srv/templates/main.cf.erb", "myhostname = <%= @fqdn\n", 1, 14)]
    public void A_template_the_engine_refuses_is_one_syntax_error_at_its_place(string path, string text, int line, int column)
    {
        var result = Lint(text, path);

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal("MTA000", error.RuleId);
        Assert.Equal(line, error.Start!.Value.Line);
        Assert.True(error.Start!.Value.Column >= column, $"{error.Start} {error.Message}");
    }

    [Fact]
    public void Tags_in_comments_and_braces_in_values_are_read_as_the_engine_reads_them()
    {
        var result = Lint("# relayhost = {{ relay }}\n" + Tls + "header_checks = regexp:/etc/postfix/h{1,2}\n");

        Assert.DoesNotContain(result.Diagnostics, d => d.RuleId == "MTA000");
        Assert.NotNull(result.Config);
    }

    [Fact]
    public void Deep_nesting_and_a_large_template_take_bounded_work()
    {
        var deep = string.Concat(Enumerable.Range(0, 300).Select(i => $"{{% if v{i} %}}\n")) + "relayhost = x\n" + string.Concat(Enumerable.Repeat("{% endif %}\n", 300));
        var large = string.Concat(Enumerable.Range(0, 20_000).Select(i => i % 3 == 0 ? $"{{% if v{i} %}}\np{i} = {{{{ x{i} }}}}\n{{% endif %}}\n" : $"p{i} = value {i}\n"));
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var deepResult = Lint(deep);
        var largeResult = Lint(large);

        Assert.NotNull(deepResult.Config);
        Assert.NotNull(largeResult.Config);
        var relayhost = deepResult.Config!.Assignments.Single(a => a.Name == "relayhost");
        var when = deepResult.Config.Template!.When(relayhost.WholeSpan);
        Assert.StartsWith("`v0` is true and `v1` is true", when, StringComparison.Ordinal);
        Assert.EndsWith("`v299` is true", when, StringComparison.Ordinal);
        Assert.Equal(6667, largeResult.Diagnostics.Count(d => d.RuleId == "MTA304" && d.Message.Contains("(when `v", StringComparison.Ordinal)));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
    }

    private sealed class FakeRule(Func<MtaConfig, Finding> finding) : IRule
    {
        public string Id => "MTA304";

        public IEnumerable<Finding> Check(MtaConfig config) => [finding(config)];
    }
}
