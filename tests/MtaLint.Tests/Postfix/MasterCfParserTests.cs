using MtaLint.Syntax.Postfix;
using MtaLint.Text;

namespace MtaLint.Tests.Postfix;

/// <summary>master.cf syntax rules as postconf and the master daemon read them.</summary>
public sealed class MasterCfParserTests
{
    private static MasterCfDocument Parse(string text) => MasterCfParser.Parse(new SourceFile("master.cf", text));

    [Fact]
    public void An_entry_has_eight_fields_then_arguments_and_continues_on_indented_lines()
    {
        var doc = Parse("# comment\nsmtp      inet  n       -       y       -       -       smtpd\n  -o a=1\n# inside\n\t-o b=2 arg\n");
        var entry = Assert.Single(doc.Entries);
        Assert.Equal(("smtp", "inet", "n", "-", "y", "-", "-", "smtpd"),
            (entry.ServiceName, entry.Type, entry.Private, entry.Unprivileged, entry.Chroot, entry.Wakeup, entry.MaxProcesses, entry.Command));
        Assert.Equal(["-o", "a=1", "-o", "b=2", "arg"], entry.Arguments.Select(t => t.Text));
        Assert.Equal([("a", "1"), ("b", "2")], entry.Overrides.Select(o => (o.Name, o.Value)));
    }

    [Fact]
    public void The_brace_form_takes_a_value_with_spaces_and_keeps_exact_spans()
    {
        var text = "submission inet n - y - - smtpd\n  -o { smtpd_banner = $myhostname ESMTP ready }\n";
        var o = Assert.Single(Assert.Single(Parse(text).Entries).Overrides);
        Assert.True(o.IsBraced);
        Assert.Equal("smtpd_banner", o.Name);
        Assert.Equal("$myhostname ESMTP ready", o.Value);
        Assert.Equal("-o", text.Substring(o.OptionSpan.Start, o.OptionSpan.Length));
        Assert.Equal("smtpd_banner", text.Substring(o.NameSpan.Start, o.NameSpan.Length));
        Assert.Equal("$myhostname ESMTP ready", text.Substring(o.ValueSpan.Start, o.ValueSpan.Length));
        Assert.Equal("-o { smtpd_banner = $myhostname ESMTP ready }", text.Substring(o.WholeSpan.Start, o.WholeSpan.Length));
    }

    [Fact]
    public void Inline_and_next_line_option_values_are_read_and_options_stop_at_the_first_plain_argument()
    {
        var entry = Assert.Single(Parse("x unix - n n - - pipe -oa=1 -o\n  b=2 flags=R -o c=3\n").Entries);
        Assert.Equal(["a", "b"], entry.Overrides.Select(o => o.Name));
    }

    [Fact]
    public void Braces_keep_blanks_inside_one_field()
    {
        var entry = Assert.Single(Parse("x unix - n n - - pipe argv=/bin/x { a b }\n").Entries);
        Assert.Equal(["argv=/bin/x", "{ a b }"], entry.Arguments.Select(t => t.Text));
    }

    [Theory]
    [InlineData("smtp inet n - y -\n", "bad field count")]
    [InlineData("smtp tcp n - y - - smtpd\n", "invalid type field")]
    [InlineData("smtp inet maybe - y - - smtpd\n", "invalid private field")]
    [InlineData("smtp inet n - y x - smtpd\n", "invalid wakeup field")]
    [InlineData("smtp inet n - y - many smtpd\n", "invalid maxproc field")]
    public void Entries_postfix_refuses_are_errors(string text, string message)
    {
        var error = Assert.Single(Parse(text).Errors);
        Assert.StartsWith(message, error.Message);
    }

    [Fact]
    public void Wakeup_with_a_question_mark_and_unix_dgram_are_valid()
    {
        var doc = Parse("pickup unix n - y 60? 1 pickup\npostlog unix-dgram n - n - 1 postlogd\n");
        Assert.Empty(doc.Errors);
        Assert.Equal(2, doc.Entries.Count);
    }
}
