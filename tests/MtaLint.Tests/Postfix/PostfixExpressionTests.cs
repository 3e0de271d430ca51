using MtaLint.Model.Postfix;
using MtaLint.Syntax.Postfix;
using MtaLint.Text;

namespace MtaLint.Tests.Postfix;

/// <summary>The $ expression grammar and its evaluation, against what postconf -x printed for the same values.</summary>
public sealed class PostfixExpressionTests
{
    private static PostfixParameters Parameters(params (string Name, string Value)[] main) => new(
        main.ToDictionary(p => p.Name, p => new TextSlice(p.Value)), new Dictionary<string, string>(), new Dictionary<string, string>(), "mx.example.com");

    [Theory]
    [InlineData("$myhostname ${mail_name?X}${mail_name:Y} ${nope?A}${nope:B}", "mx.example.com X B")]
    [InlineData("${mail_name?{ a b }:{c}} x", "a b x")]
    [InlineData("${ mail_name}", "Postfix")]
    [InlineData("${mail_name ? {a} : {b} }", "a")]
    [InlineData("${{1} < {2}?{lt}:{ge}}", "lt")]
    [InlineData("${{3.7} <level {3.10}?{lt}:{ge}}", "lt")]
    [InlineData("${{a}=={a}}", "true")]
    [InlineData("${mail_name?{a}:b}", "a")]
    [InlineData("$(mail_name:x)", "")]
    [InlineData("${mail_name?a{b}c}", "a{b}c")]
    [InlineData("$(myhostname) $$ $$$mail_name", "mx.example.com $ $Postfix")]
    [InlineData("$(mail_name?(a)b)", "(a)b")]
    [InlineData("$my.host", ".host")]
    [InlineData("$undefined_x end", " end")]
    [InlineData("$myhostname${empty?E}${empty:F}", "mx.example.comF")]
    public void Values_expand_like_postconf_x(string value, string expected)
    {
        // postconf prints values with blank runs folded to one space (the operand " a b " keeps its blanks).
        Assert.Equal(PostfixExtractor.Fold(expected), PostfixExtractor.Fold(Parameters(("empty", "")).ExpandText(value)));
    }

    [Fact]
    public void A_braced_operand_keeps_its_inner_blanks_as_smtpd_sends_them()
    {
        Assert.Equal(" a b  x", Parameters().ExpandText("${mail_name?{ a b }:{c}} x"));
    }

    [Theory]
    [InlineData("${myhostname", 0, "truncated macro reference")]
    [InlineData("a $ b", 2, "empty macro name")]
    [InlineData("a $", 2, "empty macro name")]
    [InlineData("${mail_name?{a}b}", 15, "\":\" expected")]
    [InlineData("${mail_name:{a}:b}", 15, "unexpected input")]
    [InlineData("${my.host}x", 4, "attribute name syntax error")]
    [InlineData("${mail_name x}", 11, "attribute name syntax error")]
    public void Values_postfix_cannot_expand_are_errors_at_their_offset(string value, int offset, string message)
    {
        var error = Assert.Throws<PostfixExpressionException>(() => PostfixExpressionParser.ParseValue(value));
        Assert.Equal(offset, error.Offset);
        Assert.StartsWith(message, error.Message);
    }

    [Fact]
    public void Nodes_keep_their_offsets_and_forms()
    {
        var e = PostfixExpressionParser.ParseValue("a $b ${c} $(d) ${e?{$f}:{g}}");
        Assert.Equal([("b", 3), ("c", 7), ("d", 12), ("e", 17), ("f", 21)], e.ReferencedNames().ToList());
        var refs = e.Nodes.OfType<PostfixReference>().ToList();
        Assert.Equal([PostfixReferenceForm.Plain, PostfixReferenceForm.Braces, PostfixReferenceForm.Parentheses], refs.Select(r => r.Form));
        Assert.Equal("${c}", "a $b ${c} $(d) ${e?{$f}:{g}}"[refs[1].Start..refs[1].End]);
    }

    [Fact]
    public void Recursion_follows_parameters_and_stops_on_cycles()
    {
        var p = Parameters(("a", "x $b"), ("b", "y $c"), ("c", "z"), ("loop1", "$loop2"), ("loop2", "$loop1 end"));
        Assert.Equal("x y z", p.Expanded("a"));
        Assert.Equal(" end", p.Expanded("loop2"));
    }

    [Fact]
    public void Host_dependent_defaults_follow_postconf()
    {
        var short_ = new PostfixParameters(new Dictionary<string, TextSlice>(), new Dictionary<string, string>(), new Dictionary<string, string>(), "vm");
        Assert.Equal("vm.localdomain", short_.Expanded("myhostname"));
        Assert.Equal("localdomain", short_.Expanded("mydomain"));
        Assert.Equal("example.com", Parameters().Expanded("mydomain"));
    }

    [Fact]
    public void Parsing_a_megabyte_is_linear()
    {
        // Work measured by what the parse allocates on this thread (deterministic, unlike time):
        // 20 times the value must cost about 20 times, where a quadratic step would cost 400 times.
        var small = string.Concat(Enumerable.Repeat("text $name ${x?{y}} $$ ", 2_000));
        var large = string.Concat(Enumerable.Repeat("text $name ${x?{y}} $$ ", 40_000));
        PostfixExpressionParser.ParseValue(small);
        var a1 = Allocated(() => PostfixExpressionParser.ParseValue(small));
        var a2 = Allocated(() => PostfixExpressionParser.ParseValue(large));
        Assert.True(large.Length > 900_000);
        Assert.True(a2 < a1 * 20 * 2, $"20x the input allocated {a2:N0} bytes against {a1:N0}");
        Assert.Equal(80_000, PostfixExpressionParser.ParseValue(large).ReferencedNames().Count);
    }

    [Fact]
    public void Deep_nesting_is_refused_not_a_stack_overflow()
    {
        var deep = string.Concat(Enumerable.Repeat("${a:", 5_000)) + string.Concat(Enumerable.Repeat("}", 5_000));
        Assert.Throws<PostfixExpressionException>(() => PostfixExpressionParser.ParseValue(deep));
    }

    private static long Allocated(Action action)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
