using MtaLint.Dialects;
using MtaLint.Syntax.Postfix;
using MtaLint.Text;

namespace MtaLint.Tests.Postfix;

/// <summary>Print(Parse(text)) == text, byte for byte, for every Postfix file the tests know and for edge cases.</summary>
public sealed class PostfixRoundTripTests
{
    [Theory]
    [MemberData(nameof(PostfixFiles.AllAsData), MemberType = typeof(PostfixFiles))]
    public void Every_file_prints_back_byte_for_byte(string relative)
    {
        var path = PostfixFiles.Absolute(relative);
        var bytes = File.ReadAllBytes(path);
        var file = SourceFile.FromBytes(path, bytes);
        var printed = PostfixFiles.IsMaster(path) ? MasterCfParser.Parse(file).Print() : MainCfParser.Parse(file).Print();
        Assert.Equal(bytes, file.Encode(printed));
        Assert.Equal(file.Text, new PostfixDialect().Reprint(file));
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n")]
    [InlineData("a = 1")]
    [InlineData("a = 1\r\n  2\r\n")]
    [InlineData("  orphan\n\tmore\na=b \t \n")]
    [InlineData("# only a comment")]
    [InlineData("a =\n\n\n   \n  # c\n  x\r")]
    [InlineData("broken line without equals\n")]
    [InlineData("smtp inet n - y - - smtpd\n  -o { a = b c }\n  -o x=y\n")]
    [InlineData("smtp inet n - y - - smtpd -o {unclosed\n")]
    public void Edge_cases_print_back(string text)
    {
        Assert.Equal(text, MainCfParser.Parse(new SourceFile("main.cf", text)).Print());
        Assert.Equal(text, MasterCfParser.Parse(new SourceFile("master.cf", text)).Print());
    }
}
