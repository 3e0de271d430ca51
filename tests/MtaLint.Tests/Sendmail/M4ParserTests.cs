using MtaLint.Dialects;
using MtaLint.Model;
using MtaLint.Model.Sendmail;
using MtaLint.Syntax.Sendmail;
using MtaLint.Text;

namespace MtaLint.Tests.Sendmail;

public class M4ParserTests
{
    private static string Of(McDocument d, TextSpan s) => d.File.Text.Substring(s.Start, s.Length);

    [Fact]
    public void Nested_quotes_are_one_string()
    {
        var d = SendmailTestFiles.Parse("define(`ALIAS_FILE', ``/etc/aliases, /etc/more'')dnl\n");
        var call = Assert.IsType<M4Call>(d.Nodes[0]);
        Assert.Equal("define", call.Name);
        Assert.Equal(2, call.Arguments!.Count);
        var value = call.Arguments[1].SingleQuoted(d.File.Text)!;
        Assert.Equal("`/etc/aliases, /etc/more'", Of(d, value.Inner));
        Assert.IsType<M4Dnl>(d.Nodes[1]);
    }

    [Fact]
    public void Dnl_runs_to_the_end_of_the_line_and_hides_what_is_on_it()
    {
        var d = SendmailTestFiles.Parse("dnl define(`confSMTP_LOGIN_MSG', `$j')\nFEATURE(`x')dnl trailing ` quote\nMAILER(smtp)");
        Assert.Collection(d.Nodes,
            n => Assert.Equal("dnl define(`confSMTP_LOGIN_MSG', `$j')\n", Of(d, Assert.IsType<M4Dnl>(n).Span)),
            n => Assert.Equal("FEATURE", Assert.IsType<M4Call>(n).Name),
            n => Assert.Equal("dnl trailing ` quote\n", Of(d, Assert.IsType<M4Dnl>(n).Span)),
            n => Assert.Equal("MAILER", Assert.IsType<M4Call>(n).Name));
    }

    [Fact]
    public void A_define_split_across_lines_with_dnl_keeps_its_value()
    {
        var file = new SourceFile("sendmail.mc", "define(`confPRIVACY_FLAGS',dnl\n`goaway')dnl\nMAILER(smtp)\n");
        var config = SendmailTestFiles.Analyze(file);
        Assert.Equal("goaway", config.EffectiveSettings["confPRIVACY_FLAGS"]);
        Assert.False(config.Services[0].Vrfy.Enabled);
        Assert.Equal("goaway", config.Services[0].Vrfy.Setting.ValueSpan!.Text);
    }

    [Fact]
    public void Unquoted_names_and_values_and_blanks_before_arguments()
    {
        // As m4 (checked with m4 and sendmail-cf): blanks before an argument are skipped, those after kept,
        // and an unquoted name that is already a macro is expanded first, so that define defines another name.
        const string text = "define(SMART_HOST,\n    relay.example.org)dnl\ndefine(`confSMTP_LOGIN_MSG',\n   $j Mail )dnl\ndefine(confSMTP_LOGIN_MSG, `x')\nMAILER(smtp)\n";
        var config = SendmailTestFiles.Analyze(new SourceFile("sendmail.mc", text));
        Assert.Equal("relay.example.org", config.EffectiveSettings["SMART_HOST"]);
        Assert.Equal("$j Mail ", config.EffectiveSettings["confSMTP_LOGIN_MSG"]);
        Assert.Equal("mx.example.com ESMTP Mail ", config.Services[0].Banner.Rendered);
    }

    [Fact]
    public void Ifdef_runs_only_the_branch_m4_takes_and_keeps_its_spans()
    {
        const string text = "define(`_USE_TLS_')dnl\nifdef(`_USE_TLS_', `\ndefine(`confSERVER_CERT', `/c.pem')\ndefine(`confSERVER_KEY', `/k.pem')\n', `\ndefine(`confSMTP_LOGIN_MSG', `$j Sendmail $v')\n')dnl\nMAILER(smtp)\n";
        var config = SendmailTestFiles.Analyze(new SourceFile("sendmail.mc", text));
        Assert.True(config.Services[0].Tls.HasCertificate);
        Assert.Equal("/c.pem", config.Services[0].Tls.Certificate!.ValueSpan!.Text);
        Assert.Equal("$j Sendmail $v/$Z; $b", config.Services[0].Banner.Setting.Raw);
        Assert.DoesNotContain(config.Assignments, a => a.Name == "confSMTP_LOGIN_MSG");
    }

    [Fact]
    public void Undefine_removes_a_definition()
    {
        var config = SendmailTestFiles.Analyze(new SourceFile("sendmail.mc", "define(`confPRIVACY_FLAGS', `goaway')\nundefine(`confPRIVACY_FLAGS')\nMAILER(smtp)\n"));
        Assert.False(config.EffectiveSettings.ContainsKey("confPRIVACY_FLAGS"));
        Assert.True(config.Services[0].Vrfy.Enabled);
    }

    [Fact]
    public void User_macros_expand_in_values_that_use_them()
    {
        var config = SendmailTestFiles.Analyze(new SourceFile("sendmail.mc", "define(`NAME', `relay.example.org')dnl\ndefine(`confSMTP_LOGIN_MSG', `NAME')dnl\n"));
        Assert.Equal("NAME", config.Services[0].Banner.Setting.Raw);
        Assert.Equal("relay.example.org", config.Services[0].Banner.Setting.Expanded);
    }

    [Fact]
    public void A_macro_that_expands_to_itself_stops_instead_of_hanging()
    {
        var file = new SourceFile("sendmail.mc", "define(`LOOP', `LOOP LOOP')dnl\ndefine(`confSMTP_LOGIN_MSG', `LOOP')dnl\nLOOP\n");
        var result = new SendmailDialect().Analyze([file], AnalysisOptions.Default);
        var error = Assert.Single(result.Errors);
        Assert.Equal(new LinePosition(3, 1), error.Location.Start);
        Assert.Contains("keeps expanding to itself", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_macro_that_multiplies_without_recursing_is_not_called_recursive()
    {
        // A0 uses A1 twice, A1 uses A2 twice...: 40 levels, no macro expands to itself, 2^40 words.
        var defines = string.Concat(Enumerable.Range(0, 40).Select(i => $"define(`A{i}', `A{i + 1} A{i + 1}')dnl\n"));
        var file = new SourceFile("sendmail.mc", defines + "define(`A40', `x')dnl\nA0\n");

        var result = new SendmailDialect().Analyze([file], AnalysisOptions.Default);

        var error = Assert.Single(result.Errors);
        Assert.Equal(new LinePosition(42, 1), error.Location.Start);
        Assert.DoesNotContain("itself (", error.Message, StringComparison.Ordinal);
        Assert.StartsWith($"mtalint stops expanding this after {McEvaluator.MaxSteps + (McEvaluator.StepsPerChar * (long)file.Text.Length):N0} steps", error.Message, StringComparison.Ordinal);
        Assert.Contains("no macro here expands to itself, but macros that use other macros more than once, nested, multiply the text at each level", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("divert(0)\ndefine(`confSMTP_LOGIN_MSG', `$j)dnl\nMAILER(smtp)\n", 2, 30, "never closed")]
    [InlineData("FEATURE(`access_db'\nMAILER(smtp)\n", 1, 8, "argument list of FEATURE")]
    [InlineData("define(`a', ``nested')\n", 1, 13, "never closed")]
    public void Broken_quoting_is_reported_where_it_opened(string text, int line, int column, string message)
    {
        var file = new SourceFile("sendmail.mc", text);
        var result = new SendmailDialect().Analyze([file], AnalysisOptions.Default);
        var error = Assert.Single(result.Errors);
        Assert.Equal(new LinePosition(line, column), error.Location.Start);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(text, new SendmailDialect().Reprint(file));
    }

    [Fact]
    public void Hash_lines_are_comments_only_before_a_cf_m4_include()
    {
        // Before include(cf.m4) a # line is an m4 comment (its ` opens nothing); after it, cf.m4's changecom() turns comments off.
        var d = SendmailTestFiles.Parse("# it`s\ninclude(`/usr/share/sendmail/cf/m4/cf.m4')dnl\n# `quoted'\n");
        Assert.IsType<M4Comment>(d.Nodes[0]);
        Assert.Contains(d.Nodes, n => n is M4Quoted);
        Assert.DoesNotContain(d.Nodes.Skip(1), n => n is M4Comment);
    }

    [Fact]
    public void Local_config_lines_are_kept_as_text()
    {
        const string text = "LOCAL_CONFIG\nKcheck regex -a@MATCH ^([0-9]+<@(aol|msn)\\.com)\nR$* $: $(storage {x} $) $1\n";
        var d = SendmailTestFiles.Parse(text);
        Assert.Equal("LOCAL_CONFIG", Assert.IsType<M4Call>(d.Nodes[0]).Name);
        Assert.Equal(text, d.Print());
    }

    [Fact]
    public void Hostile_nesting_is_refused_not_a_stack_overflow()
    {
        var text = new string('`', 100_000) + new string('\'', 100_000);
        var result = M4Parser.Parse(new SourceFile("x.mc", text));
        Assert.NotNull(result.Error);
        Assert.Equal(text, result.Document.Print());
        var calls = string.Concat(Enumerable.Repeat("define(", 5000));
        var nested = M4Parser.Parse(new SourceFile("y.mc", calls));
        Assert.NotNull(nested.Error);
        Assert.Equal(calls, nested.Document.Print());
    }

    [Theory]
    [InlineData("`a, b' rest", 6)]
    [InlineData("`' rest", 2)]
    [InlineData("``/etc/aliases'' rest", 16)]
    [InlineData("`a `b' c `d `e'' f' rest", 19)]
    public void A_quoted_string_ends_at_the_quote_that_balances_the_first(string text, int end)
    {
        var (quoteEnd, error) = M4Grammar.Quoted(text, 0, text.Length);
        Assert.Null(error);
        Assert.Equal(end, quoteEnd);
    }

    [Theory]
    [InlineData("`never closed")]
    [InlineData("`a `b' still open")]
    public void An_unclosed_quoted_string_is_an_error_at_its_opening(string text)
    {
        var (_, error) = M4Grammar.Quoted(text, 0, text.Length);
        Assert.NotNull(error);
        var parsed = M4Parser.Parse(new SourceFile("sendmail.mc", "dnl first\nword " + text));
        Assert.Equal(new LinePosition(2, 6), parsed.Error?.Location.Start);
        Assert.Equal(error, parsed.Error?.Message);
    }

    [Theory]
    [InlineData("confSMTP_LOGIN_MSG, x", 0, 21, 18)]
    [InlineData("_a1(b)", 0, 6, 3)]
    [InlineData("x 9abc", 2, 6, 2)]
    [InlineData("(abc", 0, 4, 0)]
    [InlineData("abcdef", 1, 4, 4)]
    public void A_name_is_a_letter_or_underscore_then_letters_digits_and_underscores(string text, int start, int sliceEnd, int end)
    {
        Assert.Equal(end, M4Grammar.Word(text, start, sliceEnd));
    }

    [Theory]
    [InlineData("# note\nnext", 6)]
    [InlineData("# to the end", 12)]
    [InlineData("no comment", 0)]
    public void A_comment_runs_to_its_line_break(string text, int end)
    {
        Assert.Equal(end, M4Grammar.Comment(text, 0, text.Length));
    }
}
