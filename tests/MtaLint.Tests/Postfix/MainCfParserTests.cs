using MtaLint.Syntax.Postfix;
using MtaLint.Text;

namespace MtaLint.Tests.Postfix;

/// <summary>main.cf syntax rules, each as postconf reads them (checked with postconf -n, see testdata/postfix).</summary>
public sealed class MainCfParserTests
{
    private static MainCfDocument Parse(string text) => MainCfParser.Parse(new SourceFile("main.cf", text));

    private static string Value(string text, string name) => Parse(text).Effective[name].Value;

    [Fact]
    public void Continuation_lines_are_joined_with_nothing_between_them()
    {
        // readlline drops the line break and keeps the continuation's leading blanks.
        Assert.Equal("a,  b,\tc", Value("x = a,\n  b,\n\tc\n", "x"));
    }

    [Fact]
    public void Comment_and_blank_lines_inside_a_continued_value_are_skipped_not_terminators()
    {
        Assert.Equal("a  b   c", Value("x = a\n# comment at column 0\n  b\n\n   \n  # indented comment\n   c\ny = 2\n", "x"));
    }

    [Fact]
    public void A_hash_after_text_is_part_of_the_value()
    {
        Assert.Equal("hash:/etc/aliases # not a comment", Value("alias_maps = hash:/etc/aliases # not a comment  \n", "alias_maps"));
    }

    [Fact]
    public void Name_equals_value_without_blanks_and_empty_values_are_assignments()
    {
        var doc = Parse("a=b\nc =\nd = \t\n");
        Assert.Equal(["a", "c", "d"], doc.Assignments.Select(a => a.Name));
        Assert.Equal(["b", "", ""], doc.Assignments.Select(a => a.Value));
    }

    [Fact]
    public void The_last_assignment_wins()
    {
        var doc = Parse("a = 1\nb = 2\na = 3\n");
        Assert.Equal(3, doc.Assignments.Count);
        Assert.Equal("3", doc.Effective["a"].Value);
    }

    [Fact]
    public void Crlf_keeps_the_carriage_return_inside_a_continued_value_and_trims_it_at_the_end()
    {
        Assert.Equal("a\r  b", Value("x = a\r\n  b\r\n", "x"));
    }

    [Fact]
    public void Indented_text_before_the_first_assignment_is_ignored_like_postfix_does()
    {
        var doc = Parse("  stray = 1\n\tmore\nx = 2\n");
        Assert.Single(doc.Orphans);
        Assert.Equal(["x"], doc.Assignments.Select(a => a.Name));
        Assert.Empty(doc.Errors);
    }

    [Theory]
    [InlineData("foo\n", 1, 4, "missing '=' after attribute name")]
    [InlineData("a b = 1\n", 1, 3, "missing '=' after attribute name")]
    [InlineData("= 1\n", 1, 1, "missing attribute name")]
    [InlineData("ok = 1\n\nbad line\n", 3, 5, "missing '=' after attribute name")]
    public void Lines_postfix_refuses_are_errors_with_their_position(string text, int line, int column, string message)
    {
        var doc = Parse(text);
        var error = Assert.Single(doc.Errors);
        Assert.Equal(new LinePosition(line, column), error.Location.Start);
        Assert.StartsWith(message, error.Message);
    }

    [Fact]
    public void Spans_point_at_the_name_and_the_value_across_continuation_lines()
    {
        var text = "# c\nsmtpd_banner = $myhostname\n# inner\n  ESMTP   \nnext = 1\n";
        var a = Parse(text).Effective["smtpd_banner"];
        Assert.Equal("smtpd_banner", text.Substring(a.NameSpan.Start, a.NameSpan.Length));
        Assert.Equal("$myhostname\n# inner\n  ESMTP", text.Substring(a.ValueSpan.Start, a.ValueSpan.Length));
        Assert.Equal("smtpd_banner = $myhostname\n# inner\n  ESMTP   \n", text.Substring(a.WholeSpan.Start, a.WholeSpan.Length));
        Assert.Equal(text.IndexOf("ESMTP", StringComparison.Ordinal), a.ValueText.ToFile(a.Value.IndexOf("ESMTP", StringComparison.Ordinal)));
    }

    [Fact]
    public void An_empty_value_has_an_empty_span_after_the_equals_sign_and_its_blanks()
    {
        var text = "relayhost = \nx =\n";
        var doc = Parse(text);
        Assert.Equal(new TextSpan(12, 0), doc.Assignments[0].ValueSpan);
        Assert.Equal(new TextSpan(16, 0), doc.Assignments[1].ValueSpan);
    }
}
