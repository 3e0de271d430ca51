using MtaLint.Syntax.Exim;
using MtaLint.Tests.Infrastructure;
using MtaLint.Text;

namespace MtaLint.Tests.Exim;

public class EximRoundTripTests
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var path in EximTestHost.AllTestDataFiles().Concat(TestPaths.CorpusFiles("exim")))
        {
            data.Add(path);
        }

        var debian = Path.Combine(TestPaths.OracleRoot, "etc", "exim4");
        data.Add(Path.Combine(debian, "exim4.conf.template"));
        foreach (var fragment in Directory.EnumerateFiles(Path.Combine(debian, "conf.d"), "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(fragment);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void File_prints_back_byte_for_byte(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var file = SourceFile.FromBytes(path, bytes);
        var printed = EximDocument.Parse(file).Print();
        Assert.Equal(file.Text, printed);
        Assert.Equal(bytes, file.Encode(printed));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a = b")]
    [InlineData("a = b\r\n  # c\r\n\r\n")]
    [InlineData("\ufeffx = \\\n y\n\n\n")]
    [InlineData("   \t\n.ifdef X\n\\\n")]
    public void Edge_cases_print_back(string text)
    {
        var file = new SourceFile("t", text);
        Assert.Equal(text, EximDocument.Parse(file).Print());
    }

    [Fact]
    public void Lines_are_classified_by_their_first_non_blank_char()
    {
        var doc = EximDocument.Parse(new SourceFile("t", "a = 1 \\\n  # c\n\n  .ifdef X\nb\r\n"));
        Assert.Equal(
            [EximLineKind.Content, EximLineKind.Comment, EximLineKind.Blank, EximLineKind.Directive, EximLineKind.Content],
            doc.Lines.Select(l => l.Kind));
        Assert.True(doc.Lines[0].EndsWithBackslash);
        Assert.Equal(2, doc.Lines[4].BreakLength);
    }
}
