using MtaLint.Text;

namespace MtaLint.Tests.Core;

public class SourceFileTests
{
    [Theory]
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF, (byte)'a', (byte)'\n' })]
    [InlineData(new byte[] { (byte)'#', 0xE9, (byte)'t', (byte)'\r', (byte)'\n' })]
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF, 0xFF, 0xFE })]
    [InlineData(new byte[] { })]
    public void Bytes_round_trip_exactly(byte[] bytes)
    {
        var file = SourceFile.FromBytes("f", bytes);
        Assert.Equal(bytes, file.Encode());
    }

    [Fact]
    public void Bom_is_not_part_of_the_text()
    {
        var file = SourceFile.FromBytes("f", [0xEF, 0xBB, 0xBF, (byte)'a']);
        Assert.Equal("a", file.Text);
        Assert.True(file.HasBom);
    }

    [Fact]
    public void Positions_are_one_based()
    {
        var file = new SourceFile("f", "ab\ncd\n");
        Assert.Equal(new LinePosition(1, 1), file.GetPosition(0));
        Assert.Equal(new LinePosition(2, 2), file.GetPosition(4));
        Assert.Equal("cd", file.GetLineText(2));
        Assert.Equal(2, file.LineCount);
    }

    [Fact]
    public void Line_text_excludes_crlf() => Assert.Equal("a", new SourceFile("f", "a\r\nb").GetLineText(1));
}
