using MtaLint.Syntax.Sendmail;
using MtaLint.Text;

namespace MtaLint.Tests.Sendmail;

/// <summary>Reusing m4's reading of a text for another must give what parsing the other gives, whichever way it is taken.</summary>
public class M4RereadingTests
{
    private const char Filler = '\uE000';

    // The nodes as m4 reads them: kind, span and, for calls, each argument's items.
    private static string Shape(IEnumerable<M4Node> nodes) => string.Join(" ", nodes.Select(n => n switch
    {
        M4Call { Arguments: { } args } c => $"{c.Name}{c.Span}({string.Join(",", args.Select(a => $"{a.Span}@{a.ContentStart}[{Shape(a.Items)}]"))})",
        _ => $"{n.GetType().Name}{n.Span}",
    }));

    private static (McParseResult Reread, McParseResult Fresh, McParseResult Earlier) Both(string first, string second)
    {
        var earlier = M4Parser.Parse(new SourceFile("sendmail.mc", first));
        var file = new SourceFile("sendmail.mc", second);
        return (M4Rereading.Parse(file, earlier, M4ValueSpans.Of(earlier.Document)), M4Parser.Parse(file), earlier);
    }

    [Fact]
    public void A_hole_line_that_becomes_a_comment_line_outside_values_keeps_the_reading()
    {
        var holes = $"OSTYPE(`linux')dnl\n{new string(Filler, 9)}\nFEATURE(`x')dnl\n";
        var comment = "OSTYPE(`linux')dnl\n#        \nFEATURE(`x')dnl\n";
        var (reread, fresh, earlier) = Both(holes, comment);
        Assert.Same(earlier.Document.Nodes, reread.Document.Nodes);
        Assert.Same(comment, reread.Document.File.Text);
        Assert.Equal(Shape(fresh.Document.Nodes), Shape(reread.Document.Nodes));
        Assert.Equal(comment, reread.Document.Print());
    }

    [Fact]
    public void A_comment_line_where_m4_still_reads_comments_is_parsed_anew()
    {
        // Before the include of cf.m4, # starts an m4 comment: the reading of the hole line (text) is not the comment's.
        var holes = $"{new string(Filler, 9)}\ninclude(`/usr/share/sendmail/cf/m4/cf.m4')dnl\nFEATURE(`x')dnl\n";
        var comment = "#        \ninclude(`/usr/share/sendmail/cf/m4/cf.m4')dnl\nFEATURE(`x')dnl\n";
        var (reread, fresh, _) = Both(holes, comment);
        Assert.IsType<M4Comment>(reread.Document.Nodes[0]);
        Assert.Equal(Shape(fresh.Document.Nodes), Shape(reread.Document.Nodes));
    }

    [Fact]
    public void A_difference_inside_a_value_is_parsed_anew()
    {
        // An argument's leading blanks are skipped, a hole is not: the argument's content starts elsewhere.
        var (reread, fresh, _) = Both($"define(`a',\n{Filler}x)dnl\n", "define(`a',\n x)dnl\n");
        Assert.Equal(Shape(fresh.Document.Nodes), Shape(reread.Document.Nodes));
        Assert.Contains("@13[", Shape(reread.Document.Nodes), StringComparison.Ordinal);
    }

    [Fact]
    public void A_difference_that_makes_a_name_is_parsed_anew()
    {
        var (reread, fresh, _) = Both($"FEATURE{Filler}(`x')dnl\n", "FEATURE_(`x')dnl\n");
        Assert.Equal(Shape(fresh.Document.Nodes), Shape(reread.Document.Nodes));
        Assert.IsType<M4Word>(reread.Document.Nodes[0]);
    }
}
