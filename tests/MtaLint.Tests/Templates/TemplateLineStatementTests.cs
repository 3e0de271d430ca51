using MtaLint.Dialects;
using MtaLint.Engine;
using MtaLint.Model;
using MtaLint.Rules;
using MtaLint.Syntax.Postfix;
using MtaLint.Syntax.Templates;
using MtaLint.Text;

namespace MtaLint.Tests.Templates;

/// <summary>
/// A statement that opens a line with an assignment after it (<c>{% if x %}name = v</c>, <c>&lt;% if @x -%&gt;name = v</c>)
/// and one that closes a value's line (<c>name = v{% endif %}</c>): the name is known and the assignment renders only
/// where the statement's branch is taken. Checked against the real engines (python3-jinja2 as Ansible runs it, Ruby's
/// ERB as Puppet runs it) and the real postconf on each rendering.
/// </summary>
public sealed class TemplateLineStatementTests
{
    [Theory]
    [InlineData("main.cf.j2", "{% if x %}relayhost = [mx.example.com]\n{% endif %}\nmyhostname = a.example\n")]
    // geerlingguy's shape: trim_blocks drops the line break after the endif, the blank line gives one back.
    [InlineData("main.cf.j2", "myhostname = a.example\n{% if x %}relayhost = [mx.example.com]{% endif %}\n\nmydomain = example.org\n")]
    [InlineData("main.cf.j2", "{% if x %}relayhost = [mx.example.com]\n{% else %}relayhost = [b.example]\n{% endif %}\nmyhostname = a.example\n")]
    [InlineData("main.cf.j2", "{% if x %}{# note #}relayhost = [b.example]\n{% endif %}mydomain = example.org\n")]
    [InlineData("main.cf.erb", "<% if @x -%>relayhost = [mx.example.com]\n<% end -%>\nmyhostname = a.example\n")]
    [InlineData("main.cf.erb", "myhostname = a.example\n  <%- if @x -%>relayhost = [mx.example.com]\n  <%- end -%>\nmydomain = example.org\n")]
    [InlineData("main.cf.erb", "myhostname = a.example\n<% unless @x -%>relayhost = [b.example]<% end %>\nmydomain = example.org\n")]
    public void Postconf_reads_each_rendering_as_the_model_says_it_renders(string name, string template)
    {
        var file = new SourceFile("/srv/role/templates/" + name, template);
        var analysis = new PostfixDialect().Analyze([file], new AnalysisOptions(Hostname: "mx.example.com"));
        var facts = analysis.Config!.Template!;
        var main = MainCfParser.Parse(file.WithText(TemplateReading.ViewOf(file, TemplateView.Unknown)!.Text));
        Assert.Contains(main.Assignments, a => facts.When(new SourceSpan(file, a.NameSpan)) is not null);
        Assert.DoesNotContain(main.Assignments, a => a.Name.Contains(TemplateView.Void) || a.Value.Contains(TemplateView.Void) || a.Value.Contains(TemplateView.Filler));
        Assert.Empty(facts.Generated);

        foreach (var x in new[] { true, false })
        {
            var rendering = name.EndsWith(".j2", StringComparison.Ordinal) ? RenderJinja(template, x) : RenderErb(template, x);
            var expected = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var a in main.Assignments)
            {
                // The statement's own place (the line's start) renders where the name after it does.
                var when = facts.When(new SourceSpan(file, new TextSpan(a.WholeSpan.Start, 0)));
                Assert.Equal(when, facts.When(new SourceSpan(file, a.NameSpan)));
                if (when is null || when.EndsWith(x ? "is true" : "is false", StringComparison.Ordinal))
                {
                    expected[a.Name] = a.Value;
                }
            }

            Assert.Equal(expected.OrderBy(p => p.Key), Values(rendering).OrderBy(p => p.Key));
        }
    }

    private static readonly AnalysisOptions Options = new(Hostname: "mx.example.com");

    private static LintResult Lint(string text, string path = "/srv/role/templates/main.cf.j2") =>
        new Linter(RuleSet.Default, Options).Lint(new PostfixDialect(), [new SourceFile(path, text)]);

    [Fact]
    public void A_finding_on_a_line_a_statement_opens_says_when_and_points_at_the_name()
    {
        var result = Lint("{% if postfix_tls %}smtpd_use_tls = yes\n{% endif %}\n");

        var deprecated = result.Diagnostics.Single(d => d.RuleId == "MTA202");
        Assert.EndsWith("(when `postfix_tls` is true)", deprecated.Message, StringComparison.Ordinal);
        Assert.Equal(new LinePosition(1, 21), deprecated.Start);
    }

    [Fact]
    public void A_setting_a_line_statement_makes_is_a_known_name_not_a_setting_from_variables()
    {
        // Before, the line read as a name with a hole: any setting could be set there (a remark said so).
        var result = Lint("{% if hide %}disable_vrfy_command = yes\n{% endif %}\nmyhostname = a.example\n");

        Assert.DoesNotContain("MTA301", result.Diagnostics.Select(d => d.RuleId)); // a branch can make it
        Assert.DoesNotContain(result.Remarks, r => r.Contains("template variables", StringComparison.Ordinal));
    }

    [Theory]
    // The endif drops the line break (trim_blocks) and the next line has text: the rendering joins them, so the value is unknown.
    [InlineData("{% if x %}relayhost = [mx.example.com]{% endif %}\nmyhostname = a.example\n", true)]
    [InlineData("{% if x %}relayhost = [mx.example.com]{% endif %}\n\nmyhostname = a.example\n", false)]
    // Blanks between the statement and the name: the rendered line is a continuation line.
    [InlineData("myhostname = a.example\n{% if x %} relayhost = [mx.example.com]\n{% endif %}\n", true)]
    public void A_statement_next_to_a_line_the_rendering_joins_stays_a_hole(string template, bool hole)
    {
        var file = new SourceFile("/srv/role/templates/main.cf.j2", template);
        var view = TemplateReading.ViewOf(file, TemplateView.Unknown)!;

        Assert.Equal(hole, view.Holes.Count > 0);
        Assert.Equal(template, view.Unmask(view.Text));
        Assert.Equal(template.Split('\n').Select(l => l.Length), view.Text.Split('\n').Select(l => l.Length));
    }

    private static string RenderJinja(string template, bool x) =>
        TemplateOracle.Run("/usr/bin/python3", "python3-jinja2", ["-c", "import jinja2,json,sys; t=sys.stdin.read(); print(json.dumps(jinja2.Environment(trim_blocks=True, keep_trailing_newline=True).from_string(t).render(x=sys.argv[1]=='1')))", x ? "1" : "0"], template).GetString()!;

    // Puppet's ERB: trim_mode '-'.
    private static string RenderErb(string template, bool x) =>
        TemplateOracle.Run("/usr/bin/ruby", "ruby", ["-rerb", "-rjson", "-e", "@x = ARGV[0] == '1'; print JSON.generate(ERB.new($stdin.read, trim_mode: '-').result(binding))", x ? "1" : "0"], template).GetString()!;

    private static Dictionary<string, string> Values(string mainCf) => TemplateViewOracleTests.Values(mainCf);
}
