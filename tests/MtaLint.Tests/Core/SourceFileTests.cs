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

public class TextSpanTests
{
    [Theory]
    [InlineData(0, 5, 0, 5, true)] // equal ranges
    [InlineData(0, 5, 4, 5, true)] // one char shared
    [InlineData(0, 5, 5, 3, false)] // adjacent
    [InlineData(2, 0, 2, 4, true)] // insertion at the start of a replaced range
    [InlineData(3, 0, 2, 4, true)] // insertion inside
    [InlineData(6, 0, 2, 4, false)] // insertion at the end
    [InlineData(1, 0, 1, 0, true)] // two insertions at one offset
    [InlineData(1, 0, 2, 0, false)]
    public void Overlap_is_symmetric_and_guards_insertions(int aStart, int aLength, int bStart, int bLength, bool expected)
    {
        var a = new MtaLint.Text.TextSpan(aStart, aLength);
        var b = new MtaLint.Text.TextSpan(bStart, bLength);
        Assert.Equal(expected, a.Overlaps(b));
        Assert.Equal(expected, b.Overlaps(a));
    }
}
