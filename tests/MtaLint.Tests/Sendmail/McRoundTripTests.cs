using MtaLint.Syntax.Sendmail;

namespace MtaLint.Tests.Sendmail;

public class McRoundTripTests
{
    public static TheoryData<string> AllFiles => SendmailTestFiles.Names(SendmailTestFiles.TestData.Concat(SendmailTestFiles.Corpus).Concat(SendmailTestFiles.DebianExamples));

    [Theory]
    [MemberData(nameof(AllFiles))]
    public void Printing_the_parse_gives_the_bytes_back(string path)
    {
        var bytes = File.ReadAllBytes(SendmailTestFiles.Full(path));
        var file = Text.SourceFile.FromBytes(path, bytes);
        var parsed = M4Parser.Parse(file);
        Assert.Null(parsed.Error);
        Assert.Equal(bytes, file.Encode(parsed.Document!.Print()));
    }

    [Fact]
    public void The_corpus_file_that_is_not_utf8_is_read_as_latin1_and_written_back_exactly()
    {
        var path = SendmailTestFiles.Corpus.Single(p => p.EndsWith("knecht.mc", StringComparison.Ordinal));
        var bytes = File.ReadAllBytes(path);
        var file = Text.SourceFile.FromBytes(path, bytes);
        Assert.Equal(Text.SourceEncoding.Latin1, file.Encoding);
        var config = SendmailTestFiles.Analyze(file);
        Assert.Equal(bytes, file.Encode(M4Parser.Parse(file).Document!.Print()));
        Assert.NotEmpty(config.Services);
    }
}
