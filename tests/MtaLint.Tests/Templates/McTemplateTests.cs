using MtaLint.Dialects;
using MtaLint.Engine;
using MtaLint.Fixes;
using MtaLint.Model;
using MtaLint.Rules;
using MtaLint.Syntax.Templates;
using MtaLint.Tests.Cli;
using MtaLint.Tests.Infrastructure;
using MtaLint.Tests.Sendmail;
using MtaLint.Text;

namespace MtaLint.Tests.Templates;

/// <summary>
/// Sendmail .mc templates read as m4 reads their renderings: a tag-only line is a comment line where m4 reads lines
/// and a hole inside a value (checked with the real m4 and sendmail-cf), findings only on what holds in every
/// rendering, conditions said, absence judged only where no variable can write m4 calls, fixes on literal text only.
/// </summary>
public sealed class McTemplateTests
{
    private static readonly SendmailDialect Sendmail = new();

    private const string Head = "divert(-1)dnl\ninclude(`/usr/share/sendmail/cf/m4/cf.m4')dnl\nOSTYPE(`debian')dnl\n";

    private static LintResult Lint(string text, string path = "/srv/role/templates/sendmail.mc.j2") =>
        new Linter(RuleSet.Default, new AnalysisOptions(Hostname: "mx.example.com")).Lint(Sendmail, [new SourceFile(path, text)]);

    private static TemplateView View(string text, string path = "/srv/role/templates/sendmail.mc.j2") =>
        SendmailDialect.ViewOf(new SourceFile(path, text), TemplateView.Unknown)!;

    /// <summary>The real .mc templates of the test data, relative to it.</summary>
    public static TheoryData<string> McTemplates() =>
        TemplateContract.RealTemplates(p => Sendmail.Recognizes(p, () => File.ReadAllText(p)) || Path.GetFileName(p).Contains(".mc.", StringComparison.Ordinal));

    [Theory]
    [MemberData(nameof(McTemplates))]
    public void Each_mc_template_reads_back_byte_for_byte_lints_and_fixes_only_literal_text(string relative) =>
        TemplateContract.ReadsBackLintsAndFixesOnlyLiteralText(Sendmail, relative, file => SendmailDialect.ViewOf(file, t => null));

    [Fact]
    public void The_corpus_holds_mc_templates_of_jinja_and_erb()
    {
        var all = McTemplates().Select(r => r.Data).ToList();
        Assert.True(all.Count >= 5, $"{all.Count} templates");
        Assert.Contains(all, p => p.EndsWith(".mc.j2", StringComparison.Ordinal));
        Assert.Contains(all, p => p.EndsWith(".mc.erb", StringComparison.Ordinal));
    }

    [Fact]
    public void A_tag_only_line_reads_as_a_comment_line_where_m4_reads_lines_and_as_a_hole_inside_a_value()
    {
        const string text = Head
            + "{# the privacy flags #}\n"                             // 4: top level: a comment line
            + "define(`confPRIVACY_FLAGS', `authwarnings,\n"          // 5
            + "{% if y %}\n"                                          // 6: inside a quoted value: a hole
            + "novrfy,\n"
            + "{% endif %}\n"                                         // 8: a hole
            + "noexpn')dnl\n"
            + "FEATURE(`access_db',\n"                                // 10
            + "{% if z %}\n"                                          // 11: inside unquoted arguments: a hole
            + "`hash -o /etc/mail/access')dnl\n"
            + "{% endif %}\n";                                        // 13: top level again
        var view = View(text);
        var lines = view.Text.Split('\n');

        Assert.Equal(text.Length, view.Text.Length);
        Assert.Empty(view.Document.Errors);
        Assert.StartsWith("#", lines[3], StringComparison.Ordinal);
        Assert.Equal(new string(TemplateView.Filler, "{% if y %}".Length), lines[5]);
        Assert.Equal(new string(TemplateView.Filler, "{% endif %}".Length), lines[7]);
        Assert.Equal(new string(TemplateView.Filler, "{% if z %}".Length), lines[10]);
        Assert.StartsWith("#", lines[12], StringComparison.Ordinal);
        Assert.Equal(text, Sendmail.Reprint(new SourceFile("/srv/role/templates/sendmail.mc.j2", text)));

        // Postfix's reading is unchanged: the default view reads every tag-only line as a comment line.
        var plain = TemplateReading.ViewOf(new SourceFile("/srv/role/templates/sendmail.mc.j2", text), TemplateView.Unknown)!;
        Assert.StartsWith("#", plain.Text.Split('\n')[5], StringComparison.Ordinal);

        // The value with a hole in it depends on the rendering: VRFY is judged from nothing the template does not fix.
        var result = Lint(text + "MAILER(`smtp')dnl\n");
        Assert.DoesNotContain(result.Diagnostics, d => d.RuleId is "MTA301" or "MTA302" && d.Finding.Location is not null);
    }

    [Fact]
    public void M4_builds_the_same_cf_from_the_view_as_from_the_rendering_but_for_comment_lines()
    {
        // As Ansible renders it (trim_blocks): each tag-only line dropped. The first is before cf.m4 turns m4's comments
        // off, the last two in LOCAL_CONFIG.
        const string template = "{# managed #}\n" + Head
            + "{% if x %}\ndefine(`confPRIVACY_FLAGS', `goaway')dnl\n{% endif %}\n"
            + "LOCAL_CONFIG\n{% if y %}\nKfoo hash /etc/mail/foo\n{% endif %}\nMAILER(`smtp')dnl\n";
        var rendering = string.Join("\n", template.Split('\n').Where(l => !l.StartsWith("{%", StringComparison.Ordinal) && !l.StartsWith("{#", StringComparison.Ordinal)));
        var view = View(template);
        Assert.Empty(view.Holes);

        var fromView = BuildCf(view.Text);
        var fromRendering = BuildCf(rendering);
        // The masked lines: '#' and the tag's length in blanks (cf.m4's own comment lines are a bare '#').
        bool Masked(string line) => line.Length > 1 && line[0] == '#' && line[1..].All(c => c == ' ');
        Assert.Equal(Body(fromRendering), Body(fromView).Where(l => !Masked(l)));
        // Each of the 5 reaches sendmail.cf as a comment line: the first is an m4 comment m4 copies, and cf.m4 leaves
        // diversion 0 on, so the others are text m4 copies (after cf.m4's changecom() '#' is no m4 comment).
        Assert.Equal(5, Body(fromView).Count(Masked));
        Assert.Contains("O PrivacyOptions=goaway", fromView.Split('\n'));
    }

    [Fact]
    public void Inside_a_quoted_value_m4_copies_a_hash_line_into_the_value_so_the_view_must_not_write_one()
    {
        // What a comment-line mask would give m4, against what the engine renders (the tag-only line dropped).
        var hashed = BuildCf(Head + "define(`confPRIVACY_FLAGS', `authwarnings,\n#\nnovrfy')dnl\nMAILER(`smtp')dnl\n");
        var rendered = BuildCf(Head + "define(`confPRIVACY_FLAGS', `authwarnings,\nnovrfy')dnl\nMAILER(`smtp')dnl\n");
        Assert.Contains("O PrivacyOptions=authwarnings,\n#\nnovrfy", hashed, StringComparison.Ordinal);
        Assert.Contains("O PrivacyOptions=authwarnings,\nnovrfy", rendered, StringComparison.Ordinal);

        var view = View(Head + "define(`confPRIVACY_FLAGS', `authwarnings,\n{% if v %}\nnovrfy,\n{% endif %}\nnoexpn')dnl\n");
        Assert.Empty(view.Document.Errors);
        Assert.DoesNotContain('#', view.Text[Head.Length..]);
        Assert.Equal(2, view.Holes.Count);
    }

    [Fact]
    public void Literal_parts_of_a_banner_are_judged_and_nothing_is_concluded_from_the_expression()
    {
        var result = Lint(Head + "define(`confSMTP_LOGIN_MSG', `{{ x }} Sendmail $v/$Z')dnl\nMAILER(`smtp')dnl\n");
        var ids = result.Diagnostics.Select(d => d.RuleId).ToList();

        Assert.Contains("MTA101", ids); // $v/$Z: the version, whatever x is
        Assert.Contains("MTA103", ids); // "Sendmail"
        Assert.DoesNotContain("MTA104", ids);
        Assert.DoesNotContain("MTA105", ids);
        Assert.DoesNotContain("MTA106", ids);
        var version = result.Diagnostics.Single(d => d.RuleId == "MTA101");
        Assert.Equal(new LinePosition(4, 48), version.Start);
        Assert.Null(version.Finding.Fix);
        Assert.Contains(version.Finding.Notes, n => n.Contains("`x` decides it", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Diagnostics, d => d.Message.Contains(TemplateView.Filler) || d.Finding.Notes.Any(n => n.Contains(TemplateView.Filler)));
    }

    [Fact]
    public void A_define_inside_a_block_is_conditional_and_its_finding_says_when()
    {
        var result = Lint(Head + "<% if @relay -%>\ndefine(`confPRIVACY_FLAGS', `authwarnings')dnl\n<% end -%>\nMAILER(`smtp')dnl\n", "/srv/cookbook/templates/default/sendmail.mc.erb");
        var vrfy = result.Diagnostics.Single(d => d.RuleId == "MTA301" && d.Finding.Location is not null);
        Assert.Equal(5, vrfy.Start!.Value.Line);
        Assert.EndsWith("(when `@relay` is true)", vrfy.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{% if local %}\nDAEMON_OPTIONS(`Name=MTA, Port=smtp, Addr=127.0.0.1')dnl\n{% else %}\nDAEMON_OPTIONS(`Name=MTA, Port=smtp')dnl\n{% endif %}\n")]
    [InlineData("DAEMON_OPTIONS(`Name=MTA, Port=smtp, Addr={{ listen }}')dnl\n")]
    [InlineData("{% if submission %}\nFEATURE(`no_default_msa')dnl\n{% endif %}\nDAEMON_OPTIONS(`Name=MTA, Port=smtp, Addr=127.0.0.1')dnl\n")]
    public void A_listener_a_rendering_may_bind_to_loopback_is_faulted_for_nothing_only_public_listeners_are(string listeners)
    {
        var result = Lint(Head + listeners + "MAILER(`smtp')dnl\n");
        var literal = Lint(Head + "DAEMON_OPTIONS(`Name=MTA, Port=smtp')dnl\nMAILER(`smtp')dnl\n");

        Assert.Contains(literal.Diagnostics, d => d.RuleId == "MTA201");
        Assert.Contains(literal.Diagnostics, d => d.RuleId == "MTA101");
        Assert.DoesNotContain(result.Diagnostics, d => d.RuleId is "MTA201" or "MTA101" or "MTA301");
    }

    [Theory]
    [InlineData("<%= @relay -%>\n", "`@relay`")]
    [InlineData("{{ extra_m4 }}\n", "`extra_m4`")]
    [InlineData("{% for line in extra %}\n{{ line }}dnl\n{% endfor %}\n", "the loop over `extra`")]
    public void Where_variables_can_write_m4_calls_no_absence_is_reported_and_a_remark_says_so(string generating, string what)
    {
        var path = generating.StartsWith("<%", StringComparison.Ordinal) ? "/srv/cookbook/templates/default/sendmail.mc.erb" : "/srv/role/templates/sendmail.mc.j2";
        var result = Lint(Head + generating + "MAILER(`smtp')dnl\n", path);
        var literal = Lint(Head + "MAILER(`smtp')dnl\n", path);

        Assert.Contains(literal.Diagnostics, d => d.RuleId == "MTA201");
        Assert.DoesNotContain(result.Diagnostics, d => d.RuleId == "MTA201");
        Assert.Contains(result.Remarks, r => r.Contains(what, StringComparison.Ordinal) && r.Contains("none is reported missing", StringComparison.Ordinal));
    }

    [Fact]
    public void A_fix_that_would_add_a_define_inside_a_block_is_withheld_and_says_why()
    {
        // The defines a fix adds go where the .mc's own defines end, here inside {% if relay %}: not offered.
        const string text = "divert(-1)dnl\ninclude(`/usr/share/sendmail/cf/m4/cf.m4')dnl\n{% if relay %}\nOSTYPE(`debian')dnl\ndefine(`confTO_IDENT', `0')dnl\nMAILER(`smtp')dnl\n{% endif %}\n";
        var result = Lint(text);
        var vrfy = result.Diagnostics.Single(d => d.RuleId == "MTA301");
        Assert.Null(vrfy.Finding.Fix);
        Assert.Contains("not fixed: a setting would be added inside a template block", vrfy.Finding.Notes);
        var version = result.Diagnostics.Single(d => d.RuleId == "MTA101");
        Assert.EndsWith("(when `relay` is true)", version.Message, StringComparison.Ordinal);
        Assert.Null(version.Finding.Fix);

        var fixedText = new Fixer(new Linter(RuleSet.Default, new AnalysisOptions(Hostname: "mx.example.com")), includeUnsafe: true)
            .Fix(Sendmail, [new SourceFile("/srv/role/templates/sendmail.mc.j2", text)]).Files[0].Text;
        Assert.Equal(text, fixedText);

        // Where the defines end outside every block, the same fix is offered there, after the block.
        var after = Lint(Head + "{% if relay %}\ndefine(`confTO_IDENT', `0')dnl\n{% endif %}\n");
        var fix = after.Diagnostics.Single(d => d.RuleId == "MTA301").Finding.Fix!;
        Assert.All(fix.Edits, e => Assert.True(e.Span.Start >= (Head + "{% if relay %}\ndefine(`confTO_IDENT', `0')dnl\n{% endif %}\n").Length, $"edit at {e.Span.Start}"));
    }

    [Fact]
    public void A_sendmail_template_is_linted_walked_or_named_with_no_note()
    {
        using var dir = new TempDir();
        var path = dir.Write("sendmail.mc.erb", "divert(0)dnl\ndefine(`confSMTP_LOGIN_MSG', `<%= @host %> Sendmail $v')dnl\n");

        foreach (var run in new[] { CliRunner.RunReal("--color", "never", dir.Path), CliRunner.RunReal("--color", "never", path) })
        {
            Assert.Equal(1, run.ExitCode);
            Assert.Contains($"{path}:2:53: warning[MTA101]", run.Stdout);
            Assert.Contains($"{path}:2:44: info[MTA103]", run.Stdout);
            Assert.Contains("clients see: 220 <%= @host %> ESMTP Sendmail", run.Stdout);
            Assert.DoesNotContain("skipped", run.Stderr);
        }
    }

    [Fact]
    public void A_host_file_a_template_includes_is_a_remark_not_an_error()
    {
        // sliim's cookbook includes what Debian's sendmailconfig writes on the host; a plain .mc naming it is an error.
        const string include = "include(`/etc/mail/m4/dialup.m4')dnl\n";
        var template = Lint(Head + include + "MAILER(`smtp')dnl\n");
        var plain = new Linter(RuleSet.Default, new AnalysisOptions(Hostname: "mx.example.com")).Lint(Sendmail, [new SourceFile("/srv/mail/sendmail.mc", Head + include + "MAILER(`smtp')dnl\n")]);

        Assert.Contains(plain.Diagnostics, d => d.RuleId == "MTA000" && d.Message.Contains("/etc/mail/m4/dialup.m4 does not exist", StringComparison.Ordinal));
        Assert.DoesNotContain(template.Diagnostics, d => d.RuleId == "MTA000");
        Assert.Contains(template.Remarks, r => r.Contains("files of the host it renders on, not here: /etc/mail/m4/dialup.m4 (line 4)", StringComparison.Ordinal));
    }

    private static string BuildCf(string text)
    {
        using var dir = new TempDir();
        var path = Path.Combine(dir.Path, "sendmail.mc");
        File.WriteAllText(path, text);
        var cf = SendmailTestFiles.BuildCf(path);
        Assert.NotNull(cf);
        return cf;
    }

    // The .cf's lines but the one that says when and by whom it was built.
    private static List<string> Body(string cf) => cf.Split('\n').Where(l => !l.StartsWith("##### built by", StringComparison.Ordinal)).ToList();
}
